"""One formatter for dates, numbers and amounts in the active language (Django's locale formats underneath).

Every page, PDF and mail writes amounts and long dates through these functions (or the `formatting` template
filters), so a staff page cannot show "14270,00 €" where a public page shows "14.270,00 €".
"""

import datetime
from decimal import Decimal

from django.utils import dateformat, numberformat, timezone
from django.utils.formats import get_format
from django.utils.translation import get_language

# Long dates per language; day and month names come from Django's translations.
LONG_DATE = {"de": "l, j. F Y", "en": "l, j F Y", "ar": "l، j F Y", "uk": "l, j E Y р.", "tr": "j F Y l"}
DAY = {"de": "l, j. F", "en": "l, j F", "ar": "l، j F", "uk": "l, j E", "tr": "j F l"}
TIME = {"de": "H:i", "en": "H:i", "ar": "H:i", "uk": "H:i", "tr": "H:i"}
# Where the currency sign goes.
CURRENCY_FIRST = {"en"}


def _language() -> str:
    return (get_language() or "de").split("-")[0]


def number(value, decimals: int = 0) -> str:
    """A number with the language's decimal and thousands separators: 14.270 (de), 14,270 (en)."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        # Some languages' formats name no grouping; amounts are grouped in threes all the same.
        grouping=get_format("NUMBER_GROUPING") or 3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
        use_l10n=True,
    )


def amount(value, currency: str = "€") -> str:
    """An amount of money: 14.270,00 € (de), €14,270.00 (en); empty for None."""
    if value is None or value == "":
        return ""
    text = number(Decimal(value), 2)
    return f"{currency}{text}" if _language() in CURRENCY_FIRST else f"{text} {currency}"


def long_date(value) -> str:
    """Thursday, 17 December 2026 (en); Donnerstag, 17. Dezember 2026 (de)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return dateformat.format(value, LONG_DATE.get(_language(), LONG_DATE["de"]))


def day(value) -> str:
    """A day without the year, for headings of a list of days: Thursday, 17 December."""
    if value is None:
        return ""
    return dateformat.format(value, DAY.get(_language(), DAY["de"]))


def long_datetime(value) -> str:
    """A long date with the time of day: Donnerstag, 17. Dezember 2026, 18:00."""
    if value is None:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{long_date(value)}, {dateformat.format(value, TIME.get(_language(), 'H:i'))}"
