"""Concurrency on PostgreSQL: many simultaneous Open311 posts and supports, each stored or counted once."""

import pytest
from django.test import Client

from quartierwerk.reports import services
from quartierwerk.reports.models import Report, Support
from tests.conftest import run_concurrently

from .conftest import LAT, LON

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_fifty_simultaneous_open311_posts_are_each_stored_once(quarter, category, user_with_role):
    _c, key = services.create_api_client(
        quarter=quarter, name="Last", by=user_with_role("staff"), rate_limit=1000
    )

    def post(i):
        response = Client().post(
            "/open311/v2/requests.json",
            {
                "api_key": key,
                "service_code": category.code,
                "lat": LAT,
                "long": LON,
                "description": f"Meldung {i}",
            },
        )
        return response.status_code, response.json()

    results = run_concurrently(post, [(i,) for i in range(50)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    statuses = [r[0] for r, _e in results]
    assert statuses == [201] * 50
    ids = {r[1][0]["service_request_id"] for r, _e in results}
    assert len(ids) == 50
    assert Report.objects.count() == 50
    assert sorted(Report.objects.values_list("description", flat=True)) == sorted(
        f"Meldung {i}" for i in range(50)
    )


def test_fifty_simultaneous_supports_count_once_per_person(report, user_with_role):
    people = [user_with_role("resident") for _ in range(25)]

    def support(kind, value):
        if kind == "user":
            return services.support(report=Report.objects.get(pk=report.pk), user=value)[1]
        return services.support(report=Report.objects.get(pk=report.pk), email=value)[1]

    # 25 different residents, each clicking twice, all at once: 50 calls.
    args = [("user", p) for p in people] + [("user", p) for p in people]
    results = run_concurrently(support, args)
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert sum(1 for r, _e in results if r) == 25
    report.refresh_from_db()
    assert report.support_count == 25 == Support.objects.filter(report=report).count()


def test_fifty_simultaneous_supports_through_the_page_never_fail(report):
    def support(i):
        response = Client().post(
            f"/q/{report.quarter.slug}/reports/{report.pk}/support/", {"email": f"p{i % 10}@test.example"}
        )
        return response.status_code

    results = run_concurrently(support, [(i,) for i in range(50)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert {r for r, _e in results} == {302}
    report.refresh_from_db()
    # Ten addresses, each stored once and counted only after its confirmation link is followed.
    assert Support.objects.filter(report=report).count() == 10
    assert report.support_count == 0


def test_crosswise_merges_at_the_same_time_never_make_a_cycle(make_report, user_with_role):
    staff = user_with_role("staff")
    a, b = make_report(description="A"), make_report(description="B")

    def merge(report, into):
        try:
            services.merge(report=report, into=into, by=staff)
            return "merged"
        except services.InvalidTransition:
            return "refused"

    results = run_concurrently(merge, [(a, b), (b, a)])
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    assert sorted(r for r, _e in results) == ["merged", "refused"]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.duplicate_of_id is None) != (b.duplicate_of_id is None)
