"""The shared parameter helpers, and every paginated API list refusing pages out of range with a 400."""

import datetime

import pytest
from django.utils import translation

from quartierwerk.core import params

HUGE = "9" * 20


@pytest.mark.parametrize("value", ["abc", "", "0", "-1", "1.5", "²", "١٢", HUGE, str(2**63), " ", None])
def test_object_id_refuses_what_is_not_an_id(value):
    with pytest.raises(params.BadParameter):
        params.object_id(value, name="saved")


@pytest.mark.parametrize(("value", "expected"), [("1", 1), (" 42 ", 42), (str(2**63 - 1), 2**63 - 1), (7, 7)])
def test_object_id_takes_ids(value, expected):
    assert params.object_id(value) == expected


def test_optional_and_lenient_ids():
    assert params.optional_id("") is None and params.optional_id(None) is None
    assert params.id_or_none("abc") is None and params.id_or_none(HUGE) is None
    assert params.id_or_none("12") == 12


@pytest.mark.parametrize(
    ("page", "size", "expected"),
    [(None, None, (1, 25)), ("3", "10", (3, 10)), ("2", "5000", (2, 100)), (1, 100, (1, 100))],
)
def test_page_window(page, size, expected):
    assert params.page_window(page, size, default_size=25, max_size=100) == expected


@pytest.mark.parametrize(("page", "size"), [(HUGE, None), ("0", None), ("-1", None), ("x", None), (1, "0")])
def test_page_window_refuses(page, size):
    with pytest.raises(params.BadParameter):
        params.page_window(page, size, default_size=25, max_size=100)


@pytest.mark.parametrize(
    "value",
    ["2026-02-30", "9999-12-31", "0001-01-01", "2026-01-01T00:00:00+99:00", "2026-13-01T00:00:00Z", "morgen"],
)
def test_datetime_param_refuses(value):
    with pytest.raises(params.BadParameter):
        params.datetime_param(value, name="start_date")


def test_datetime_param_reads_dates_and_offsets():
    start = params.datetime_param("2026-03-01", name="start_date")
    end = params.datetime_param("2026-03-01", name="end_date", end=True)
    assert start.tzinfo is not None and start.date() == end.date() == datetime.date(2026, 3, 1)
    assert end > start
    moment = params.datetime_param("2026-03-01T10:00:00 02:00", name="start_date")
    assert moment.utcoffset() == datetime.timedelta(hours=2)


LISTS = [
    "/api/v1/reports/?quarter={q}&",
    "/api/v1/fund/{q}/projects?",
    "/api/v1/actors/organisations?quarter={q}&",
    "/api/v1/actors/groups?quarter={q}&",
    "/api/v1/events/?",
]


@pytest.mark.parametrize("page", [HUGE, "0", "-1"])
@pytest.mark.parametrize("url", LISTS)
def test_api_lists_refuse_pages_out_of_range(client, quarter, url, page):
    response = client.get(url.format(q=quarter.slug) + f"page={page}")
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "page"


@pytest.mark.parametrize("url", LISTS)
def test_api_lists_answer_far_pages_with_an_empty_list(client, quarter, url):
    response = client.get(url.format(q=quarter.slug) + f"page={params.MAX_PAGE}")
    assert response.status_code == 200
    body = response.json()
    assert (body.get("results") if "results" in body else body["items"]) == []


@pytest.mark.parametrize("query", ["start=9999-12-31", "end=0001-01-01", "start=0001-01-01&end=0001-02-01"])
def test_event_list_refuses_years_out_of_range(client, db, query):
    response = client.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400
    assert response.json()["field"] in ("start", "end")


def test_bad_parameter_messages_are_german_first():
    from django.utils import translation

    with translation.override("de"), pytest.raises(params.BadParameter, match="Nummer eines Eintrags"):
        params.object_id("abc", name="saved")


@pytest.mark.parametrize("page", [HUGE, "9" * 400])
def test_a_page_number_too_large_is_called_out_of_range_not_not_a_number(page):
    with (
        translation.override("en"),
        pytest.raises(params.BadParameter, match=f"between 1 and {params.MAX_PAGE}"),
    ):
        params.page_window(page, None, default_size=25, max_size=100)


def test_an_unbounded_number_of_twenty_digits_is_still_refused():
    with translation.override("en"), pytest.raises(params.BadParameter, match="whole number"):
        params.whole_number(HUGE, name="n")
