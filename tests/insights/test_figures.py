"""Each module declares its figures once in its manifest; insights reads them in a fixed number of queries,
caches them under a key of their inputs and shows small public counts as "fewer than 3"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quartierwerk import modules
from quartierwerk.insights import services
from quartierwerk.insights.figures import display, figures, value_of

from .conftest import make_contacts, make_reports, make_time

pytestmark = pytest.mark.django_db


def _by_key(found):
    return {f.key: f for f in found}


def test_every_module_declares_its_figures(quarter, year):
    keys = {f.key for f in modules.figures([quarter.pk], year)}
    for key in (
        "reports.received",
        "reports.handled",
        "fund.applications",
        "fund.approvals",
        "fund.approved_amount",
        "fund.first_time",
        "participation.processes",
        "participation.contributions",
        "participation.answers",
        "events.events",
        "events.attendance",
        "actors.groups",
        "actors.new",
        "insights.contacts",
    ):
        assert key in keys


def test_figures_count_the_data(quarter, other_quarter, year):
    make_reports(quarter, 4, solved_days=4)
    make_reports(other_quarter, 1)
    make_contacts(quarter, 5)
    make_time(quarter)
    found = _by_key(figures([quarter.pk, other_quarter.pk], year))
    assert value_of(found["reports.received"], quarter.pk) == 4
    assert value_of(found["reports.handled"], other_quarter.pk) == 1
    median = next(
        f for k, f in found.items() if k.startswith("reports.median_days.") and quarter.pk in f.values
    )
    assert value_of(median, quarter.pk) == pytest.approx(4.0, abs=0.1)
    assert value_of(found["insights.contacts"], quarter.pk) == 5
    assert value_of(found["insights.topic.housing"], quarter.pk) == 5
    hours = next(f for k, f in found.items() if k.startswith("insights.hours."))
    assert value_of(hours, quarter.pk) == 5.5 and hours.public is False


def _queries(ids, year) -> int:
    with CaptureQueriesContext(connection) as ctx:
        modules.figures(ids, year)
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_quarters(quarter, other_quarter, city, year):
    from tests.conftest import make_quarter

    make_reports(quarter, 3)
    few = _queries([quarter.pk, other_quarter.pk, quarter.pk], year)
    many = [make_quarter(city, slug=f"q{i}", name=f"Q {i}") for i in range(30)]
    for q in many[:5]:
        make_reports(q, 2)
        make_contacts(q, 2)
    assert _queries([q.pk for q in many], year) == few


def test_figures_are_cached_until_a_module_writes(quarter, user_with_role, year, django_assert_num_queries):
    staff = user_with_role("staff")
    first = figures([quarter.pk], year)
    with django_assert_num_queries(0):
        again = figures([quarter.pk], year)
    assert again == first
    services.log_contact(
        by=staff, quarter=quarter, channel="visit", topic="fund", language="ar", referred_to="none"
    )
    after = _by_key(figures([quarter.pk], year))
    assert value_of(after["insights.contacts"], quarter.pk) == 1


def test_small_public_counts_read_fewer_than_3():
    assert display(2, "count", public=True) == "weniger als 3"
    assert display(0, "count", public=True) == "weniger als 3"
    assert display(3, "count", public=True) == "3"
    assert display(2, "count", public=False) == "2"
    assert display(2, "days", public=True) == "2,0"


def test_the_page_the_report_and_the_api_show_the_same_figures(
    client, login_as, quarter, user_with_role, year
):
    from django.urls import reverse

    make_reports(quarter, 4)
    make_contacts(quarter, 7)
    login_as(user_with_role("staff"))
    report = services.generate(services.report_for(quarter, year, "internal").pk)
    api = client.get(f"/api/v1/insights/quarters/{quarter.slug}/figures").json()["figures"]
    assert {r["key"]: r["values"] for r in api} == {r["key"]: r["values"] for r in report.figures}
    page = client.get(reverse("insights:figures", args=[quarter.slug])).content.decode()
    for row in report.figures:
        shown = row["values"][str(quarter.pk)]["display"]
        assert f'<td class="figure-num">{shown}</td>' in page, row["key"]
