#!/usr/bin/env python
"""Address register benchmark: import a generated 100,000-line house-coordinate file with 100 bad lines,
import it again, and count the SQL queries of an address search with the register loaded.

Usage: .venv/bin/python bench/places_import.py [--lines 100000] [--bad 100]
(uses DATABASE_URL, default a fresh SQLite file in a temporary folder; prints one JSON object)
"""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--bad", type=int, default=100)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="qw-places-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quartierwerk.test_settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quartierwerk.core.models import City
    from quartierwerk.core.places import generate, selectors, services
    from quartierwerk.core.places.models import Address

    call_command("migrate", verbosity=0)
    city, _ = City.objects.get_or_create(slug="bench-places", defaults={"name": "Benchstadt"})
    data = generate.address_csv(args.lines, bad_every=args.lines // args.bad if args.bad else 0)
    started = time.perf_counter()
    first = services.import_addresses(city=city, data=data)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = services.import_addresses(city=city, data=data)
    second_seconds = time.perf_counter() - started
    street = Address.objects.filter(city=city).order_by("pk").first().street
    timings = []
    with CaptureQueriesContext(connection) as queries:
        for typed in (street[:4], street, f"{street} 1", street.replace("straße", "str.") + " 12"):
            t = time.perf_counter()
            selectors.search(city.pk, typed)
            timings.append(round((time.perf_counter() - t) * 1000, 2))
    result = {
        "database": connection.vendor,
        "lines": args.lines,
        "bad_lines_expected": args.bad,
        "first_import": {
            "rows": first.rows,
            "created": first.created,
            "errors": first.error_count,
            "first_error_lines": [e.line for e in first.errors[:3]],
            "seconds": round(first_seconds, 2),
        },
        "second_import": {
            "rows": second.rows,
            "created": second.created,
            "errors": second.error_count,
            "seconds": round(second_seconds, 2),
        },
        "register_size": Address.objects.filter(city=city).count(),
        "search_queries_per_call": len(queries) / 4,
        "search_ms": timings,
    }
    # Every bad line reported with its line number (the header is line 1), every good line in, a rerun adds nothing.
    every = args.lines // args.bad if args.bad else 0
    expected_lines = [i + 2 for i in range(args.lines) if every and i % every == every - 1]
    result["bad_lines_reported_with_their_numbers"] = [e.line for e in first.errors] == expected_lines
    ok = (
        first.error_count == args.bad
        and result["bad_lines_reported_with_their_numbers"]
        and first.created == args.lines - args.bad
        and second.created == 0
        and len(queries) == 4
    )
    print(json.dumps(result, indent=2))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
