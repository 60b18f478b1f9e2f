"""Every translation catalogue (the project's and each app's, templates and Python in `django.po`, scripts in
`djangojs.po`) compiles, is complete and keeps its placeholders.

German, Arabic, Ukrainian and Turkish must have no empty and no fuzzy entry. Every translated entry keeps each placeholder
(%(name)s, %s, {name}) and each HTML tag of its msgid; Arabic plurals have all six forms, Ukrainian all
three, Turkish both. The compiled .mo files are committed, so each must say what its .po says.
"""

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import ngettext

import quartierwerk

ROOT = Path(quartierwerk.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/*/LC_MESSAGES/*.po"))
# Languages whose catalogues must be complete; a new language joins once every entry is translated.
COMPLETE = {"de", "ar", "uk", "tr"}
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
}
# Languages whose catalogues are translations that must state whether a native speaker has reviewed them.
REVIEWED_OR_DRAFT = {"ar", "uk", "tr"}
PLACEHOLDER = re.compile(r"%\([A-Za-z_0-9]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}")
TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")


def _language(path):
    return path.parent.parent.name


def _name(path):
    return str(path.relative_to(ROOT))


def _marks(text):
    return sorted(PLACEHOLDER.findall(text)), sorted(TAG.findall(text))


def _current(po):
    return [e for e in po if not e.obsolete]


def test_the_catalogues_are_found():
    languages = {(p.parents[3].name if p.parents[3] != ROOT else "", _language(p)) for p in CATALOGUES}
    for app in ("", "reports", "events", "fund", "actors", "participation", "council"):
        assert {(app, "de"), (app, "ar"), (app, "uk"), (app, "tr")} <= languages, app


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_catalogue_compiles(path, tmp_path):
    if shutil.which("msgfmt"):
        result = subprocess.run(
            ["msgfmt", "--check-format", "--check-domain", "-o", str(tmp_path / "django.mo"), str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    po = polib.pofile(str(path))
    po.save_as_mofile(str(tmp_path / "polib.mo"))
    committed = path.with_suffix(".mo")
    assert committed.exists(), f"{_name(committed)} is missing: run compilemessages"
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(committed))}
    for entry in po.translated_entries():
        want = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled.get((entry.msgctxt, entry.msgid))
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == want, f"{_name(committed)} is older than its .po ({entry.msgid!r}): run compilemessages"


@pytest.mark.parametrize("path", [p for p in CATALOGUES if _language(p) in COMPLETE], ids=_name)
def test_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_translations_keep_placeholders_and_tags(path):
    wrong = []
    for entry in polib.pofile(str(path)).translated_entries():
        if entry.msgid_plural:
            allowed = (_marks(entry.msgid), _marks(entry.msgid_plural))
            wrong += [
                (entry.msgid, form) for form in entry.msgstr_plural.values() if _marks(form) not in allowed
            ]
        elif _marks(entry.msgstr) != _marks(entry.msgid):
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


MARKER = re.compile(r"^\[[a-z_]+\] ")


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_translations_carry_no_working_markers(path):
    """A translation never starts with a bracketed marker such as "[fund] " that its msgid does not have."""
    marked = []
    for entry in polib.pofile(str(path)).translated_entries():
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        marked += [
            (entry.msgid, form) for form in forms if MARKER.match(form) and not MARKER.match(entry.msgid)
        ]
    assert marked == []


@pytest.mark.parametrize("path", [p for p in CATALOGUES if _language(p) in PLURAL_FORMS], ids=_name)
def test_plural_forms(path):
    po = polib.pofile(str(path))
    expected = PLURAL_FORMS[_language(path)]
    assert po.metadata["Plural-Forms"].replace(" ", "") == expected.replace(" ", "")
    count = int(re.search(r"nplurals=(\d+)", expected).group(1))
    for entry in _current(po):
        if entry.msgid_plural:
            forms = entry.msgstr_plural
            assert sorted(int(k) for k in forms) == list(range(count)), entry.msgid
            assert all(forms.values()), entry.msgid


@pytest.mark.parametrize("path", [p for p in CATALOGUES if _language(p) in REVIEWED_OR_DRAFT], ids=_name)
def test_translation_states_its_review(path):
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == _language(path)
    status = po.metadata.get("X-Review-Status", "")
    assert status.startswith(("draft", "reviewed")), status


@pytest.mark.parametrize(
    ("n", "form"),
    [(0, 2), (1, 0), (2, 1), (4, 1), (5, 2), (11, 2), (14, 2), (21, 0), (22, 1), (25, 2), (101, 0), (111, 2)],
)
def test_ukrainian_plural_rule(n, form):
    """1, 21, 101 звернення (one); 2–4, 22 звернення (few); 0, 5–20, 25, 111 звернень (many)."""
    rule = gettext.c2py(re.search(r"plural=(.*);", PLURAL_FORMS["uk"]).group(1))
    assert rule(n) == form
    words = ["звернення", "звернення", "звернень"]
    with translation.override("uk"):
        assert ngettext("%(n)s report", "%(n)s reports", n) % {"n": n} == f"{n} {words[form]}"


# Our own scripts (vendored libraries aside): what they show a person must come from the page (data-*
# attributes the translated templates fill) or from gettext() with a djangojs catalogue.
SCRIPTS = sorted(p for p in ROOT.glob("**/static/**/*.js") if "vendor" not in p.parts)
VISIBLE_LITERAL = re.compile(
    r"""(?:\.(?:textContent|innerText|innerHTML|title|placeholder|alt)\s*=|\b(?:alert|confirm|prompt)\(|"""
    r"""setAttribute\(\s*["'](?:aria-label|title|placeholder|alt)["']\s*,)\s*(["'`])([^"'`]*[^\W\d_][^"'`]*)\1"""
)
GETTEXT_CALL = re.compile(r"""\b(?:gettext|ngettext|pgettext|npgettext)\(\s*(["'])(.+?)\1""")


def visible_literals(source: str) -> list[str]:
    """Text a script writes into the page itself, not through gettext() or the page's own attributes."""
    return [m.group(2) for m in VISIBLE_LITERAL.finditer(source)]


def test_the_literal_scan_finds_text_a_script_writes():
    assert visible_literals('status.textContent = "Karte laden";') == ["Karte laden"]
    assert visible_literals("alert('Bitte warten')") == ["Bitte warten"]
    assert visible_literals('el.setAttribute("aria-label", "Schließen")') == ["Schließen"]
    assert visible_literals('status.textContent = gettext("Load map");') == []
    assert visible_literals('say(box.getAttribute("data-locating-text"))') == []
    assert visible_literals('input.value = ""; el.title = "";') == []


@pytest.mark.parametrize("path", SCRIPTS, ids=_name)
def test_scripts_write_no_untranslated_text(path):
    assert visible_literals(path.read_text()) == []


def test_script_texts_are_in_a_complete_javascript_catalogue():
    """Every gettext() text of a script is in the djangojs catalogue of each language, translated."""
    wanted = {m.group(2) for path in SCRIPTS for m in GETTEXT_CALL.finditer(path.read_text())}
    if not wanted:
        assert not [
            p for p in CATALOGUES if p.name == "djangojs.po" and polib.pofile(str(p)).translated_entries()
        ]
        return
    for language in COMPLETE:
        catalogues = [p for p in CATALOGUES if p.name == "djangojs.po" and _language(p) == language]
        assert catalogues, f"no djangojs catalogue for {language}: run make messages"
        translated = {e.msgid for p in catalogues for e in polib.pofile(str(p)).translated_entries()}
        assert wanted - translated == set(), language
