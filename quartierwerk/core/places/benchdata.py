"""Benchmark data of the address register: invented addresses inside every bench quarter, and the rows the load
benchmark drives (address search, the nearest address of a pin, street labels).

The register is not a module in `MODULE_NAMES` (it lives in core); `generate_bench_data` and `bench/run.py`
call this file by name. Scale S is the demo, whose register the demo loads itself.
"""

from quartierwerk.core.benchdata import BenchContext, Endpoint

from . import keys
from .generate import street_names
from .models import Address

# Addresses per scale: M is one big city (150,000 addresses), L twenty cities of 100,000 each.
ADDRESSES = {"S": 0, "T": 60, "M": 150_000, "L": 2_000_000}
PER_STREET = 60
# Answers the rows may not outgrow, whatever the register's size (bytes of the response body).
SEARCH_MAX_BYTES = 8 * 1024  # at most 8 addresses
POINT_MAX_BYTES = 2 * 1024
STREETS_MAX_BYTES = 24 * 1024  # at most 150 street labels


def generate(ctx: BenchContext) -> dict:
    """Addresses spread over the quarters of each city, inside each quarter's box, bulk-inserted."""
    total = ADDRESSES.get(ctx.scale, 0)
    if not total or not ctx.quarters:
        return {"addresses": 0}
    per_quarter = max(1, total // len(ctx.quarters))
    streets = street_names(max(1, per_quarter // PER_STREET + 1), seed=7)
    made = 0
    batch: list[Address] = []
    for q_index, quarter in enumerate(ctx.quarters):
        postcode = f"{10000 + q_index:05d}"
        for i in range(per_quarter):
            street = streets[i // PER_STREET]
            number = str(i % PER_STREET + 1)
            batch.append(
                Address(
                    city_id=quarter.city_id,
                    street=street,
                    house_number=number,
                    postcode=postcode,
                    place=quarter.name[:120],
                    lat=ctx.rng.uniform(quarter.min_lat, quarter.max_lat),
                    lon=ctx.rng.uniform(quarter.min_lon, quarter.max_lon),
                    search_key=keys.search_key(street, number)[:200],
                    number_sort=keys.number_sort(number),
                )
            )
            if len(batch) >= ctx.batch_size:
                Address.objects.bulk_create(batch, ignore_conflicts=True)
                made += len(batch)
                batch = []
    if batch:
        Address.objects.bulk_create(batch, ignore_conflicts=True)
        made += len(batch)
    return {"addresses": made}


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    """Address search and the pin's answers in the first quarter, with the register of its city loaded."""
    quarter = ctx.quarters[0] if ctx.quarters else None
    if quarter is None or quarter.min_lat is None:
        return []
    street = (
        Address.objects.filter(city_id=quarter.city_id, lat__range=(quarter.min_lat, quarter.max_lat))
        .order_by("street")
        .values_list("street", flat=True)
        .first()
    ) or "Hauptstraße"
    lat = (quarter.min_lat + quarter.max_lat) / 2
    lon = (quarter.min_lon + quarter.max_lon) / 2
    params = {
        "prefix": street[:5].lower(),
        "typed": street.replace("straße", "str.") + " 1",
        "lat": f"{lat:.6f}",
        "lon": f"{lon:.6f}",
        "box": f"{lon - 0.004:.5f},{lat - 0.003:.5f},{lon + 0.004:.5f},{lat + 0.003:.5f}",
    }
    return [
        Endpoint(
            "places search (street prefix)",
            "/api/v1/places/search?quarter={quarter}&q={prefix}&limit=8",
            params=params,
            max_bytes=SEARCH_MAX_BYTES,
        ),
        Endpoint(
            "places search (street and number)",
            "/api/v1/places/search?quarter={quarter}&q={typed}&limit=8",
            params=params,
            max_bytes=SEARCH_MAX_BYTES,
        ),
        Endpoint(
            "places nearest address (pin)",
            "/api/v1/places/point?quarter={quarter}&lat={lat}&lon={lon}",
            params=params,
            max_bytes=POINT_MAX_BYTES,
        ),
        Endpoint(
            "places street labels (bbox)",
            "/api/v1/places/streets?quarter={quarter}&bbox={box}",
            params=params,
            max_bytes=STREETS_MAX_BYTES,
        ),
    ]
