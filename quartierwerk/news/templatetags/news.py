"""`{{ post|localized_rich:"body" }}`: a post's rich text in the visitor's language, marked with its language."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from quartierwerk.core import multilingual
from quartierwerk.core.text import clean_rich_text

register = template.Library()


@register.filter
def localized_rich(obj, field_name: str):
    """The rich text as `<div lang dir>…</div>`; cleaned when stored and once more here, as it is output raw."""
    text = multilingual.pick(obj, field_name)
    if not text:
        return ""
    return format_html(
        '<div class="news-body" lang="{}" dir="{}">{}</div>',
        text.lang,
        text.dir,
        mark_safe(clean_rich_text(str(text))),  # noqa: S308 - cleaned by nh3 on the line above
    )
