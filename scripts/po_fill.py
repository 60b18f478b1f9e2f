#!/usr/bin/env python
"""Fill empty msgstr entries of a .po catalogue from a JSON file {msgid: msgstr} and report what is missing.

Usage: python scripts/po_fill.py path/to/django.po translations.json
Plural entries take a list ["singular", "plural"] as value. Fuzzy flags of filled entries are removed.
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    po = polib.pofile(po_path)
    with open(json_path, encoding="utf-8") as fh:
        table = json.load(fh)
    missing = []
    for entry in po:
        value = table.get(entry.msgid)
        if value is None:
            if not entry.translated():
                missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[0], 1: value[1]}
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(po_path)
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
