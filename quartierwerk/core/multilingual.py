"""Content in several languages: the texts offices write, entered beside German, and the language residents
wrote their own texts in.

A model whose texts an office may translate declares them in `TRANSLATED_FIELDS` and carries one JSON column,
`translations = multilingual.translations_field()`, holding `{"ar": {"title": "…", "description": "…"}, …}`.
German is the source and lives in the ordinary columns; a translation exists only where it is not empty. The
languages an office may enter are the ones its city offers (`City.languages`), German excepted.

A model holding text a resident wrote carries `written_in = multilingual.written_in_field()`: the language of
the interface when the text was submitted (any code of the directory's language list).

Reading: `pick(obj, "title")` answers a `LocalText` (a str with `.lang` and `.dir`) in the visitor's language
where it exists, German otherwise. Templates use the one filter `{{ event|localized:"title" }}`
(`core/templatetags/multilingual.py`), which marks the text with the `lang` and `dir` of the language it is
actually in (WCAG 3.1.2).
"""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import interface_languages
from .errors import DomainError
from .languages import Language
from .text import clean_for_column

SOURCE = interface_languages.FALLBACK  # "de": what offices write first, and what every visitor may read
FORM_PREFIX = "i18n"


class LocalText(str):
    """A text together with the language it is in."""

    lang: str = SOURCE

    def __new__(cls, value, lang: str):
        text = super().__new__(cls, value or "")
        text.lang = lang or SOURCE
        return text

    @property
    def dir(self) -> str:
        return interface_languages.text_direction(self.lang)


def translations_field():
    """The JSON column of a model whose texts an office may enter in more languages."""
    return models.JSONField(
        gettext_lazy("translations"),
        default=dict,
        blank=True,
        help_text=gettext_lazy("The texts in the other languages the city offers; German is the source."),
    )


def written_in_field():
    """The column that records which language a resident wrote a text in."""
    return models.CharField(
        gettext_lazy("written in"),
        max_length=12,
        blank=True,
        default="",
        help_text=gettext_lazy("The language the text was written in (the language of the page when sent)."),
    )


def translated_fields(model) -> tuple[str, ...]:
    return tuple(getattr(model, "TRANSLATED_FIELDS", ()))


def source_language(obj) -> str:
    """The language of the ordinary columns: what the resident wrote in, or German."""
    return getattr(obj, "written_in", "") or SOURCE


def pick(obj, name: str, lang: str | None = None) -> LocalText:
    """The text of field `name` in `lang` (the active language by default) where it exists, else the source."""
    lang = lang or translation.get_language() or SOURCE
    translations = getattr(obj, "translations", None)
    if lang != SOURCE and isinstance(translations, dict):
        text = (translations.get(lang) or {}).get(name)
        if isinstance(text, str) and text:
            return LocalText(text, lang)
    return LocalText(getattr(obj, name, "") or "", source_language(obj))


def versions(obj) -> dict[str, dict[str, str]]:
    """Every language of the object's texts, German first: {lang: {field: text}} (for staff)."""
    out = {SOURCE: {name: getattr(obj, name, "") or "" for name in translated_fields(type(obj))}}
    for lang, texts in sorted((getattr(obj, "translations", None) or {}).items()):
        out[lang] = dict(texts)
    return out


def offered(city=None) -> list[str]:
    """The languages beside German an office may enter texts in: its city's, or every interface language."""
    codes = (
        interface_languages.clean(city.languages)
        if city is not None
        else interface_languages.interface_codes()
    )
    return [code for code in codes if code != SOURCE]


def clean(model, data, languages, *, keep: dict | None = None) -> dict:
    """Translations as stored: only offered languages and translated fields, text cleaned, empty ones dropped.

    `keep` holds the stored translations: languages the city no longer offers are kept (not shown, not lost).
    """
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DomainError(_("Translations are given as {language: {field: text}}."), field="translations")
    fields = translated_fields(model)
    out = {lang: texts for lang, texts in (keep or {}).items() if lang not in languages}
    for lang, texts in data.items():
        if lang not in languages:
            raise DomainError(
                _("“%(lang)s” is not a language this city offers for content.") % {"lang": lang},
                field="translations",
            )
        if not isinstance(texts, dict):
            raise DomainError(_("Translations are given as {language: {field: text}}."), field="translations")
        cleaned = {}
        for name, value in texts.items():
            if name not in fields:
                raise DomainError(
                    _("“%(field)s” cannot be translated.") % {"field": name}, field="translations"
                )
            if value is not None and not isinstance(value, str):
                raise DomainError(_("A translation must be text."), field="translations")
            text = clean_for_column(model, name, value or "")
            if text:
                cleaned[name] = text
        if cleaned:
            out[lang] = cleaned
    return out


