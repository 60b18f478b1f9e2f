"""The events API pages dates by cursor: fixed queries, every date once (weekly ones too) while others plan."""

import datetime

import pytest

from quartierwerk.events.models import Event

from .conftest import at


def _dates(client, url):
    seen = []
    while url:
        data = client.get(url).json()
        seen += [(d["id"], d["starts_at"]) for d in data["items"]]
        yield data, seen
        url = data["next"]


@pytest.mark.parametrize("rows", [3, 30])
def test_a_page_by_cursor_costs_the_same_queries_for_3_and_30_events(
    client, quarter, other_quarter, make_event, rows, django_assert_num_queries
):
    for n in range(rows):
        make_event(f"Termin {n}", days=1 + n % 5, target_quarter=other_quarter if n % 2 else quarter)
    make_event("Sprechstunde", days=1, recurrence=Event.Recurrence.WEEKLY)
    first = client.get("/api/v1/events/?page_size=1").json()
    assert first["count"] is None and first["next"]
    # The single events after the cursor, the date fields of the weekly ones, the events shown.
    with django_assert_num_queries(3):
        second = client.get(first["next"]).json()
    assert len(second["items"]) == 1


def test_walking_next_visits_every_date_once_while_others_are_planned(
    client, quarter, other_quarter, make_event
):
    start = at(3)
    for n in range(11):  # eleven events at the very same minute: only their id orders them
        make_event(f"Gleichzeitig {n}", starts_at=start, target_quarter=other_quarter if n % 2 else quarter)
    make_event("Sprechstunde", starts_at=start, recurrence=Event.Recurrence.WEEKLY)
    end = (start + datetime.timedelta(days=30)).date()
    url = f"/api/v1/events/?page_size=4&end={end}"
    before = {
        (d["id"], d["starts_at"])
        for d in client.get(url.replace("page_size=4", "page_size=200")).json()["items"]
    }
    assert len(before) == 11 + 5
    n = 0
    for _data, seen in _dates(client, url):
        make_event(f"Neu {n}", starts_at=start)  # planned at the same minute while a client pages
        n += 1
    assert len(seen) == len(set(seen)), "a date was shown twice"
    assert before <= set(seen), "a date was skipped"


def test_page_numbers_still_count_and_a_bad_cursor_is_a_400(client, make_event):
    make_event("Fest", days=2)
    data = client.get("/api/v1/events/?page=1").json()
    assert data["count"] == 1 and data["next"] is None
    assert client.get("/api/v1/events/?cursor=abc").status_code == 400
