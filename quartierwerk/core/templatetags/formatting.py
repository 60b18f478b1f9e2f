"""Template filters over the one formatter in `core.formats`: `|amount` (isolated in HTML), `|number`, `|long_date`, `|long_datetime`,
`|day`, `|medium_date`, `|short_date`, `|short_datetime`, `|time_of_day`, `|month_year`, `|weekday`, `|day_month`,
`|compact_date` (`|compact_date:"time"` with the time), `|duration`, `|file_size`."""

from django import template
from django.utils.html import format_html

from quartierwerk.core import formats

register = template.Library()


def isolated_amount(text: str, autoescape: bool) -> str:
    """An amount set apart as left-to-right in HTML (<bdi dir="ltr">), so “15.000,00 €” keeps its order
    inside an Arabic sentence; plain text (mails: autoescape off) stays plain."""
    if not autoescape or not text:
        return text
    return format_html('<bdi dir="ltr">{}</bdi>', text)


@register.filter(needs_autoescape=True)
def amount(value, currency="€", autoescape=True):
    return isolated_amount(formats.amount(value, currency), autoescape)


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
