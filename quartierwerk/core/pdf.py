"""PDF documents rendered from HTML templates with WeasyPrint (letters, minutes, records)."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import interface_languages, theme

# Languages written in Arabic script: their PDFs embed Noto Sans Arabic (vendored by `make assets`), since the
# fonts of a server rarely have Arabic glyphs. Latin letters and digits fall back to DejaVu Sans.
ARABIC_SCRIPT = {"ar", "fa", "ckb", "ur", "ps"}
ARABIC_FONT = "Noto Sans Arabic"
FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "noto-sans-arabic"
FONT_FILES = {
    400: "noto-sans-arabic-arabic-400-normal.woff2",
    700: "noto-sans-arabic-arabic-700-normal.woff2",
}


def language_css(language: str) -> str:
    """Extra CSS for a PDF in this language: the Arabic font for Arabic script, the direction for RTL."""
    css = []
    if language.split("-")[0] in ARABIC_SCRIPT:
        for weight, name in FONT_FILES.items():
            css.append(
                f'@font-face {{ font-family: "{ARABIC_FONT}"; font-weight: {weight}; '
                f'src: url("{(FONT_DIR / name).as_uri()}") format("woff2"); }}'
            )
        css.append(
            f'html, body, body * {{ font-family: "{ARABIC_FONT}", "DejaVu Sans", sans-serif !important; }}'
        )
    if interface_languages.is_bidi(language):
        css.append("html, body { direction: rtl; }")
    return "\n".join(css)


def _render(template: str, context: dict, language: str | None = None):
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # Letters, minutes and records are official documents: in the site's language unless asked otherwise.
    language = language or settings.LANGUAGE_CODE
    if context.get("quarter") is not None and "look" not in context:
        # The city's logo and colour at the top, the funders' marks at the end (core/theme.py).
        context = {**context, "look": theme.pdf_look(context["quarter"])}
    with translation.override(language):
        html = render_to_string(template, context)
    extra = language_css(language)
    if not extra:
        return HTML(string=html, url_fetcher=theme.pdf_url_fetcher()).render()
    fonts = FontConfiguration()
    return HTML(string=html, url_fetcher=theme.pdf_url_fetcher()).render(
        stylesheets=[CSS(string=extra, font_config=fonts)], font_config=fonts
    )


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """Render an HTML template to PDF bytes."""
    return _render(template, context, language).write_pdf()


def _texts(box):
    text = getattr(box, "text", None)
    if text:
        yield text
    for child in getattr(box, "children", None) or []:
        yield from _texts(child)


def pdf_text(template: str, context: dict, *, language: str | None = None) -> str:
    """The text a PDF would show, read from WeasyPrint's laid-out pages (for tests and previews)."""
    document = _render(template, context, language)
    return " ".join(t for page in document.pages for t in _texts(page._page_box))
