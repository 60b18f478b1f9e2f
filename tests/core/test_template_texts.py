"""Every text a visitor sees in a template goes through the catalogues.

Each template under quartierwerk/ is read with Django's template lexer: what stands inside `{% translate %}`,
`{% blocktranslate %}`, a variable or any other tag is replaced by a space; comments, `<script>` and `<style>`
are left out. The rest is parsed as HTML: a text node or a user-visible attribute (title, placeholder,
aria-label, alt, the value of an input button) that still holds a letter is a text outside the catalogues, in
whatever language it is written. An element that names its own language (`lang="de"`: the Leichte-Sprache
page, which exists only in German) is content in that language, not interface, and is not scanned. Mail
templates (`.txt`) are checked the same way, without the HTML part.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2] / "quartierwerk"
MARK = " "
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "aria-description", "aria-roledescription"}
BUTTON_TYPES = {"submit", "button", "reset"}
VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# Reviewed: texts that are the same in every language. Names of the site, of formats and of standards only;
# symbols and numbers need no entry (a word without a letter is never reported).
ALLOWED_PHRASES = [
    # The German name of the offering, shown in German in every language (BITV 2.0 § 4); in the page body it
    # carries lang="de", in the <title> of the German-only page it cannot.
    "Leichte Sprache",
]
ALLOWED = {
    "XLSX",
    "vCard",
    "Quartierwerk",
    "Open311",
    "GeoJSON",
    "iCal",
    "RSS",
    "Atom",
    "JSON",
    "SHA",
    "CSV",
    "PDF",
    "API",
    "OpenAPI",
    "WCAG",
    "TOTP",
    "DSGVO",
    "GDPR",
    "OpenStreetMap",
    "Leaflet",
    "QR",
}

# Templates that are not the interface: vendored or exact copies of a document's own text.
SKIPPED_TEMPLATES: set[str] = set()


def templates() -> list[Path]:
    return sorted(
        p for p in ROOT.rglob("*") if p.suffix in {".html", ".txt"} and "templates" in p.parts and p.is_file()
    )


def masked(source: str) -> str:
    """The template with every tag and variable replaced by MARK, comments and translation blocks removed."""
    out = []
    depth = {"blocktranslate": 0, "comment": 0, "verbatim": 0}
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents.strip() else ""
            if name in ("blocktranslate", "blocktrans"):
                depth["blocktranslate"] += 1
            elif name in ("endblocktranslate", "endblocktrans"):
                depth["blocktranslate"] -= 1
            elif name == "comment":
                depth["comment"] += 1
            elif name == "endcomment":
                depth["comment"] -= 1
            out.append(MARK)
        elif token.token_type == TokenType.TEXT:
            if depth["blocktranslate"] or depth["comment"]:
                continue
            out.append(token.contents)
        elif token.token_type == TokenType.VAR:
            if not depth["blocktranslate"] and not depth["comment"]:
                out.append(MARK)
    return "".join(out)


def untranslated(text: str) -> str | None:
    """The visible words of a text node or attribute, or None when nothing needs a translation."""
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    words = [w for w in re.split(r"[\s.,:;!?()\[\]/|\"'«»„“”‘’–—·•…+*=#@&%§<>{}-]+", text) if w]
    left = [w for w in words if any(ch.isalpha() for ch in w) and w not in ALLOWED]
    return " ".join(left) or None


class Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0
        self.language_tags: list[str] = []  # open elements that name their own language, and their nesting
        self.nested = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        attributes = dict(attrs)
        if self.language_tags:
            if tag == self.language_tags[-1]:
                self.nested += 1
            return
        if attributes.get("lang") and tag not in VOID_ELEMENTS:
            self.language_tags.append(tag)
            self.nested = 0
        for name, value in attrs:
            visible = name in VISIBLE_ATTRIBUTES or (
                name == "value" and tag == "input" and (attributes.get("type") or "") in BUTTON_TYPES
            )
            if visible and value and (words := untranslated(value)):
                self.found.append(f"<{tag} {name}>: {words}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if self.language_tags and tag == self.language_tags[-1]:
            if self.nested:
                self.nested -= 1
            else:
                self.language_tags.pop()

    def handle_data(self, data):
        if not self.skip and not self.language_tags and (words := untranslated(data)):
            self.found.append(f"text: {words}")


def findings(path: Path) -> list[str]:
    source = masked(path.read_text(encoding="utf-8"))
    if path.suffix == ".txt":
        words = untranslated(source)
        return [f"text: {words}"] if words else []
    scanner = Scanner()
    scanner.feed(source)
    scanner.close()
    return scanner.found


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_visible_text_is_marked_for_translation(path):
    if str(path.relative_to(ROOT)) in SKIPPED_TEMPLATES:
        pytest.skip("not interface text")
    assert findings(path) == []


def test_the_scan_finds_text_outside_the_catalogues(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<h1>Bitte warten</h1><p title="Hinweis">{% translate "Fine" %}</p>'
        '<input type="submit" value="Speichern"><img alt="{{ photo.alt }}" src="x.png">'
        "{% blocktranslate %}Also fine {{ n }}{% endblocktranslate %}<script>var a = 'x';</script>"
        '{% comment %}Notiz{% endcomment %} · 12 Quartierwerk <div lang="de"><p>Deutscher Inhalt</p></div>'
        '<tr{% if late %} class="overdue"{% endif %}><td>{{ n }} km</td></tr><button value="save">{% translate "Save" %}</button>'
    )
    assert findings(page) == [
        "text: Bitte warten",
        "<p title>: Hinweis",
        "<input value>: Speichern",
        "text: km",
    ]
