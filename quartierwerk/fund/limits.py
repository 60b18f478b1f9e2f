"""The fund's limits on money and cost plans, in one place for forms, services and API schemas.

Money columns are DECIMAL(12, 2). One amount and one project's total stay at most 99,999,999.99 EUR,
so that sums over a whole fund (inbox totals, exports, the ledger) still fit the column's precision.
"""

from decimal import Decimal

# The column: 12 digits, 2 of them cents (models.money()).
MONEY_MAX_DIGITS = 12
MONEY_DECIMAL_PLACES = 2
# One amount typed by a person: 10 digits, 2 of them cents.
AMOUNT_MAX_DIGITS = 10
AMOUNT_MAX = Decimal("99999999.99")
# A project's total cost (the sum of its cost plan) is held to the same bound.
TOTAL_MAX = AMOUNT_MAX
# Lines of one cost plan.
COST_LINES_MAX = 40
COST_LINE_DESCRIPTION_MAX = 200
# An amount as a string in the API ("1234.50", "1.234,50 €").
AMOUNT_TEXT_MAX = 20
