"""Demo address register: invented streets for the demo's five quarters, every house inside its quarter."""

import random

from quartierwerk.core import geo

from . import generate, services
from .importer import Row

POSTCODES = {
    "gruenau": ("04209", "Leipzig"),
    "leipziger-osten": ("04315", "Leipzig"),
    "connewitz": ("04277", "Leipzig"),
    "leimen-innenstadt": ("69181", "Leimen"),
    "marburg-stadtwald": ("35037", "Marburg"),
}
STREETS_PER_QUARTER = 10
HOUSES_PER_STREET = 24


def rows_for(quarter, seed: int) -> list[Row]:
    """Invented addresses inside one quarter: streets as straight lines across it, houses along them."""
    postcode, place = POSTCODES.get(quarter.slug, ("00000", quarter.city.name))
    rnd = random.Random(seed)
    rows: list[Row] = []
    for street in generate.street_names(STREETS_PER_QUARTER, seed):
        lat1, lat2 = sorted(rnd.uniform(quarter.min_lat, quarter.max_lat) for _ in range(2))
        lon1, lon2 = (
            rnd.uniform(quarter.min_lon, quarter.max_lon),
            rnd.uniform(quarter.min_lon, quarter.max_lon),
        )
        number = 0
        for step in range(HOUSES_PER_STREET * 3):
            t = step / (HOUSES_PER_STREET * 3)
            lat, lon = lat1 + (lat2 - lat1) * t, lon1 + (lon2 - lon1) * t
            if not geo.contains(quarter, lat, lon):
                continue
            number += 1
            house = f"{number}{'a' if number % 9 == 0 else ''}"
            rows.append(Row(0, street, house, postcode, place, round(lat, 6), round(lon, 6)))
            if number >= HOUSES_PER_STREET:
                break
    return rows


def load(demo) -> None:
    """Create (or refresh) the demo register; running it again adds nothing."""
    for seed, quarter in enumerate(demo.quarters.values(), start=11):
        if not quarter.boundary:
            continue
        batch = [services.address_from_row(quarter.city, row) for row in rows_for(quarter, seed)]
        # One statement may not upsert the same key twice.
        unique = {(a.search_key, a.postcode): a for a in batch}
        services.upsert(list(unique.values()))
