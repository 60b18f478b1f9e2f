"""Every kind of page in the anonymous page cache, feeds included: stored for visitors without a session, shown
anew after a write through a service, never served to a signed-in person; and Cache-Control per kind."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors import services as actor_services
from quartierwerk.actors.models import Group, Organisation
from quartierwerk.core import pagecache
from quartierwerk.events import services as event_services
from quartierwerk.fund import services as fund_services
from quartierwerk.fund.models import Fund
from quartierwerk.reports import services as report_services
from quartierwerk.reports.models import Category
from tests.fund.conftest import fund, make_application  # noqa: F401 - fixtures of the fund pages
from tests.reports.conftest import LAT, LON

pytestmark = pytest.mark.django_db


@dataclass
class World:
    quarter: object
    staff: object
    admin: object
    lamp: object
    report: object
    event: object
    city_event: object
    org: object
    city_org: object
    group: object
    project: object
    fund_application: object
    process: object = None
    resident: object = None


def _starts(days=3):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def _event(by, title, *, quarter=None, city=None):
    starts = _starts()
    return event_services.create_event(
        by=by,
        quarter=quarter,
        city=city,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )


@pytest.fixture
def world(quarter, user_with_role, fund, make_application):  # noqa: F811
    staff, admin = user_with_role("staff"), user_with_role("admin")
    lamp = Category.objects.create(code="lamp", name="Straßenlaterne", group="Straße")
    report = report_services.create_report(
        quarter=quarter,
        category=lamp,
        description="Laterne am Spielplatz",
        lat=LAT,
        lon=LON,
        email="a@test.example",
    )
    org = actor_services.create_organisation(
        by=staff, quarter=quarter, data={"name": "Stadtteilgarten Grünau", "kind": "initiative"}
    )
    group = actor_services.create_group(
        by=staff, quarter=quarter, name="AG Hofgarten", kind=Group.Kind.WORKING_GROUP
    )
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=Decimal("1000"))
    project = make_application("complete", amounts=("400.00",))
    fund_services.decide(application=project, outcome="approved", actor=staff)
    project.refresh_from_db()
    return World(
        quarter=quarter,
        staff=staff,
        admin=admin,
        lamp=lamp,
        report=report,
        event=_event(staff, "Hoffest im Sommer", quarter=quarter),
        city_event=_event(admin, "Stadtweiter Aktionstag", city=quarter.city),
        org=Organisation.objects.get(pk=org.pk),
        city_org=actor_services.create_organisation(
            by=admin, quarter=None, city=quarter.city, data={"name": "Stadtsportbund", "kind": "association"}
        ),
        group=group,
        project=project,
        fund_application=make_application("complete", amounts=("300.00",)),
        process=_collecting_process(quarter),
        resident=user_with_role("resident"),
    )


def _collecting_process(quarter):
    from tests.participation.conftest import make_process, run_phase

    process = make_process(quarter)
    run_phase(process, "collecting")
    return process


def _new_idea_on_the_map(w: World) -> str:
    from quartierwerk.participation import services as participation_services

    participation_services.submit_idea(
        process=w.process,
        user=w.resident,
        title="Bank am Teich",
        text="Eine Bank mit Blick aufs Wasser.",
        category="green",
        lat=LAT,
        lon=LON,
    )
    return "Bank am Teich"


def _new_report(w: World) -> str:
    report_services.create_report(
        quarter=w.quarter,
        category=w.lamp,
        description="Neue Meldung Gehweg",
        lat=LAT,
        lon=LON,
        email="b@t.example",
    )
    return "Neue Meldung Gehweg"


def _new_report_on_the_map(w: World) -> str:
    report_services.create_report(
        quarter=w.quarter,
        category=w.lamp,
        description="Noch eine Meldung",
        lat=LAT,
        lon=LON,
        email="c@t.example",
    )
    return "Noch eine Meldung"


def _new_event_in_the_quarter(w: World) -> None:
    _event(w.staff, "Lesecafé am Teich", quarter=w.quarter)
    return None  # the quarter's page links to the calendar, the page is shown anew


def _report_answered(w: World) -> str:
    report_services.change_status(
        report=w.report, by=w.staff, status="in_progress", note="Wir kümmern uns darum"
    )
    return "Wir kümmern uns darum"


def _new_event(w: World) -> str:
    _event(w.staff, "Lesecafé am Teich", quarter=w.quarter)
    return "Lesecafé am Teich"


def _event_renamed(w: World) -> str:
    event_services.update_event(by=w.staff, event=w.event, title="Hoffest mit Flohmarkt")
    return "Hoffest mit Flohmarkt"


def _city_event_renamed(w: World) -> str:
    event_services.update_event(by=w.admin, event=w.city_event, title="Stadtweiter Putztag")
    return "Stadtweiter Putztag"


def _new_org(w: World) -> str:
    actor_services.create_organisation(
        by=w.staff, quarter=w.quarter, data={"name": "Mietertreff Nord", "kind": "initiative"}
    )
    return "Mietertreff Nord"


def _org_described(w: World) -> str:
    actor_services.update_organisation(by=w.staff, organisation=w.org, data={"description": "Beete für alle"})
    return "Beete für alle"


def _org_placed(w: World) -> None:
    actor_services.update_organisation(
        by=w.staff,
        organisation=w.org,
        data={"lat": 51.05, "lon": 12.05, "public_fields": ["location"], "description": "Auf der Karte"},
    )
    return None  # the map shows points only, the page is shown anew


def _city_org_described(w: World) -> str:
    actor_services.update_organisation(
        by=w.admin, organisation=w.city_org, data={"description": "Sport im Park"}
    )
    return "Sport im Park"


def _new_group(w: World) -> str:
    actor_services.create_group(
        by=w.staff, quarter=w.quarter, name="AG Spielplatz", kind=Group.Kind.WORKING_GROUP
    )
    return "AG Spielplatz"


def _group_described(w: World) -> str:
    actor_services.update_group(by=w.staff, group=w.group, data={"purpose": "Gießplan für den Sommer"})
    return "Gießplan für den Sommer"


def _fund_decided(w: World) -> None:
    fund_services.decide(application=w.fund_application, outcome="approved", actor=w.staff)
    return None  # the page is shown anew (fund pages are checked for their content in tests/fund)


# URL name -> (its URL in the world, the write through a service, then the text the next page must show;
# None where the write is checked by the page being rendered anew).
CASES = {
    "core:home": (lambda w: reverse("core:home"), _fund_decided),
    "core:quarter": (lambda w: reverse("core:quarter", args=[w.quarter.slug]), _new_event_in_the_quarter),
    "reports:list": (lambda w: reverse("reports:list", args=[w.quarter.slug]), _new_report),
    "reports:geojson": (lambda w: reverse("reports:geojson", args=[w.quarter.slug]), _new_report_on_the_map),
    "reports:detail": (
        lambda w: reverse("reports:detail", args=[w.quarter.slug, w.report.pk]),
        _report_answered,
    ),
    "reports:open311_requests": (lambda w: "/open311/v2/requests.json", _new_report_on_the_map),
    "events:calendar": (lambda w: reverse("events:calendar", args=[w.quarter.slug]), _new_event),
    "events:city_calendar": (lambda w: reverse("events:city_calendar"), _new_event),
    "events:detail": (lambda w: w.event.get_absolute_url(), _event_renamed),
    "events:city_detail": (
        lambda w: reverse("events:city_detail", args=[w.city_event.pk]),
        _city_event_renamed,
    ),
    "events:quarter_ics": (lambda w: reverse("events:quarter_ics", args=[w.quarter.slug]), _new_event),
    "events:city_ics": (lambda w: reverse("events:city_ics"), _new_event),
    "events:quarter_rss": (lambda w: reverse("events:quarter_rss", args=[w.quarter.slug]), _new_event),
    "events:city_rss": (lambda w: reverse("events:city_rss"), _new_event),
    "events:event_ics": (lambda w: reverse("events:event_ics", args=[w.event.pk]), _event_renamed),
    "actors:directory": (lambda w: reverse("actors:directory", args=[w.quarter.slug]), _new_org),
    "actors:city_directory": (lambda w: reverse("actors:city_directory"), _new_org),
    "actors:directory_geojson": (
        lambda w: reverse("actors:directory_geojson", args=[w.quarter.slug]),
        _org_placed,
    ),
    "actors:city_geojson": (lambda w: reverse("actors:city_geojson"), _org_placed),
    "actors:detail": (lambda w: reverse("actors:detail", args=[w.quarter.slug, w.org.slug]), _org_described),
    "actors:city_detail": (
        lambda w: reverse("actors:city_detail", args=[w.city_org.pk, w.city_org.slug]),
        _city_org_described,
    ),
    "actors:groups": (lambda w: reverse("actors:groups", args=[w.quarter.slug]), _new_group),
    "actors:group": (
        lambda w: reverse("actors:group", args=[w.quarter.slug, w.group.slug]),
        _group_described,
    ),
    "fund:home": (lambda w: reverse("fund:home", args=[w.quarter.slug]), _fund_decided),
    "fund:project": (
        lambda w: reverse("fund:project", args=[w.quarter.slug, w.project.reference]),
        _fund_decided,
    ),
    "participation:geojson": (
        lambda w: reverse("participation:geojson", args=[w.process.pk]),
        _new_idea_on_the_map,
    ),
}


def test_every_cached_page_kind_has_a_case_here():
    assert set(CASES) == set(pagecache.PUBLIC_PAGES)


@pytest.fixture
def served(monkeypatch):
    """The URLs answered from the page cache, in order."""
    hits = []
    answer = pagecache._answer

    def counting(request, stored):
        hits.append(request.path)
        return answer(request, stored)

    monkeypatch.setattr(pagecache, "_answer", counting)
    return hits


def _get(client, url, served):
    before = len(served)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200, url
    return response, len(served) > before


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_write_through_a_service_is_on_the_next_anonymous_request(client, world, served, name):
    url_of, write = CASES[name]
    url = url_of(world)
    first, _cached = _get(client, url, served)
    second, cached = _get(client, url, served)
    assert cached, f"{name} was not served from the cache"
    assert "public" in second["Cache-Control"] and second["ETag"]
    marker = write(world)
    third, cached = _get(client, url, served)
    assert not cached, f"{name} was served from the cache after a write"
    if marker is not None:
        assert marker in third.content.decode(), f"{name} does not show the write"
        assert marker not in second.content.decode()


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_signed_in_person_is_never_served_the_anonymous_page(
    client, world, served, login_as, user_with_role, name
):
    url = CASES[name][0](world)
    _get(client, url, served)
    assert _get(client, url, served)[1]  # stored and served to visitors without a session
    login_as(user_with_role("resident"))
    page, cached = _get(client, url, served)
    assert not cached, f"{name} came from the anonymous cache"
    assert "public" not in page.get("Cache-Control", "") and "private" in page["Cache-Control"]
    assert "ETag" not in page
    # and what the signed-in person was shown is not stored for anybody
    client.logout()
    client.cookies.clear()
    assert _get(client, url, served)[1]


STAFF_PAGES = [
    ("core:dashboard", True),
    ("core:staff_home", False),
    ("reports:inbox", True),
    ("events:staff_calendar", True),
    ("fund:inbox", True),
    ("actors:staff_index", True),
]


@pytest.mark.parametrize(("name", "with_slug"), STAFF_PAGES)
def test_staff_pages_are_no_store(client, world, login_as, name, with_slug):
    login_as(world.staff)
    url = reverse(name, args=[world.quarter.slug] if with_slug else [])
    response = client.get(url)
    assert response.status_code == 200, url
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


PRIVATE_LINKS = [
    ("reports:follow", {"token": "abc"}),
    ("reports:body_answer", {"token": "abc"}),
    ("reports:support_confirm", {"token": "abc"}),
    ("fund:applicant", {"token": "abc"}),
    ("events:cancel_registration", {"token": "abc"}),
    ("events:personal_ics", {"token": "abc"}),
    ("actors:withdraw", {"token": "abc"}),
    ("core:confirm_email", {"token": "abc"}),
]


@pytest.mark.parametrize(("name", "kwargs"), PRIVATE_LINKS)
@pytest.mark.parametrize("signed_in", [False, True])
def test_private_links_are_no_store_for_everyone(client, world, login_as, name, kwargs, signed_in):
    if signed_in:
        login_as(world.staff)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response["Cache-Control"] == "no-store", (name, response.status_code)
