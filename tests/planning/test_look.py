"""Planning's stylesheet lays out KERN's components only: colours and spacing from KERN's tokens, and
logical properties so that Arabic pages mirror by themselves."""

import re
from pathlib import Path

CSS = (
    Path(__file__).resolve().parents[2] / "quartierwerk" / "planning" / "static" / "planning" / "planning.css"
)
PHYSICAL = re.compile(
    r"(?<![\w-])(?:margin|padding|border)-(?:left|right|top|bottom)\b|(?<![\w-])(?:left|right|float|text-align)\s*:"
    r"|\b(?:width|height|max-width|min-height)\s*:"
)
RAW_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|oklch)\(")
COLOURED = re.compile(r"(?<![\w-])(?:color|background(?:-color)?|border(?:-[\w-]+)?)\s*:\s*([^;}]+)")


def test_the_stylesheet_uses_logical_properties():
    assert PHYSICAL.findall(CSS.read_text()) == []


def test_colours_come_from_kern_tokens():
    css = CSS.read_text()
    assert RAW_COLOUR.findall(css) == []
    for value in COLOURED.findall(css):
        if "solid" in value or "color" in value:
            assert "var(--kern-" in value, value


def test_the_scans_find_physical_properties_and_raw_colours():
    assert PHYSICAL.search(".x { margin-left: 1rem; }") and PHYSICAL.search(".x { width: 5rem; }")
    assert RAW_COLOUR.search(".x { color: #0057b8; }")
