"""Figures as text in templates, the same way as in the PDF and the API."""

from django import template

from ..figures import display, value_of

register = template.Library()


@register.simple_tag
def figure_value(figure, quarter_id, public=False):
    """`{% figure_value figure quarter.pk public=True %}`: the figure of one quarter as text."""
    return display(value_of(figure, quarter_id), figure.unit, public=public)


@register.filter
def shown(row, public=False):
    """A generated report's figure row (JSON) for its single quarter, as text."""
    cell = next(iter((row.get("values") or {}).values()), None) or {}
    return cell.get("display", "–")
