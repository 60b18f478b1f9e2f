#!/usr/bin/env python3
"""Trim the compiled KERN stylesheet to what Quartierwerk's pages can use (run by scripts/vendor_assets.sh).

1. Colour themes: every page sets data-kern-theme="light" (templates/base.html), so KERN's dark theme and its
   second copy of the light colours under `prefers-color-scheme` never apply.
2. Tokens: a KERN custom property (--kern-…) that neither KERN's own rules nor our stylesheets, templates or
   scripts read is dropped, until none is left over. tests/core/test_kern_markup.py checks that every token we
   read is still defined, so a new use needs `make assets` again.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "quartierwerk"
UNUSED_THEMES = (
    "@media(prefers-color-scheme: dark)",
    "@media(prefers-color-scheme: light)",
    "[data-kern-theme=dark],.kern-dark{",
)
DEFINITION = re.compile(r"(--kern-[\w-]+):[^;}]*;?")
READ = re.compile(r"var\(\s*(--kern-[\w-]+)")


def without_block(css: str, start: str) -> str:
    """The stylesheet without the rule (or @media block) that begins with `start`."""
    begin = css.find(start)
    if begin < 0:
        return css
    depth = 0
    for end in range(begin, len(css)):
        if css[end] == "{":
            depth += 1
        elif css[end] == "}":
            depth -= 1
            if depth == 0:
                return css[:begin] + css[end + 1 :]
    raise SystemExit(f"unbalanced braces after {start!r}")


def our_sources() -> str:
    """Everything of ours that may read a KERN token: stylesheets, templates, scripts, Python."""
    kinds = {".css", ".html", ".js", ".py"}
    return "".join(
        p.read_text(errors="replace")
        for p in sorted(ROOT.rglob("*"))
        if p.suffix in kinds and "vendor" not in p.parts and p.is_file()
    )


def prune(css: str, ours: str) -> str:
    for start in UNUSED_THEMES:
        css = without_block(css, start)
    read_by_us = set(READ.findall(ours))
    while True:
        read = read_by_us | set(READ.findall(css))
        pruned = DEFINITION.sub(lambda m, read=read: m.group(0) if m.group(1) in read else "", css)
        if pruned == css:
            return re.sub(r"[^{}]+\{\}", "", css)  # rules left empty
        css = pruned


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(prune(path.read_text(), our_sources()))
