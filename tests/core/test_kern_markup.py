"""KERN is the front end's base: its stylesheet and fonts are served from our own static files, and no template
writes the markup of a form field, an alert or a badge by hand — the includes and tags of
core/templatetags/kern.py do, so the look stays one system across all apps."""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "quartierwerk"
STATIC = PACKAGE / "static"
# The only templates that may write KERN's field, alert and badge markup: the includes the tags render.
COMPONENT_TEMPLATES = {
    PACKAGE / "templates" / "includes" / "kern" / name
    for name in (
        "alert.html",
        "field.html",
        "control.html",
        "card.html",
        "table.html",
        "dialog.html",
        "hint.html",
        "error.html",
    )
}
# KERN's class names for form fields, alerts, badges, cards, tables and dialogs, and the ones our templates used
# before KERN (a whole class name: "code-card" is a class of its own, "card" is the old box).
RAW_CLASS = re.compile(
    r"""class="[^"]*(?<![\w-])(?:
        kern-form-input[\w-]* | kern-form-check[\w-]* | kern-fieldset[\w-]* | kern-hint | kern-error
      | kern-alert[\w-]* | kern-badge[\w-]* | kern-card[\w-]* | kern-table[\w-]* | kern-dialog[\w-]*
      | field | field-checkbox | field-error | form-errors | error | help
      | message | message-\w+ | badge | badge-\w+ | card | table-wrap
    )(?:\s|")""",
    re.VERBOSE,
)
# A table or dialog element written by hand: {% table %} and {% dialog %} write them. PDFs (templates in a pdf/
# folder) lay out their own tables for paper, and the calendar's month grid is a layout of its own.
RAW_ELEMENT = re.compile(r"<(?:table|dialog)\b(?![^>]*\bclass=\"month-grid\")")


def templates():
    return sorted(p for p in PACKAGE.rglob("templates/**/*.html") if p not in COMPONENT_TEMPLATES)


def hand_written(text: str, pdf: bool = False) -> list[str]:
    """The component class names (and, outside a PDF, the table and dialog elements) a template writes itself."""
    found = [match.group(0) for match in RAW_CLASS.finditer(text)]
    return found if pdf else found + [match.group(0) for match in RAW_ELEMENT.finditer(text)]


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_writes_a_kern_component_by_hand(path):
    found = hand_written(path.read_text(), pdf="pdf" in path.parts)
    assert found == [], (
        "use the KERN tags ({% field %}, {% alert %}, {% badge %}, {% card %}, {% table %}, {% dialog %})"
    )


@pytest.mark.parametrize(
    "snippet",
    [
        '<div class="kern-form-input"><label class="kern-label" for="x">X</label></div>',
        '<p class="message message-warning">Careful</p>',
        '<span class="badge badge-ok">done</span>',
        '<div class="kern-alert kern-alert--info">Note</div>',
        '<span class="kern-badge kern-badge--info">new</span>',
        '<p class="error">Wrong</p>',
        '<section class="card" aria-labelledby="x">',
        '<li class="card event-cancelled">',
        '<form method="post" class="card" novalidate>',
        '<div class="table-wrap" tabindex="0"><table>',
        "<table>",
        '<dialog id="confirm">',
        '<article class="kern-card">',
    ],
)
def test_the_scan_finds_hand_written_markup(snippet):
    assert hand_written(snippet)


def test_the_scan_leaves_other_classes_alone():
    assert hand_written('<p class="meta">x</p><ul class="cards"><li class="fund-ok">y</li></ul>') == []
    assert hand_written('{% card element="li" class="code-card" %}<table class="month-grid">') == []
    assert hand_written("<table><tr><th>Betrag</th></tr></table>", pdf=True) == []


def test_kern_and_its_fonts_are_served_from_our_static_files():
    css = (STATIC / "vendor" / "kern" / "kern.min.css").read_text()
    assert ".kern-btn" in css and ".kern-form-input" in css and "--kern-color-action-default" in css
    font_css = STATIC / "vendor" / "kern" / "fonts" / "fira-sans.css"
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", font_css.read_text())
    assert urls, "the font stylesheet names its faces"
    for url in urls:
        assert "//" not in url, url  # nothing from another host
        assert (font_css.parent / url).resolve().is_file(), url
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", (STATIC / "css" / "quartierwerk.css").read_text()):
        assert not url.startswith(("http", "//")), url
        assert (STATIC / "css" / url).resolve().is_file(), url
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css)


def test_the_base_template_links_kern_before_our_stylesheet(client, db):
    html = client.get("/").content.decode()
    kern = html.index("vendor/kern/kern.min.css")
    assert kern < html.index("vendor/kern/fonts/fira-sans.css") < html.index("css/quartierwerk.css")
    assert 'data-kern-theme="light"' in html


def test_every_kern_token_we_read_is_in_the_trimmed_stylesheet():
    """scripts/kern_prune.py drops the tokens nothing reads; a new use of one needs `make assets` again."""
    kern = (STATIC / "vendor" / "kern" / "kern.min.css").read_text()
    defined = set(re.findall(r"(--kern-[\w-]+):", kern))
    sources = [
        p for p in PACKAGE.rglob("*") if p.suffix in (".css", ".html", ".js") and "vendor" not in p.parts
    ]
    read = {name for p in sources for name in re.findall(r"var\(\s*(--kern-[\w-]+)", p.read_text())}
    assert read and read <= defined, sorted(read - defined)
    assert "prefers-color-scheme: dark" not in kern  # pages are always data-kern-theme="light"
