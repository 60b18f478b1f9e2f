# British order, as in the long dates ("17 December 2026"): 07/12/2026 is the 7th of December, not July.
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Day first without a comma, as in the long dates: 17 December 2026; the 24-hour clock as on every page.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
