"""Keyset pagination (core/keyset.py): one query per page at any length, stable with ties, tamper-proof."""

import datetime

import pytest
from django.core import signing
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartierwerk.core import keyset
from quartierwerk.core.models import User
from quartierwerk.core.params import BadParameter

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2026, 3, 29, 0, 59, 59, 999_998, tzinfo=datetime.UTC)


def make_users(n: int, *, distinct_times: int | None = None, step=datetime.timedelta(minutes=1)) -> list[int]:
    """n users whose `date_joined` repeats every `distinct_times` rows (ties), in the (date_joined, id) order."""
    distinct = distinct_times or n
    User.objects.bulk_create(
        User(email=f"k{i}@test.example", date_joined=T0 + (i % distinct) * step) for i in range(n)
    )
    return list(User.objects.order_by("date_joined", "pk").values_list("pk", flat=True))


def walk_forwards(qs, size, **kwargs) -> list[list[int]]:
    pages, cursor = [], None
    while True:
        page = keyset.paginate(qs, key="date_joined", cursor=cursor, size=size, **kwargs)
        pages.append([u.pk for u in page.rows])
        if not page.has_next:
            return pages
        cursor = page.next_cursor


def get(path: str):
    return RequestFactory().get(path)


@pytest.mark.parametrize("rows", [3, 30])
def test_a_page_costs_one_query_and_no_count_whatever_the_length(rows):
    make_users(rows)
    qs = User.objects.all()
    with CaptureQueriesContext(connection) as first:
        page = keyset.paginate(qs, key="date_joined", size=2)
    with CaptureQueriesContext(connection) as second:
        keyset.paginate(qs, key="date_joined", cursor=page.next_cursor, size=2)
    assert len(first) == len(second) == 1
    assert not any("COUNT" in q["sql"].upper() for q in [*first.captured_queries, *second.captured_queries])
    assert "OFFSET" not in second.captured_queries[0]["sql"].upper()


@pytest.mark.parametrize("descending", [False, True])
def test_ties_keep_their_order_by_id_and_no_row_is_shown_twice(descending):
    expected = make_users(30, distinct_times=3)  # ten rows share each date_joined
    if descending:
        expected.reverse()
    pages = walk_forwards(User.objects.all(), 7, descending=descending)
    assert [len(p) for p in pages] == [7, 7, 7, 7, 2]
    assert [pk for p in pages for pk in p] == expected

    # And back again from the last page through the previous links: the same pages.
    page = keyset.paginate(User.objects.all(), key="date_joined", size=7, descending=descending)
    while page.has_next:
        page = keyset.paginate(
            User.objects.all(), key="date_joined", cursor=page.next_cursor, size=7, descending=descending
        )
    back = [[u.pk for u in page.rows]]
    while page.has_previous:
        page = keyset.paginate(
            User.objects.all(), key="date_joined", cursor=page.previous_cursor, size=7, descending=descending
        )
        back.append([u.pk for u in page.rows])
    assert back[::-1][1:] == pages[1:]
    assert back[-1] == pages[0] and not page.has_previous and page.has_next


def test_rows_a_microsecond_apart_fall_on_the_right_side_of_a_page_boundary():
    # Across midnight UTC and the start of summer time in Berlin, one microsecond apart.
    expected = make_users(4, step=datetime.timedelta(microseconds=1))
    assert User.objects.filter(date_joined__gt=T0).count() == 3
    assert [pk for p in walk_forwards(User.objects.all(), 1) for pk in p] == expected
    # A cursor carries the instant exactly, also when the value comes in another time zone.
    local = timezone.localtime(T0 + datetime.timedelta(microseconds=1))
    value, pk, backwards = keyset.decode_cursor(keyset.encode_cursor("date_joined", local, 5), "date_joined")
    assert value == T0 + datetime.timedelta(microseconds=1) and pk == 5 and backwards is False


def test_cursors_travel_in_after_and_before_and_keep_the_other_parameters():
    make_users(5)
    first = keyset.paginate(User.objects.all(), key="date_joined", request=get("/actors/?kind=club"), size=2)
    assert first.previous_url is None and first.next_url.startswith("?kind=club&after=")
    second = keyset.paginate(
        User.objects.all(), key="date_joined", request=get("/actors/" + first.next_url), size=2
    )
    assert second.previous_url.startswith("?kind=club&before=")
    again = keyset.paginate(
        User.objects.all(), key="date_joined", request=get("/actors/" + second.previous_url), size=2
    )
    assert [u.pk for u in again.rows] == [u.pk for u in first.rows] and not again.has_previous


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "",
        "eyJrIjoiZGF0ZV9qb2luZWQifQ:1:2",
        signing.dumps(
            {"k": "date_joined", "v": ["dt", "2026-01-01T00:00:00"], "id": 1, "b": False}
        ),  # wrong salt
        keyset.encode_cursor("email", "a@test.example", 1),  # made for another sort key
        signing.dumps({"k": "date_joined", "v": ["zz", "x"], "id": 1, "b": False}, salt=keyset.SALT),
        signing.dumps({"k": "date_joined", "v": ["dt", "kein Datum"], "id": 1, "b": False}, salt=keyset.SALT),
        signing.dumps(
            {"k": "date_joined", "v": ["dt", T0.isoformat()], "id": "1", "b": False}, salt=keyset.SALT
        ),
    ],
)
def test_a_tampered_cursor_gives_the_first_page_or_a_400(cursor):
    make_users(5)
    first = [u.pk for u in keyset.paginate(User.objects.all(), key="date_joined", size=2).rows]
    page = keyset.paginate(User.objects.all(), key="date_joined", request=get(f"/?after={cursor}"), size=2)
    assert [u.pk for u in page.rows] == first
    assert page.cursor_rejected is bool(cursor) and not page.has_previous
    if cursor:
        with pytest.raises(BadParameter):
            keyset.paginate(User.objects.all(), key="date_joined", cursor=cursor, size=2, strict=True)


def test_a_changed_cursor_is_refused_even_with_a_valid_looking_payload():
    make_users(6)
    page = keyset.paginate(User.objects.all(), key="date_joined", size=2)
    payload, _sig = page.next_cursor.split(":", 1)
    forged = signing.dumps(
        {"k": "date_joined", "v": ["dt", T0.isoformat()], "id": 999, "b": False}, salt=keyset.SALT
    )
    tampered = forged.split(":", 1)[0] + ":" + _sig
    assert keyset.decode_cursor(tampered, "date_joined") is None
    assert keyset.decode_cursor(page.next_cursor, "date_joined") is not None


def test_the_page_size_is_bounded():
    make_users(3)
    assert len(keyset.paginate(User.objects.all(), key="date_joined", size=0).rows) == 1
    assert keyset.paginate(User.objects.all(), key="date_joined", size=10_000).rows
    with pytest.raises(TypeError):
        keyset.encode_cursor("date_joined", object(), 1)
