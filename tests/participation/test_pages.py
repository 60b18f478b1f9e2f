"""Pages and API: fixed query counts for lists (3 rows against 30), filters that follow each other, the
office's flow (start, timeline, publish, print codes, answer), code holders, demo data on every quarter."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core.models import OutboxMail
from quartierwerk.participation.models import Comment, Idea, Phase, Process

from .conftest import LAT, LON, make_idea, run_phase

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a test fills per-process caches (labels, URL patterns)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "participation:ideas",
        "participation:geojson",
        "participation:results",
        "api_ideas",
        "api_geojson",
    ],
)
def test_lists_cost_the_same_for_3_and_30_ideas(client, process, url, user_with_role, login_as):
    def address():
        if url == "api_ideas":
            return f"/api/v1/participation/processes/{process.pk}/ideas?page_size=50"
        if url == "api_geojson":
            return f"/api/v1/participation/processes/{process.pk}/geojson?zoom=17"
        return reverse(url, args=[process.pk])

    run_phase(process, "prioritising")
    login_as(user_with_role("resident"))
    for n in range(3):
        make_idea(process, n)
    few = _queries(client, address())
    for n in range(3, 30):
        idea = make_idea(process, n, support_count=n)
        Comment.objects.create(idea=idea, text="Kommentar")
    many = _queries(client, address())
    assert few == many, (few, many)


def test_the_process_list_costs_the_same_for_1_and_10_processes(client, quarter):
    from .conftest import make_process

    make_process(quarter)
    few = _queries(client, reverse("participation:list", args=[quarter.slug]))
    for _n in range(9):
        make_process(quarter)
    assert _queries(client, reverse("participation:list", args=[quarter.slug])) == few


def test_filters_follow_each_other_in_list_and_map(client, process):
    make_idea(process, 1, category="green", status="taken_up", answer="Ja")
    make_idea(process, 2, category="green")
    make_idea(process, 3, category="play", status="taken_up", answer="Ja")
    url = reverse("participation:ideas", args=[process.pk])
    page = client.get(url, {"status": "taken_up"}).content.decode()
    # Under "taken up" one green and one play idea remain; without a category filter all three statuses count.
    assert re.search(r'value="green"[^>]*>[^<]*\(1\)', page)
    assert re.search(r'value="play"[^>]*>[^<]*\(1\)', page)
    page = client.get(url, {"category": "green"}).content.decode()
    assert re.search(r'value="new"[^>]*>[^<]*\(1\)', page)
    assert re.search(r'value="taken_up"[^>]*>[^<]*\(1\)', page)
    feed = client.get(
        reverse("participation:geojson", args=[process.pk]), {"category": "green", "zoom": 17}
    ).json()
    assert len(feed["features"]) == 2
    api = client.get(f"/api/v1/participation/processes/{process.pk}/ideas", {"category": "play"}).json()
    assert api["count"] == 1


def test_bad_filter_values_are_ignored_not_errors(client, process):
    url = reverse("participation:ideas", args=[process.pk])
    assert client.get(url, {"category": "x" * 500, "status": "\x00", "page": "abc"}).status_code == 200
    response = client.get(f"/api/v1/participation/processes/{process.pk}/ideas", {"page_size": "100000"})
    assert response.status_code in (200, 400)


def test_the_office_starts_plans_publishes_and_answers(client, login_as, quarter, staff, user_with_role):
    login_as(staff)
    response = client.post(
        reverse("participation:staff_new", args=[quarter.slug]),
        {"title": "Spielplatz", "goal": "Neu bauen", "concept_who": "Kinder", "dots_per_person": 3},
    )
    process = Process.objects.get(title="Spielplatz")
    assert response.status_code == 302 and process.status == "draft"
    assert client.post(reverse("participation:staff_status", args=[process.pk, "publish"])).status_code == 302
    process.refresh_from_db()
    assert process.status == "draft"  # no phase yet
    response = client.post(
        reverse("participation:staff_phase_new", args=[process.pk]),
        {"kind": "collecting", "starts_on": "2000-01-01", "ends_on": "2999-12-31"},
    )
    assert response.status_code == 302 and Phase.objects.filter(process=process).count() == 1
    response = client.post(
        reverse("participation:staff_phase_new", args=[process.pk]),
        {"kind": "results", "starts_on": "2001-01-01", "ends_on": "2001-02-01"},
    )
    assert response.status_code == 400  # overlaps
    client.post(reverse("participation:staff_status", args=[process.pk, "publish"]))
    process.refresh_from_db()
    assert process.status == "published"
    response = client.post(
        reverse("participation:staff_codes", args=[process.pk]), {"count": 3, "batch": "Fest"}
    )
    codes = re.findall(r'class="participation-code" dir="ltr">([A-Z0-9-]+)<', response.content.decode())
    assert len(codes) == 3 and response["Cache-Control"].startswith(("no-cache", "max-age=0", "no-store"))
    idea = make_idea(process, author=user_with_role("resident"))
    response = client.post(
        reverse("participation:staff_idea", args=[process.pk, idea.pk]),
        {"answer-action": "decline", "answer-answer": ""},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("participation:staff_idea", args=[process.pk, idea.pk]),
        {"answer-action": "take_up", "answer-answer": "Wird gebaut."},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (
        idea.status == "taken_up"
        and OutboxMail.objects.filter(purpose="participation.idea_answered").exists()
    )
    results = client.get(reverse("participation:results", args=[process.pk])).content.decode()
    assert "Wird gebaut." in results


def test_a_visitor_takes_part_with_a_printed_code(client, process, staff):
    from quartierwerk.participation import services

    raw = services.generate_codes(process=process, by=staff, count=1)[0]
    new = reverse("participation:new_idea", args=[process.pk])
    response = client.post(reverse("participation:code", args=[process.pk]), {"code": raw, "next": new})
    assert response.status_code == 302 and response["Location"] == new
    response = client.post(
        new,
        {"title": "Ohne Konto", "text": "Eine Idee vom Fest", "category": "culture", "lat": LAT, "lon": LON},
    )
    assert response.status_code == 302
    idea = Idea.objects.get(title="Ohne Konto")
    assert idea.code_id and idea.author_id is None
    # The same code in another browser is refused.
    from django.test import Client

    other = Client()
    other.post(reverse("participation:code", args=[process.pk]), {"code": raw})
    response = other.post(new, {"title": "Zweimal", "text": "Text", "category": "culture"})
    assert response.status_code == 403 and not Idea.objects.filter(title="Zweimal").exists()


def test_a_visitor_without_a_code_is_asked_to_log_in_or_type_one(client, process):
    response = client.get(reverse("participation:new_idea", args=[process.pk]))
    assert response.status_code == 200 and 'name="code"' in response.content.decode()
    run_phase(process, "commenting")
    response = client.get(reverse("participation:new_idea", args=[process.pk]))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_hidden_ideas_and_comments_are_gone_from_the_public(client, process, staff, user_with_role):
    from quartierwerk.participation import services

    idea = make_idea(process)
    comment = services.comment(idea=idea, user=user_with_role("resident"), text="Geheimer Unsinn")
    services.hide_comment(comment=comment, by=staff, reason="Beleidigung")
    page = client.get(reverse("participation:idea", args=[process.pk, idea.pk])).content.decode()
    assert "Geheimer Unsinn" not in page and "Beleidigung" in page
    api = client.get(f"/api/v1/participation/ideas/{idea.pk}").json()
    assert api["comments"][0]["text"] == "" and api["comments"][0]["hidden"]
    services.hide_idea(idea=idea, by=staff, reason="Werbung")
    assert client.get(reverse("participation:idea", args=[process.pk, idea.pk])).status_code == 404
    assert client.get(f"/api/v1/participation/ideas/{idea.pk}").status_code == 404


def test_every_demo_quarter_has_a_process_in_another_phase_linked_from_its_home(client):
    from quartierwerk.core import demo

    demo.load()
    demo.load()  # idempotent
    kinds = set()
    for process in Process.objects.select_related("quarter").prefetch_related("phases"):
        page = client.get(reverse("core:quarter", args=[process.quarter.slug])).content.decode()
        assert reverse("participation:list", args=[process.quarter.slug]) in page
        kinds.add(process.current_phase().kind)
    assert Process.objects.count() == 5 and len(kinds) == 5


def test_the_openapi_schema_lists_the_participation_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/participation/processes",
        "/api/v1/participation/processes/{process_id}/ideas",
        "/api/v1/participation/ideas/{idea_id}/dots",
        "/api/v1/participation/ideas/{idea_id}/support",
        "/api/v1/participation/ideas/{idea_id}/comments",
    ):
        assert path in paths, path
