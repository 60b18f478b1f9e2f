"""Every text file of the package is whole: no merge leftovers in code, templates, catalogues or docs."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARKERS = ("<<<<<<< ", ">>>>>>> ", "=======\n")
SUFFIXES = {".py", ".html", ".txt", ".po", ".js", ".css", ".md", ".toml", ".xml"}


def _files():
    for base in ("quartierwerk", "tests", "docs", "bench", "deploy"):
        for path in (ROOT / base).rglob("*"):
            if path.is_file() and path.suffix in SUFFIXES and "node_modules" not in path.parts:
                yield path


@pytest.mark.parametrize("marker", MARKERS)
def test_no_merge_conflict_markers(marker):
    found = []
    for path in _files():
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(True), 1):
            if line.startswith(marker) and (marker != "=======\n" or line == marker):
                found.append(f"{path.relative_to(ROOT)}:{number}")
    assert not found, "merge conflict markers left in: " + ", ".join(found[:20])
