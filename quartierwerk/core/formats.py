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
# A date with abbreviated weekday and month, for lists of events: "Do, 17. Dez 2026".
COMPACT_DATE = {"de": "D, j. M Y", "en": "D, j M Y", "ar": "l، j F Y", "uk": "D, j E Y", "tr": "j M Y D"}
# Day and month without the year: "17. Dez".
DAY_MONTH = {"de": "j. M", "en": "j M", "ar": "j F", "uk": "j E", "tr": "j M"}
# Where the currency sign goes.
CURRENCY_FIRST = {"en"}
# The comma between a date and its time: Arabic writes its own.
COMMA = {"ar": "، "}


def _language() -> str:
    return (get_language() or "de").split("-")[0]


def _comma() -> str:
    return COMMA.get(_language(), ", ")


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
    return f"{long_date(value)}{_comma()}{dateformat.format(value, TIME.get(_language(), 'H:i'))}"


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _named(value, name: str) -> str:
    """A date in one of the language's named formats (quartierwerk/formats/<language> over Django's)."""
    if value is None or value == "":
        return ""
    return dateformat.format(_local(value), get_format(name))


def medium_date(value) -> str:
    """A date without weekday: 17. Dezember 2026 (de), 17 December 2026 (en), 17 грудня 2026 р. (uk)."""
    return _named(value, "DATE_FORMAT")


def short_date(value) -> str:
    """A date in digits, day first: 17.12.2026 (de, uk, tr), 17/12/2026 (en)."""
    return _named(value, "SHORT_DATE_FORMAT")


def short_datetime(value) -> str:
    """A short date with the time of day: 17.12.2026 18:00."""
    return _named(value, "SHORT_DATETIME_FORMAT")


def time_of_day(value) -> str:
    """The time of day, 24 hours in every language: 18:00."""
    if value is None or value == "":
        return ""
    return dateformat.time_format(_local(value), TIME.get(_language(), "H:i"))


def month_year(value) -> str:
    """A month of the calendar: Dezember 2026."""
    return _named(value, "YEAR_MONTH_FORMAT")


def weekday(value) -> str:
    """The weekday's name: Donnerstag."""
    return "" if value is None else dateformat.format(value, "l")


def compact_date(value, with_time: bool = False) -> str:
    """A date with short weekday and month, for lists: Do, 17. Dez 2026 (with the time: …, 18:00)."""
    if value is None or value == "":
        return ""
    value = _local(value)
    text = dateformat.format(value, COMPACT_DATE.get(_language(), COMPACT_DATE["de"]))
    return f"{text}{_comma()}{time_of_day(value)}" if with_time else text


def day_month(value) -> str:
    """Day and month without the year: 17. Dez."""
    return (
        "" if value is None else dateformat.format(_local(value), DAY_MONTH.get(_language(), DAY_MONTH["de"]))
    )


def duration(seconds) -> str:
    """A length of time as minutes:seconds: 2:45 (hours first from one hour on: 1:02:45)."""
    if seconds in (None, ""):
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def file_size(size) -> str:
    """A file size in the language's number format: 12,4 MB (de), 12.4 MB (en); KB below one megabyte."""
    if size in (None, ""):
        return ""
    size = int(size)
    if size < 1024 * 1024:
        return f"{number(Decimal(size) / 1024, 0) if size >= 1024 else number(1)} KB"
    return f"{number(Decimal(size) / (1024 * 1024), 1)} MB"
