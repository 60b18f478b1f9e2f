"""Normalised search keys: "Hauptstraße 12 a", "hauptstr. 12a" and "Hauptstrasse 12A" give one key."""

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_STREET = re.compile(r"(strasse|str)\b")
_NUMBER = re.compile(r"^(.*?)(?:\s+|(?<=[a-z]))(\d+\s*[a-z]?(?:\s*[-/]\s*\d+\s*[a-z]?)?)$")


def fold(text: str) -> str:
    """Lower case, umlauts spelt out (ä→ae, ß→ss), other accents dropped, punctuation to single spaces."""
    text = (text or "").lower().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def street_key(street: str) -> str:
    """The street folded, with "straße", "strasse" and "str." all written "str"."""
    return _STREET.sub("str", fold(street))


def number_key(house_number: str) -> str:
    """A house number without spaces, lower case: "12 A" → "12a", "12 - 14" → "12-14"."""
    return re.sub(r"[/]", "-", re.sub(r"\s+", "", (house_number or "").lower()))


def search_key(street: str, house_number: str) -> str:
    """The key an address is found by: street key, a space, number key."""
    number = number_key(house_number)
    return f"{street_key(street)} {number}".strip()


def query_key(query: str) -> str:
    """The key prefix for what a person typed ("Hauptstr. 12a", "hauptstrasse", "Müllerstr 3 b")."""
    folded = street_key(query)
    # "12 a" at the end is one house number, as in the register.
    folded = re.sub(r"(\d+) ([a-z])$", r"\1\2", folded)
    return folded


def number_sort(house_number: str) -> int:
    """The leading integer of a house number, for ordering (0 if none)."""
    match = re.match(r"\s*(\d+)", house_number or "")
    return int(match.group(1)) if match else 0
