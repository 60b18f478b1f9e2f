"""Template filters of the fund."""

from django import template

from quartierwerk.core.templatetags.formatting import isolated_amount

from ..checks import euro as _euro

register = template.Library()


@register.filter(needs_autoescape=True)
def euro(value, autoescape=True) -> str:
    """An amount as the locale writes it, with grouping and the euro sign: 1.234,50 €; in HTML set apart as
    left-to-right (`<bdi dir="ltr">`) so its order holds inside right-to-left text."""
    if value is None or value == "":
        return "—"
    return isolated_amount(_euro(value), autoescape)


@register.filter
def may_configure(user, quarter) -> bool:
    """Whether the user may change the fund's rules here (shows the link)."""
    from ..rules import can_configure_fund

    return bool(can_configure_fund(user, quarter))
