"""Benchmark data: the shared context every module's `benchdata.generate(ctx)` builds on.

`manage.py generate_bench_data --scale {S,M,L}` creates quarters and users here, then calls
`quartierwerk.<module>.benchdata.generate(ctx)` for every module in `quartierwerk.modules.MODULE_NAMES`.
Each module inserts its rows with `bulk_create` in batches of `ctx.batch_size`, draws every random value
from `ctx.rng` (so a run is deterministic), and returns {what: count}. Each module also lists the pages and
API endpoints the load benchmark drives in `endpoints(ctx)`, and may define `prepare(ctx)` for what the
benchmark needs even at scale S (the demo), such as an API key.
"""

import random
from dataclasses import dataclass, field

# The largest answer a map feed of one view may give (bytes): at most mapgrid.POINT_LIMIT points or
# mapgrid.CLUSTER_LIMIT clusters, whatever the number of rows (tests/core/test_bench_places_and_maps.py).
MAP_FEED_MAX_BYTES = 768 * 1024  # 500 points of the longest title and subtitle (non-ASCII escaped)

# Target sizes per scale (S is the demo data itself).
SCALES = {
    "S": {
        "quarters": 5,
        "users": 50,
        "actors": 40,
        "reports": 300,
        "applications": 40,
        "events": 80,
        "ideas": 100,
        "resources": 20,
        "bookings": 400,
        "papers": 300,
    },
    "M": {
        "quarters": 20,
        "users": 20_000,
        "actors": 20_000,
        "reports": 200_000,
        "applications": 5_000,
        "events": 10_000,
        "ideas": 5_000,
        "resources": 1_000,
        "bookings": 50_000,
        "papers": 10_000,
    },
    "L": {
        "quarters": 400,
        "users": 200_000,
        "actors": 400_000,
        "reports": 4_000_000,
        "applications": 100_000,
        "events": 200_000,
        "ideas": 100_000,
        "resources": 20_000,
        "bookings": 1_000_000,
        "papers": 100_000,
    },
    # A tiny scale for the test that keeps the generator from rotting.
    "T": {
        "quarters": 2,
        "users": 6,
        "actors": 6,
        "reports": 20,
        "applications": 4,
        "events": 6,
        "ideas": 6,
        "resources": 4,
        "bookings": 12,
    },
}


@dataclass
class BenchContext:
    scale: str
    rng: random.Random
    counts: dict[str, int]
    quarters: list = field(default_factory=list)  # core.Quarter
    residents: list = field(default_factory=list)  # core.User with the resident role
    staff: dict = field(default_factory=dict)  # quarter id -> core.User (staff of that quarter, TOTP set up)
    batch_size: int = 5000

    def per_quarter(self, what: str) -> int:
        """How many rows of `what` each quarter gets (at least 1)."""
        return max(1, self.counts[what] // max(1, len(self.quarters)))


@dataclass
class Endpoint:
    """One page or API call the load benchmark drives.

    `path` may contain `{quarter}` (a quarter slug) and other placeholders filled from `params`.
    `login` is None (anonymous), "staff" (staff of the first quarter), "city_staff" (of its city) or
    "award_team" (a seated member of the award team of its fund), each with the second factor verified.
    """

    name: str
    path: str
    method: str = "GET"
    login: str | None = None
    body: dict | None = None
    content_type: str = "application/x-www-form-urlencoded"
    params: dict = field(default_factory=dict)
    # The largest answer (bytes of the body) the row may give at any scale: map feeds and search answer for
    # one view or one query, never for the whole table. None: not bounded by design (a page of a list).
    max_bytes: int | None = None

    def __post_init__(self):
        # Every GeoJSON feed is a map feed: bounded by view, never the whole table.
        if self.max_bytes is None and "geojson" in self.path.split("?")[0]:
            self.max_bytes = MAP_FEED_MAX_BYTES
