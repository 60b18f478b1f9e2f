"""The KERN components as template tags, so that no template writes their markup by hand: `{% alert %}`,
`{% card %}`, `{% table %}`, `{% dialog %}`, `{% field %}` (block tags), `{% badge %}`, and the `|kern_widget` filter that
includes/field.html renders a form field's input with. A builtin library (settings `TEMPLATES`).
tests/core/test_kern_markup.py checks that templates use these instead of KERN's class names."""

import re

from django import template
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Our tones (core.choices.STATUS_TONES, messages' tags) → KERN's feedback variants.
TONES = {
    "ok": "success",
    "success": "success",
    "warn": "warning",
    "warning": "warning",
    "error": "danger",
    "danger": "danger",
    "info": "info",
    "debug": "info",
}

# The KERN class of a form widget's input, by Django's widget type.
WIDGET_CLASSES = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "nullbooleanselect": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
}


def kern_tone(tone: str) -> str:
    """KERN's feedback variant (info, success, warning, danger) for one of our tones; "" for none."""
    return TONES.get(tone or "", "")


def badge(text, tone: str = "", extra_class: str = ""):
    """A KERN badge with its text (escaped); no tone gives a neutral badge. `{% status_badge %}` uses it."""
    variant = kern_tone(tone) or "neutral"
    classes = f"kern-badge kern-badge--{variant}" + (f" {extra_class}" if extra_class else "")
    return format_html('<span class="{}"><span class="kern-label">{}</span></span>', classes, text)


@register.filter
def kern_widget(field):
    """A bound field's input with KERN's class, marked invalid and described by its help and errors."""
    widget_type = field.widget_type
    css = WIDGET_CLASSES.get(widget_type, "kern-form-input__input")
    attrs = {}
    existing = field.field.widget.attrs.get("class", "")
    if field.errors:
        css += f" {css}--error"
        attrs["aria-invalid"] = "true"
    attrs["class"] = f"{css} {existing}".strip()
    described = [f"{field.auto_id}_helptext"] if field.help_text else []
    described += [f"{field.auto_id}_error_{n}" for n in range(1, len(field.errors) + 1)]
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def kern_choice(choice):
    """One option of a radio or checkbox group with KERN's class, keeping the widget's own attributes."""
    kind = "radio" if choice.data["type"] == "radio" else "checkbox"
    attrs = dict(choice.data["attrs"])
    attrs["class"] = f"kern-form-check__{kind} {attrs.get('class', '')}".strip()
    choice.data = {**choice.data, "attrs": attrs}
    return choice.tag()


class ComponentNode(template.Node):
    """Renders the tag's body into the component's include, with the tag's keyword arguments."""

    def __init__(self, template_name, nodelist, kwargs):
        self.template_name, self.nodelist, self.kwargs = template_name, nodelist, kwargs

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["body"] = self.nodelist.render(context)
        if "tone" in values:
            values["variant"] = kern_tone(values["tone"]) or "info"
        return render_to_string(self.template_name, values)


_CONTROL = re.compile(r"<(input|select|textarea)\b")


class FieldNode(ComponentNode):
    """A field whose control the template writes itself (a filter select, a checkbox per member): KERN's
    wrapper, label, hint and error around it, and KERN's class added to the control."""

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        body = self.nodelist.render(context)
        kind = values.get("kind", "")
        match = _CONTROL.search(body)
        if match:
            tag = match.group(1)
            if kind == "check":
                css = (
                    "kern-form-check__radio"
                    if 'type="radio"' in body[match.start() :]
                    else "kern-form-check__checkbox"
                )
            else:
                css = "kern-form-input__select" if tag == "select" else "kern-form-input__input"
            if values.get("error"):
                css += f" {css}--error"
            body = f'{body[: match.end()]} class="{css}"{body[match.end() :]}'
            if tag == "select" and kind != "check":
                body = f'{body[: match.start()]}<div class="kern-form-input__select-wrapper">{body[match.start() :]}'
                end = body.find("</select>") + len("</select>")
                body = f"{body[:end]}</div>{body[end:]}"
        if "label" not in values:  # the template wrote its <label> itself: it gets KERN's class too
            body = body.replace("<label ", '<label class="kern-label" ', 1)
        values["body"] = mark_safe(body)  # noqa: S308 - the template's own rendered markup
        return render_to_string(self.template_name, values)


def _component(name: str, template_name: str, node_class=ComponentNode):
    def compile_tag(parser, token):
        bits = token.split_contents()[1:]
        kwargs = token_kwargs(bits, parser)
        if bits:
            raise template.TemplateSyntaxError(f"{{% {name} %}} takes keyword arguments only, not {bits}")
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return node_class(template_name, nodelist, kwargs)

    compile_tag.__doc__ = f"`{{% {name} key=value %}}…{{% end{name} %}}`: the body inside {template_name}."
    register.tag(name, compile_tag)


class BadgeNode(ComponentNode):
    """`{% badge tone="warn" %}text{% endbadge %}`: the body as a KERN badge."""

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        return badge(self.nodelist.render(context), values.get("tone", ""), values.get("class", ""))


# {% badge tone="ok" class="…" %}…{% endbadge %}
_component("badge", "", BadgeNode)
# {% hint id="…" %}…{% endhint %}: a field's explanation outside a form field (the place picker's help).
_component("hint", "includes/kern/hint.html")
# {% error id="…" role="alert" %}…{% enderror %}: an error line outside a form field.
_component("error", "includes/kern/error.html")
# {% alert tone="warn" title=_("…") role="alert" id="…" %}<p>…</p>{% endalert %}
_component("alert", "includes/kern/alert.html")
# {% card element="article" title=… heading="h2" class="…" id="…" %}…{% endcard %}
_component("card", "includes/kern/card.html")
# {% table caption=… class="…" %}<thead>…</thead><tbody>…</tbody>{% endtable %}
_component("table", "includes/kern/table.html")
# {% dialog id="…" title=… %}…{% enddialog %}
_component("dialog", "includes/kern/dialog.html")
# {% field label=… for="id" hint=… error=… kind="check" %}<input id="id" …>{% endfield %}
_component("field", "includes/kern/control.html", FieldNode)


@register.simple_tag(takes_context=True)
def page_theme(context):
    """The theme of the page's quarter (core/theme.py): from the quarter and city the view already loaded,
    else from the cached quarter facts; {} off a quarter."""
    from quartierwerk.core import interface_languages, theme

    quarter = context.get("quarter")
    slug = getattr(quarter, "slug", None)
    if not slug:
        return {}
    city = quarter._state.fields_cache.get("city") if hasattr(quarter, "_state") else None
    if city is not None:
        facts = {
            "city_name": city.name,
            "city_slug": city.slug,
            "accent": quarter.accent_colour or city.accent_colour,
            "has_logo": bool(city.logo_type),
            "funders": quarter.funders or [],
        }
    else:
        facts = interface_languages.quarter_facts(slug)
    if not facts:
        return {}
    return facts | {"funder_marks": theme.funders(facts["funders"])}
