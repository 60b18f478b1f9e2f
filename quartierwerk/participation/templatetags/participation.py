"""Small helpers of the participation templates: a person's dots on an idea and the dots left."""

from django import template

register = template.Library()


@register.simple_tag
def dots_on(dots, idea) -> int:
    """How many of the person's dots lie on this idea."""
    return (dots or {}).get("points", {}).get(idea.pk, 0)


@register.filter
def dots_left(dots) -> int:
    return max(0, (dots or {}).get("budget", 0) - (dots or {}).get("used", 0))


# Counts of people below this are printed as "fewer than 3": one or two supporters, or one or two answers of
# a kind, could point at a person in a small quarter.
SMALL = 3


@register.filter
def few(count):
    """A count of people for a printed report: the number, or "fewer than 3" for 1 and 2 (0 stays 0)."""
    from django.utils.translation import gettext

    try:
        n = int(count)
    except (TypeError, ValueError):
        return count
    return gettext("fewer than 3") if 0 < n < SMALL else str(n)
