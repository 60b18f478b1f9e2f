"""Invented address lists for tests, the benchmark and the demo (street names made up, coordinates in a box)."""

import random

STREET_STEMS = [
    "Linden",
    "Ahorn",
    "Birken",
    "Eichen",
    "Kastanien",
    "Rosen",
    "Tulpen",
    "Nelken",
    "Garten",
    "Wiesen",
    "Mühlen",
    "Brunnen",
    "Schul",
    "Kirch",
    "Markt",
    "Bahnhof",
    "Feld",
    "Berg",
    "Tal",
    "Quellen",
    "Amsel",
    "Drossel",
    "Finken",
    "Lerchen",
    "Meisen",
    "Sonnen",
    "Stern",
    "Mond",
    "Regenbogen",
    "Weiden",
]
STREET_ENDS = ["straße", "weg", "allee", "ring", "gasse", "platz", "steig"]


def street_names(count: int, seed: int = 1) -> list[str]:
    """`count` different invented street names."""
    rnd = random.Random(seed)
    names: list[str] = []
    seen = set()
    while len(names) < count:
        name = rnd.choice(STREET_STEMS) + rnd.choice(STREET_ENDS)
        if name in seen:
            name = f"{name} {len(names)}" if len(seen) > len(STREET_STEMS) * len(STREET_ENDS) - 5 else name
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def address_csv(
    lines: int,
    *,
    bad_every: int = 0,
    bbox: tuple[float, float, float, float] = (51.30, 12.26, 51.33, 12.31),
    postcode: str = "04209",
    place: str = "Leipzig",
    seed: int = 1,
) -> bytes:
    """A semicolon CSV in Latin-1 like the states' house-coordinate files; every `bad_every`-th line is broken."""
    rnd = random.Random(seed)
    streets = street_names(max(1, lines // 60 + 1), seed)
    min_lat, min_lon, max_lat, max_lon = bbox
    out = ["Straße;Hausnummer;Zusatz;PLZ;Ort;lat;lon"]
    for i in range(lines):
        street = streets[i // 60]
        number = str(i % 60 + 1)
        suffix = "a" if i % 7 == 3 else ""
        lat = f"{rnd.uniform(min_lat, max_lat):.6f}"
        lon = f"{rnd.uniform(min_lon, max_lon):.6f}"
        if bad_every and i % bad_every == bad_every - 1:
            lat = "kaputt" if i % 2 else lat
            street = "" if not i % 2 else street
        out.append(f"{street};{number};{suffix};{postcode};{place};{lat};{lon}")
    return ("\n".join(out) + "\n").encode("cp1252")
