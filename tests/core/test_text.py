"""The one text cleaner: NFC, control characters and lone surrogates dropped, markup removed, lengths held."""

import pytest

from quartierwerk.core.errors import DomainError
from quartierwerk.core.text import clean_for_column, clean_line, clean_rich_text, clean_text, strip_controls


def test_text_is_stored_in_nfc():
    decomposed = "Gru\u0308nau"  # u + combining diaeresis
    assert len(decomposed) == 7
    assert clean_text(decomposed) == "Gr\u00fcnau" and len(clean_text(decomposed)) == 6


@pytest.mark.parametrize(
    "control", ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x80", "\x9f", "\ufffe"]
)
def test_control_characters_are_dropped(control):
    assert clean_text(f"Laterne{control} kaputt") == "Laterne kaputt"


def test_line_breaks_and_tabs_stay_in_text_but_not_in_a_line():
    assert clean_text("erste\r\nzweite\rdritte\u2028vierte\x85fünf\tsechs") == (
        "erste\nzweite\ndritte\nvierte\nfünf\tsechs"
    )
    assert clean_line("Hof-\n\n  fest\t im\r\nHof") == "Hof- fest im Hof"


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc80"])
def test_lone_surrogates_are_dropped(surrogate):
    cleaned = clean_text(f"a{surrogate}b")
    assert cleaned == "ab"
    cleaned.encode("utf-8")  # would raise on a surrogate


def test_markup_is_removed_and_entities_decoded():
    assert clean_text("<b>fett</b> &amp; <script>alert(1)</script>mehr") == "fett & mehr"
    assert clean_text("Tom &lt;3 & Jerry") == "Tom <3 & Jerry"
    assert clean_text("a < b > c") == "a < b > c"


def test_none_and_white_space():
    assert clean_text(None) == "" and clean_line("   ") == ""


def test_too_long_raises_with_the_field_or_truncates():
    with pytest.raises(DomainError) as caught:
        clean_line("x" * 11, max_length=10, field="title")
    assert caught.value.field == "title" and "10" in str(caught.value)
    assert clean_line("x" * 11, max_length=10, truncate=True) == "x" * 10
    # The length is counted after cleaning: controls do not count.
    assert clean_text("\x00" * 5 + "x" * 10, max_length=10) == "x" * 10


def test_rich_text_keeps_allowed_tags_and_drops_the_rest():
    html = (
        "<p>Hallo <strong>Welt</strong> <em>!</em></p><ul><li>eins</li></ul>"
        '<script>alert(1)</script><img src=x onerror=alert(1)><a href="https://example.org" onclick="x()">Link</a>'
    )
    cleaned = clean_rich_text(html)
    assert "<p>Hallo <strong>Welt</strong> <em>!</em></p><ul><li>eins</li></ul>" in cleaned
    assert "script" not in cleaned and "<img" not in cleaned and "onclick" not in cleaned
    assert 'href="https://example.org"' in cleaned and 'rel="noopener noreferrer nofollow"' in cleaned


def test_rich_text_drops_javascript_links_and_controls():
    cleaned = clean_rich_text(
        '<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(1)">y</a>\x0b\ud800'
    )
    assert "javascript" not in cleaned.lower()
    assert "\x0b" not in cleaned and "\ud800" not in cleaned
    with pytest.raises(DomainError):
        clean_rich_text("<p>" + "x" * 20 + "</p>", max_length=10)


def test_clean_for_column_uses_the_columns_kind_and_length():
    from quartierwerk.fund.models import Application

    assert clean_for_column(Application, "title", "Hof\nfest") == "Hof fest"
    assert clean_for_column(Application, "summary", "eins\nzwei") == "eins\nzwei"
    with pytest.raises(DomainError) as caught:
        clean_for_column(Application, "summary", "x" * 601)
    assert caught.value.field == "summary"


def test_strip_controls_is_idempotent():
    once = strip_controls("a\x0b\ud800\r\nb")
    assert once == "a\nb" and strip_controls(once) == once
