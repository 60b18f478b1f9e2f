"""Template filters over the one formatter in `core.formats`: `|amount`, `|number`, `|long_date`, `|long_datetime`,
`|day`, `|medium_date`, `|short_date`, `|short_datetime`, `|time_of_day`, `|month_year`, `|weekday`, `|day_month`,
`|compact_date` (`|compact_date:"time"` with the time), `|duration`, `|file_size`."""

from django import template
from django.utils.html import format_html

from quartierwerk.core import formats

register = template.Library()

register.filter("amount", formats.amount)
register.filter("long_date", formats.long_date)
register.filter("long_datetime", formats.long_datetime)
register.filter("day", formats.day)
for _name in (
    "medium_date",
    "short_date",
    "short_datetime",
    "time_of_day",
    "month_year",
    "weekday",
    "day_month",
):
    register.filter(_name, getattr(formats, _name))
register.filter("duration", formats.duration)
register.filter("file_size", formats.file_size)


@register.filter
def compact_date(value, with_time=False):
    return formats.compact_date(value, bool(with_time))


@register.filter
def number(value, decimals=0):
    return formats.number(value, int(decimals))


@register.filter
def isolate(value) -> str:
    """A value set apart from the text around it (<bdi>): a reference or a German name inside an Arabic
    sentence keeps its own direction, and the punctuation next to it stays where it belongs."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def one_line(value) -> str:
    """Lines of an address on one line, separated by a middle dot: a letterhead's sender line."""
    return " · ".join(line.strip() for line in str(value or "").splitlines() if line.strip())
