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
