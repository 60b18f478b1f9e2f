"""The demo quarters' pictures: drawings generated here, of invented streets (blocks, houses, trees, a path),
never photos and never people. Each quarter's drawing is the same on every run (seeded by its slug)."""

import random

# What each drawing shows, said for people who cannot see it.
ALT = {
    "gruenau": "Gezeichnete Ansicht: lange Wohnblöcke mit vielen Fenstern, Bäume und ein Weg über die Wiese.",
    "leipziger-osten": "Gezeichnete Ansicht: Altbauten mit Dächern an einer Straße, Bäume und eine Straßenbahnlinie.",
    "connewitz": "Gezeichnete Ansicht: bunte Häuser an einer Straße, Bäume und ein kleiner Platz.",
    "leimen-innenstadt": "Gezeichnete Ansicht: Häuser der Innenstadt mit Giebeln, Weinberge am Hang im Hintergrund.",
    "marburg-stadtwald": "Gezeichnete Ansicht: Häuser am Hang zwischen Wald, Bäume und ein Weg.",
}
CREDIT = "Zeichnung: Quartierwerk-Demo (erzeugt, frei verwendbar)"

SKY, GRASS, PATH = "#dbe9f6", "#b9d7a8", "#efe6d2"
WALLS = ("#f4f1ea", "#e9e2d4", "#f2e4cf", "#e4ebf0", "#f6ead8")


def illustration(slug: str, accent: str) -> str:
    """An SVG street scene for one quarter, in its accent colour; tall blocks for Grünau, gabled houses elsewhere."""
    rng = random.Random(slug)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 480" role="img">',
        f'<rect width="1200" height="480" fill="{SKY}"/>',
        '<circle cx="1040" cy="90" r="46" fill="#f7d774"/>',
    ]
    if slug in ("leimen-innenstadt", "marburg-stadtwald"):  # hills behind the houses
        parts.append('<path d="M0 300 Q300 170 600 260 T1200 220 V480 H0z" fill="#9cc38a"/>')
    parts.append(f'<rect y="360" width="1200" height="120" fill="{GRASS}"/>')
    parts.append(f'<path d="M520 480 Q600 400 760 360 H820 Q700 420 660 480z" fill="{PATH}"/>')
    x = 20
    while x < 1160:
        wall = rng.choice(WALLS)
        if slug == "gruenau":
            width, height = rng.randint(200, 280), rng.randint(180, 260)
            top = 360 - height
            parts.append(
                f'<rect x="{x}" y="{top}" width="{width}" height="{height}" fill="{wall}" stroke="#9a9a9a"/>'
            )
            for wy in range(top + 18, 350, 30):
                for wx in range(x + 14, x + width - 20, 26):
                    parts.append(f'<rect x="{wx}" y="{wy}" width="14" height="16" fill="#8fb3d1"/>')
            parts.append(f'<rect x="{x}" y="{top}" width="{width}" height="10" fill="{accent}"/>')
        else:
            width, height = rng.randint(90, 140), rng.randint(110, 170)
            top = 360 - height
            parts.append(
                f'<rect x="{x}" y="{top}" width="{width}" height="{height}" fill="{wall}" stroke="#9a9a9a"/>'
            )
            parts.append(
                f'<path d="M{x - 6} {top} L{x + width // 2} {top - 50} L{x + width + 6} {top}z" fill="{accent}"/>'
            )
            for wy in range(top + 20, 296, 40):
                for wx in range(x + 16, x + width - 24, 34):
                    parts.append(f'<rect x="{wx}" y="{wy}" width="18" height="24" fill="#8fb3d1"/>')
            parts.append(f'<rect x="{x + width // 2 - 12}" y="322" width="24" height="38" fill="#7a5c3e"/>')
        x += width + rng.randint(20, 60)
    for _tree in range(rng.randint(5, 8)):
        tx, size = rng.randint(30, 1170), rng.randint(26, 42)
        parts.append(f'<rect x="{tx - 4}" y="{392 - size // 2}" width="8" height="{size}" fill="#6b4f32"/>')
        parts.append(f'<circle cx="{tx}" cy="{392 - size}" r="{size}" fill="#5f9b55"/>')
    if slug == "leipziger-osten":  # the tram line along the street
        parts.append('<rect y="440" width="1200" height="6" fill="#777"/>')
    parts.append("</svg>")
    return "".join(parts)
