"""Twenty people book the same cargo bike at once: exactly one gets it, the others a clear refusal.

On PostgreSQL with real connections (the exclusion constraint holds); on SQLite with a file database in WAL
mode (BEGIN IMMEDIATE serialises the writers; an in-memory shared-cache database would answer "table is
locked" instead of waiting, so the test copies its data into a file first).
"""

import datetime
import sqlite3

import pytest
from django.db import IntegrityError, connection, connections, transaction

from quartierwerk.core.errors import Conflict
from quartierwerk.core.models import User
from quartierwerk.resources import services
from quartierwerk.resources.models import Booking, Resource
from tests.conftest import create_user, run_concurrently

from .conftest import at, make_organisation, next_weekday

# The worker threads answer in the site language, German.
TAKEN = "gerade von jemand anderem gebucht"


def _bookers(quarter, n):
    users = []
    for i in range(n):
        user = create_user(f"verein-{i}@test.example")
        make_organisation(quarter, f"Verein {i}", user)
        users.append(user)
    return users


def _overlapping_requests(bike_pk, user_pks):
    day = next_weekday(2)

    def attempt(i, user_pk):
        resource = Resource.objects.select_related("category").get(pk=bike_pk)
        start = at(day, 10) + datetime.timedelta(minutes=5 * i)  # all overlap one another
        try:
            booking = services.book(
                resource=resource,
                user=User.objects.get(pk=user_pk),
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                accept_terms=True,
            )
            return ("booked", booking.pk)
        except Conflict as exc:
            return ("refused", str(exc))

    return run_concurrently(attempt, list(enumerate(user_pks)))


def _assert_exactly_one(results, bike_pk):
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    outcomes = [r[0] for r, _e in results]
    assert outcomes.count("booked") == 1, outcomes
    assert all(TAKEN in r[1] for r, _e in results if r[0] == "refused")
    assert Booking.objects.filter(resource_id=bike_pk, status__in=Booking.HOLDING).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_overlapping_requests_on_postgresql_confirm_exactly_one(quarter, bike):
    users = _bookers(quarter, 20)
    results = _overlapping_requests(bike.pk, [u.pk for u in users])
    _assert_exactly_one(results, bike.pk)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_exclusion_constraint_refuses_an_overlap_written_past_the_service(bike, booker):
    start = at(next_weekday(2), 10)
    common = {"resource": bike, "quarter": bike.quarter, "booker": booker, "status": Booking.Status.APPROVED}
    Booking.objects.create(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        blocked_until=start + datetime.timedelta(hours=2, minutes=30),
        **common,
    )
    # A refused or cancelled booking holds nothing; one starting where the buffer ends touches nothing.
    Booking.objects.create(
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        blocked_until=start + datetime.timedelta(hours=1),
        **{**common, "status": Booking.Status.REFUSED},
    )
    later = start + datetime.timedelta(hours=2, minutes=30)
    Booking.objects.create(
        starts_at=later,
        ends_at=later + datetime.timedelta(hours=1),
        blocked_until=later + datetime.timedelta(hours=1),
        **common,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            starts_at=start + datetime.timedelta(hours=2, minutes=10),
            ends_at=start + datetime.timedelta(hours=2, minutes=20),
            blocked_until=start + datetime.timedelta(hours=2, minutes=20),
            **common,
        )


@pytest.mark.django_db(transaction=True)
def test_twenty_overlapping_requests_on_a_sqlite_file_in_wal_mode_confirm_exactly_one(
    quarter, bike, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path of the guarantee")
    users = _bookers(quarter, 20)
    path = tmp_path / "wal.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    assert target.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    target.close()
    original = connections.settings["default"]
    # The worker threads open their own connections, to the file; this thread keeps the test database.
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:
        results = _overlapping_requests(bike.pk, [u.pk for u in users])
    finally:
        connections.settings["default"] = original
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    outcomes = [r[0] for r, _e in results]
    assert outcomes.count("booked") == 1, outcomes
    assert all(TAKEN in r[1] for r, _e in results if r[0] == "refused")
    file_db = sqlite3.connect(path)
    holding = ", ".join(f"'{s}'" for s in Booking.HOLDING)
    count = file_db.execute(f"SELECT count(*) FROM resources_booking WHERE status IN ({holding})").fetchone()[
        0
    ]
    mode = file_db.execute("PRAGMA journal_mode").fetchone()[0]
    file_db.close()
    assert (count, mode) == (1, "wal")
