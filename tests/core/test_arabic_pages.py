"""Public pages of the demo, read in Arabic, show no German interface words.

The demo's content is German on purpose (what the offices wrote: quarter names, events, reports, the
directory). Everything stored in the database counts as that content and is taken out of each text before the
check; so is any element that names its own language (`lang="de"`: the link to the Leichte-Sprache page). What
is left is the interface, and none of its words may be one of the frequent German interface words below.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models

from quartierwerk.core import demo

# Frequent words of a German interface. German terms the translations keep in brackets on purpose (Impressum,
# Träger, Förderrichtlinie, Verfügungsfonds) are not listed: residents meet them on paper.
GERMAN_WORDS = {
    "Bitte",
    "bitte",
    "Quartier",
    "Quartiere",
    "Anmelden",
    "Abmelden",
    "Registrieren",
    "Speichern",
    "Senden",
    "Suchen",
    "Suche",
    "Zurück",
    "Weiter",
    "Alle",
    "Mehr",
    "Meldung",
    "Meldungen",
    "Veranstaltung",
    "Veranstaltungen",
    "Termine",
    "Heute",
    "Öffnungszeiten",
    "Kontakt",
    "Sprache",
    "Startseite",
    "Karte",
    "Liste",
    "Datum",
    "Uhr",
    "und",
    "oder",
    "für",
    "mit",
    "nicht",
    "Sie",
    "Ihre",
    "Ihr",
    "Seite",
    "Antrag",
    "Anträge",
    "Förderung",
    "Barrierefreiheit",
    "Datenschutz",
    "Erklärung",
    "Filter",
    "Kategorie",
    "Status",
    "Beschreibung",
    "Adresse",
    "Telefon",
    "geöffnet",
    "geschlossen",
    "offen",
    "erledigt",
    "neu",
    "Neu",
}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def normal(text: str) -> str:
    return " ".join(text.replace("…", " ").split())


# Stored texts that are not content: mails, history, queued tasks, sessions.
NOT_CONTENT = {"core.outboxmail", "core.auditentry", "sessions.session", "admin.logentry"}


def content_texts() -> list[str]:
    """Every text stored in the database (the demo's German content), whole and line by line, longest first."""
    texts = set()
    for model in apps.get_models():
        if model._meta.label_lower in NOT_CONTENT or model._meta.app_label.startswith("django_tasks"):
            continue
        fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                if not value or not isinstance(value, str):
                    continue
                for part in [value, *value.splitlines()]:
                    part = normal(part)
                    if len(part) >= 3:
                        texts.add(part)
    return sorted(texts, key=len, reverse=True)


class Texts(HTMLParser):
    """The visible texts of a page: text nodes and visible attributes, outside script, style and lang="…"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.skip: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.skip:
            if tag == self.skip[-1] and tag not in VOID:
                self.skip.append(tag)
            return
        if tag in ("script", "style") or (attributes.get("lang") and tag != "html" and tag not in VOID):
            self.skip.append(tag)
            return
        self.texts.extend(value for name, value in attrs if name in VISIBLE_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if self.skip and tag == self.skip[-1]:
            self.skip.pop()

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(data)


def german_words(html: str, content: list[str]) -> set[str]:
    parser = Texts()
    parser.feed(html)
    found = set()
    for text in parser.texts:
        text = normal(text)
        for piece in content:
            if len(text) < len(piece) // 4:
                continue
            if piece in text:
                text = text.replace(piece, " ")
            elif len(text) >= 12 and text in piece:
                text = ""  # a shortened piece of content (truncated description)
                break
        found |= set(re.findall(r"[\wÄÖÜäöüß]+", text)) & GERMAN_WORDS
    return found


@pytest.fixture
def demo_pages(client, db):
    data = demo.load()
    client.cookies["django_language"] = "ar"
    return data


def public_pages(client) -> list[str]:
    """Ten public pages: the start page, a quarter, its lists, one detail of each, the fund and two legal pages."""
    quarter = "/q/gruenau/"
    pages = [
        "/",
        quarter,
        quarter + "reports/",
        quarter + "events/",
        quarter + "actors/",
        quarter + "fund/",
        "/barrierefreiheit/",
        quarter + "datenschutz/",
    ]
    for listing, pattern in (
        (quarter + "reports/", r'href="(/q/gruenau/reports/\d+/)"'),
        (quarter + "actors/", r'href="(/q/gruenau/actors/(?!register/)[\w-]+/)"'),
    ):
        match = re.search(pattern, client.get(listing).content.decode())
        assert match, f"no detail link on {listing}"
        pages.append(match.group(1))
    return pages


def test_public_pages_in_arabic_show_no_german_interface_words(client, demo_pages):
    pages = public_pages(client)
    assert len(pages) == 10
    content = content_texts()
    problems = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="ar" dir="rtl">' in html, path
        if words := german_words(html, content):
            problems[path] = sorted(words)
    assert problems == {}
    # The same pages in German do show these words: the content taken out above does not hide the interface.
    client.cookies["django_language"] = "de"
    for path in pages:
        words = german_words(client.get(path).content.decode(), content)
        assert len(words) >= 3, (path, words)


def test_the_check_sees_german_interface_text():
    html = (
        '<html lang="ar"><p>Bitte hier klicken</p><p lang="de">Bitte</p><p>مرحبا Gartenfest im Hof</p></html>'
    )
    assert german_words(html, ["Gartenfest im Hof"]) == {"Bitte"}


def test_operator_names_are_isolated_in_arabic(client, demo_pages):
    """A German name ending in "e. V." inside an Arabic line keeps its full stop where it belongs."""
    for path in ("/", "/q/leipziger-osten/"):
        html = client.get(path).content.decode()
        assert "<bdi>Quartiersbüro Ost e. V.</bdi>" in html, path
