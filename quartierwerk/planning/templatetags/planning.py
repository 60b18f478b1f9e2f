"""Small helpers of the planning templates."""

from django import template

register = template.Library()


@register.filter
def key(prefix, value) -> str:
    """`"m"|key:goal.pk` → "m12": a unique id prefix for one of several forms on a page."""
    return f"{prefix}{value}"
