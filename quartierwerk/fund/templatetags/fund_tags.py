"""Template filters of the fund."""

from django import template

from ..checks import euro as _euro

register = template.Library()


@register.filter
def euro(value) -> str:
    """An amount as the locale writes it, with grouping and the euro sign: 1.234,50 €."""
    if value is None or value == "":
        return "—"
    return _euro(value)


@register.filter
def may_configure(user, quarter) -> bool:
    """Whether the user may change the fund's rules here (shows the link)."""
    from ..rules import can_configure_fund

    return bool(can_configure_fund(user, quarter))
