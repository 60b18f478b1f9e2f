"""The languages of the interface (settings.LANGUAGES), the ones each city offers, and their text direction.

A city offers a subset of the interface languages (`City.languages`); German is always among them, because it
is the language of the offices and of every text they write. On a page of a quarter, the language switch shows
only the city's languages, and a visitor whose language the city does not offer reads the page in German.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from . import keycache

FALLBACK = "de"
# One cached lookup per quarter slug serves the page cache (the quarter's id) and the languages of its city.
CACHE_NAMESPACE = "quarter-facts"


def interface_codes() -> list[str]:
    """Every interface language, in the order of settings.LANGUAGES."""
    return [code for code, _name in settings.LANGUAGES]


def all_languages() -> list[str]:
    """The default of a new city: every interface language."""
    return interface_codes()


def clean(codes) -> list[str]:
    """Known interface codes in the order of settings.LANGUAGES, German always included."""
    wanted = {str(code).strip() for code in codes or []} | {FALLBACK}
    return [code for code in interface_codes() if code in wanted]


def is_bidi(code: str) -> bool:
    """Whether a language is written right to left, from Django's language table (any RTL language)."""
    for candidate in (code, code.split("-")[0]):
        try:
            return bool(get_language_info(candidate)["bidi"])
        except KeyError:
            continue
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def text_direction(code: str | None = None) -> str:
    """`rtl` or `ltr` for a language code (the active language by default)."""
    return "rtl" if is_bidi(code or translation.get_language() or FALLBACK) else "ltr"


def quarter_facts(slug: str) -> dict | None:
    """The quarter's id, its city's languages and the theme of its pages (core/theme.py; None: no such
    quarter), from the shared cache."""
    from .models import Quarter

    def load():
        row = (
            Quarter.objects.filter(slug=slug)
            .values_list(
                "pk",
                "city__languages",
                "city__name",
                "city__slug",
                "city__accent_colour",
                "accent_colour",
                "city__logo_type",
                "funders",
                "picture__alt",
                "picture__credit",
            )  # fmt: skip
            .first()
        )
        if not row:
            return None
        pk, languages, city_name, city_slug, city_accent, accent, logo_type, funders, picture_alt, credit = (
            row
        )
        return {
            "id": pk,
            "languages": languages,
            "city_name": city_name,
            "city_slug": city_slug,
            "accent": accent or city_accent,
            "has_logo": bool(logo_type),
            "funders": funders or [],
            # The picture the quarter page leads with (core:quarter_picture); None: the quarter has none.
            "picture": {"alt": picture_alt, "credit": credit} if picture_alt is not None else None,
        }

    return keycache.lookup(CACHE_NAMESPACE, slug, load, timeout=300)


def for_quarter_slug(slug: str) -> list[str] | None:
    """The languages the city of this quarter offers (None: no such quarter)."""
    facts = quarter_facts(slug)
    return facts["languages"] if facts else None


def forget() -> None:
    """A city's languages changed: every worker reads them again."""
    keycache.invalidate(CACHE_NAMESPACE)


class CityLanguageMiddleware:
    """After LocaleMiddleware: on a quarter's public page (`/q/<slug>/…`, not `…/staff/`), keep to the languages
    of its city.

    A language the city does not offer falls back to German; `request.city_languages` tells the language
    switch which languages to show.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        slug = view_kwargs.get("slug")
        if (
            not slug
            or not request.path_info.startswith("/q/")
            or request.path_info.startswith(f"/q/{slug}/staff/")
        ):
            return None  # not a quarter's public page (the office's own pages keep every language)
        offered = for_quarter_slug(slug)
        if offered is None:
            return None
        offered = clean(offered)
        request.city_languages = offered
        if translation.get_language() not in offered:
            translation.activate(FALLBACK)
            request.LANGUAGE_CODE = FALLBACK
        return None
