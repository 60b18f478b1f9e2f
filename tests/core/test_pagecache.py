"""The anonymous page cache and Cache-Control: never stale after a write, never for signed-in people."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from quartierwerk.core import audit, generations, pagecache
from quartierwerk.events import services as event_services
from quartierwerk.reports import services as report_services
from quartierwerk.reports.models import Category, Report
from tests.reports.conftest import LAT, LON

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamp(db):
    return Category.objects.create(code="lamp", name="Straßenlaterne", group="Straße")


def _report(quarter, category, text):
    return report_services.create_report(
        quarter=quarter, category=category, description=text, lat=LAT, lon=LON, email="a@test.example"
    )


def test_second_anonymous_request_comes_from_the_cache(client, quarter, lamp, django_assert_max_num_queries):
    url = reverse("reports:list", args=[quarter.slug])
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert second.status_code == 200
    assert "public" in second["Cache-Control"]
    assert second["ETag"]


def test_a_report_through_the_service_is_on_the_next_anonymous_page(client, quarter, lamp):
    url = reverse("reports:list", args=[quarter.slug])
    _report(quarter, lamp, "Erste Laterne dunkel")
    client.get(url)
    assert "Erste Laterne dunkel" in client.get(url).content.decode()
    _report(quarter, lamp, "Zweite Laterne flackert")
    assert "Zweite Laterne flackert" in client.get(url).content.decode()


def test_a_status_change_is_on_the_next_anonymous_detail_page(client, quarter, lamp, user_with_role):
    report = _report(quarter, lamp, "Laterne aus")
    url = reverse("reports:detail", args=[quarter.slug, report.pk])
    with translation.override("de"):
        label = str(Report.Status.IN_PROGRESS.label)
    client.get(url)
    before = client.get(url).content.decode()  # from the cache
    staff = user_with_role("staff")
    report_services.change_status(report=report, by=staff, status="in_progress")
    after = client.get(url).content.decode()
    assert after.count(label) > before.count(label)


def test_a_write_elsewhere_keeps_the_page(
    client, quarter, other_quarter, lamp, django_assert_max_num_queries
):
    url = reverse("reports:list", args=[quarter.slug])
    client.get(url)
    report_services.create_report(
        quarter=other_quarter, category=lamp, description="Anderswo", email="b@test.example", no_place=True
    )
    with django_assert_max_num_queries(1):
        client.get(url)


def test_an_event_through_the_service_is_on_the_next_anonymous_calendar(client, quarter, user_with_role):
    url = reverse("events:calendar", args=[quarter.slug])
    client.get(url)
    starts = timezone.now() + datetime.timedelta(days=3)
    event_services.create_event(
        by=user_with_role("staff"),
        quarter=quarter,
        title="Stadtteilfest am Teich",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    assert "Stadtteilfest am Teich" in client.get(url).content.decode()
    assert "Stadtteilfest am Teich" in client.get(reverse("events:city_calendar")).content.decode()


def test_signed_in_people_get_no_cached_page_and_store_none(
    client, quarter, lamp, user_with_role, login_as, django_assert_max_num_queries
):
    url = reverse("reports:list", args=[quarter.slug])
    client.get(url)  # stored for visitors without a session
    Report.objects.create(quarter=quarter, category=lamp, description="Am Cache vorbei", lat=LAT, lon=LON)
    login_as(user_with_role("resident"))
    page = client.get(url)
    assert "Am Cache vorbei" in page.content.decode()
    assert "private" in page["Cache-Control"]
    assert "ETag" not in page
    # and what the signed-in person saw was not stored: a visitor without a session still gets the old page
    client.logout()
    client.cookies.clear()
    assert "Am Cache vorbei" not in client.get(url).content.decode()


def test_staff_pages_and_private_links_are_no_store(client, quarter, user_with_role, login_as):
    login_as(user_with_role("staff"))
    assert "no-store" in client.get(reverse("core:dashboard", args=[quarter.slug]))["Cache-Control"]
    client.logout()
    client.cookies.clear()
    page = client.get(reverse("reports:follow", args=["not-a-real-token"]))
    assert page["Cache-Control"] == "no-store"


def test_an_authorization_header_or_message_bypasses_the_cache(client, quarter, lamp):
    url = reverse("reports:list", args=[quarter.slug])
    client.get(url)
    Report.objects.create(quarter=quarter, category=lamp, description="Nur frisch", lat=LAT, lon=LON)
    assert "Nur frisch" in client.get(url, HTTP_AUTHORIZATION="Token x").content.decode()
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.INFO, "Danke")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    assert "Nur frisch" in client.get(url).content.decode()


def test_answers_with_a_cookie_a_message_or_not_200_are_never_stored():
    request = RequestFactory().get("/")
    assert pagecache._storable(request, HttpResponse("x"))
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("sessionid", "abc")
    assert not pagecache._storable(request, with_cookie)
    assert not pagecache._storable(request, HttpResponse("x", status=404))
    own_policy = HttpResponse("x")
    own_policy["Cache-Control"] = "private"
    assert not pagecache._storable(request, own_policy)
    request._messages = CookieStorage(request)
    assert pagecache._storable(request, HttpResponse("x"))
    request._messages.add(constants.SUCCESS, "Danke für Ihre Meldung")
    assert not pagecache._storable(request, HttpResponse("x"))


def test_forms_are_stored_without_the_csrf_token_and_get_one_from_a_small_request(client, quarter, lamp):
    url = reverse("reports:detail", args=[quarter.slug, _report(quarter, lamp, "Formular").pk])
    first = client.get(url).content.decode()
    assert 'name="csrfmiddlewaretoken" value="' in first
    client.cookies.clear()
    cached = client.get(url).content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in cached
    assert 'name="csrfmiddlewaretoken" value="' + "x" not in cached
    assert "js/csrf-fill.js" in cached
    assert f"url={url}?fresh=1" in cached
    token = client.get(reverse("core:csrf_token"))
    assert token.json()["token"]
    assert "no-store" in token["Cache-Control"] or "no-cache" in token["Cache-Control"]
    fresh = client.get(url + "?fresh=1").content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' not in fresh


def test_feeds_answer_304_to_a_matching_etag(client, quarter):
    url = reverse("events:quarter_ics", args=[quarter.slug])
    first = client.get(url)
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    geojson = reverse("reports:geojson", args=[quarter.slug])
    tag = client.get(geojson)["ETag"]
    assert client.get(geojson, HTTP_IF_NONE_MATCH=tag).status_code == 304


@pytest.mark.parametrize("module", generations.MODULES)
def test_every_audited_write_starts_a_new_generation_of_its_module(module, quarter):
    before = generations.current([module], quarter.pk)
    across = generations.current([module])
    generations.bump(module, quarter.pk)
    assert generations.current([module], quarter.pk) != before
    assert generations.current([module]) != across


def test_audit_bumps_the_module_of_the_target(quarter, lamp, other_quarter):
    report = Report.objects.create(quarter=quarter, category=lamp, description="x", lat=LAT, lon=LON)
    mine, theirs = (
        generations.current(["reports"], quarter.pk),
        generations.current(["reports"], other_quarter.pk),
    )
    audit.record(None, "reports.test", report)
    assert generations.current(["reports"], quarter.pk) != mine
    assert generations.current(["reports"], other_quarter.pk) == theirs
    core = generations.current(["core"], quarter.pk)
    audit.record(None, "core.quarter_changed", quarter)
    assert generations.current(["core"], quarter.pk) != core


def test_pages_and_generations_in_redis_as_in_production(
    redis_cache, client, quarter, lamp, django_assert_max_num_queries
):
    url = reverse("reports:list", args=[quarter.slug])
    client.get(url)
    with django_assert_max_num_queries(1):
        assert client.get(url).status_code == 200
    _report(quarter, lamp, "Laterne im Redis-Test")
    assert "Laterne im Redis-Test" in client.get(url).content.decode()


def test_a_visitor_with_a_csrf_cookie_never_leaves_their_token_in_the_cache(client, quarter, lamp):
    url = reverse("reports:detail", args=[quarter.slug, _report(quarter, lamp, "Mit Cookie").pk])
    client.get(reverse("core:csrf_token"))  # the visitor already has the CSRF cookie, but no session
    assert settings.CSRF_COOKIE_NAME in client.cookies
    own = client.get(url)
    assert 'name="csrfmiddlewaretoken" value=""' not in own.content.decode()  # their own page works
    assert "public" not in own.get("Cache-Control", "")
    client.cookies.clear()
    cached = client.get(url).content.decode()
    assert 'name="csrfmiddlewaretoken" value=""' in cached
    assert re.search(r'csrfmiddlewaretoken" value="[^"]', cached) is None
