"""`{{ obj|localized:"field" }}`: a text offices or residents wrote, in the visitor's language where it exists,
marked with the `lang` and `dir` of the language it is actually in (WCAG 3.1.2). A builtin library (settings
`TEMPLATES`), so templates need no `{% load %}`; modules never write these attributes by hand."""

from django import template
from django.utils.html import format_html

from quartierwerk.core import multilingual

register = template.Library()


@register.filter
def localized(obj, field_name: str):
    """The text as `<span lang dir>…</span>` (empty when there is no text).

    `{{ event|localized:"title" }}` picks the field of a translatable object (or a resident's text, with its
    `written_in`); `{{ answer|localized:registration.written_in }}` marks a plain string with a language code.
    """
    if obj is None or obj == "":
        return ""
    if not hasattr(obj, "_meta"):  # a plain value: the argument is its language
        text = multilingual.LocalText(str(obj), field_name or multilingual.SOURCE)
    else:
        text = multilingual.pick(obj, field_name)
    if not text:
        return ""
    return format_html('<span lang="{}" dir="{}">{}</span>', text.lang, text.dir, str(text))


@register.filter
def localized_text(obj, field_name: str) -> str:
    """The same text without markup, for `<title>`, attributes and feeds."""
    if obj is None or obj == "":
        return ""
    return str(multilingual.pick(obj, field_name))


@register.filter
def translation_groups(form) -> list[dict]:
    """The fields a form offers for the other languages, one group per language (`includes/form.html`)."""
    return multilingual.form_groups(form)


@register.filter
def language_label(code: str) -> str:
    """The name of a language code in the active language (“Arabic (العربية)”), for staff pages."""
    return multilingual.language_name(code or multilingual.SOURCE)