def language_name(code: str) -> str:
    """The name of a language in the active language, with its own name beside it (“Arabic (العربية)”)."""
    own = dict(settings.LANGUAGES).get(code)
    label = str(Language(code).label) if code in Language.values else code
    return f"{label} ({own})" if own and own != label else label


def clean_written_in(value=None) -> str:
    """The language a resident's text is in: a code of the directory's list, else the active language."""
    code = str(value or "").strip()
    if code:
        if code not in Language.values:
            raise DomainError(_("Please choose the language from the list."), field="written_in")
        return code
    active = translation.get_language() or SOURCE
    return active if active in Language.values else SOURCE


# Forms ----------------------------------------------------------------------------------------------------


def form_field_name(lang: str, name: str) -> str:
    return f"{FORM_PREFIX}_{lang}_{name}"


def add_form_fields(form, model, languages, stored: dict | None = None) -> None:
    """Add one optional field per language and translated field to `form`, after the German ones.

    The fields copy the German field's label and widget, carry the language's `lang` and `dir`, and are grouped
    per language for `includes/form.html` (`form.translation_groups`).
    """
    stored = stored or {}
    form.translation_languages = list(languages)
    form.translation_field_names = []
    form.translation_groups_spec = []
    for lang in languages:
        names = []
        for name in translated_fields(model):
            german = form.fields.get(name)
            column = model._meta.get_field(name)
            widget_class = type(german.widget) if german is not None else forms.TextInput
            if column.get_internal_type() == "TextField" and german is None:
                widget_class = forms.Textarea
            attrs = dict(german.widget.attrs) if german is not None else {}
            attrs.update({"lang": lang, "dir": interface_languages.text_direction(lang)})
            key = form_field_name(lang, name)
            form.fields[key] = forms.CharField(
                label=german.label if german is not None else column.verbose_name,
                required=False,
                max_length=column.max_length,
                widget=widget_class(attrs=attrs),
                initial=(stored.get(lang) or {}).get(name, ""),
                strip=True,
            )
            names.append(key)
            form.translation_field_names.append(key)
        form.translation_groups_spec.append((lang, names))


def form_groups(form) -> list[dict]:
    """The translation fields of a form per language, for the template."""
    return [
        {
            "lang": lang,
            "dir": interface_languages.text_direction(lang),
            "name": language_name(lang),
            "fields": [form[name] for name in names],
        }
        for lang, names in getattr(form, "translation_groups_spec", [])
    ]


def from_form(form, cleaned_data: dict | None = None) -> dict:
    """The translations typed into a form, as {lang: {field: text}} (removes the fields from cleaned_data)."""
    data = form.cleaned_data if cleaned_data is None else cleaned_data
    out: dict[str, dict[str, str]] = {}
    for lang, names in getattr(form, "translation_groups_spec", []):
        for key in names:
            value = data.pop(key, "") or ""
            name = key[len(f"{FORM_PREFIX}_{lang}_") :]
            if value:
                out.setdefault(lang, {})[name] = value
    return out


class TranslationsAdminForm(forms.ModelForm):
    """Admin form of a translatable model: one field per language the city offers, saved into `translations`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self._languages = offered(city_of(self.instance))
        add_form_fields(self, model, self._languages, self.instance.translations if self.instance.pk else {})

    def clean(self):
        data = super().clean()
        typed = from_form(self, data)
        try:
            self.instance.translations = clean(
                self._meta.model, typed, self._languages, keep=self.instance.translations or {}
            )
        except DomainError as exc:
            raise forms.ValidationError(str(exc)) from None
        return data


def city_of(obj):
    """The city whose languages apply to an object (None: every interface language)."""
    for path in ("city", "quarter.city", "fund.quarter.city"):
        value = obj
        try:
            for part in path.split("."):
                if getattr(value, f"{part}_id", True) is None:
                    value = None
                    break
                value = getattr(value, part)
        except Exception:  # noqa: BLE001 - an unsaved object without its relation has no city yet
            value = None
        if value is not None:
            return value
    return None


# JSON API ---------------------------------------------------------------------------------------------------


def api_texts(obj, lang: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """The translated fields in the caller's language: ({field: text}, {field: language it is in})."""
    texts, langs = {}, {}
    for name in translated_fields(type(obj)):
        text = pick(obj, name, lang)
        texts[name], langs[name] = str(text), text.lang
    return texts, langs
