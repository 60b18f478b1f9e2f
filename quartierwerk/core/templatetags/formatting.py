"""Template filters over the one formatter in `core.formats`: `|amount`, `|number`, `|long_date`, `|long_datetime`, `|day`."""

from django import template

from quartierwerk.core import formats

register = template.Library()

register.filter("amount", formats.amount)
register.filter("long_date", formats.long_date)
register.filter("long_datetime", formats.long_datetime)
register.filter("day", formats.day)


@register.filter
def number(value, decimals=0):
    return formats.number(value, int(decimals))


@register.filter
def one_line(value) -> str:
    """Lines of an address on one line, separated by a middle dot: a letterhead's sender line."""
    return " · ".join(line.strip() for line in str(value or "").splitlines() if line.strip())
