"""`{{ obj|label:"status" }}` and `{% status_badge obj %}`: choice labels and status badges from the cached
tables in `core.choices`. A builtin library (settings `TEMPLATES`), so templates need no `{% load %}`."""

from django import template

from quartierwerk.core import choices
from quartierwerk.core.templatetags import kern

register = template.Library()


@register.filter
def label(obj, field_name: str):
    """The display label of a choice field: what `obj.get_<field>_display` shows ("" for no object, as a
    missing variable shows)."""
    if not hasattr(obj, "_meta"):
        return ""
    return choices.display(obj, field_name)


@register.simple_tag
def status_badge(obj, field_name: str = "status"):
    """A state as a KERN badge, coloured by the tone `core.choices.STATUS_TONES` gives it."""
    value = getattr(obj, field_name)
    return kern.badge(choices.display(obj, field_name), choices.tone(obj, field_name), f"status-{value}")
