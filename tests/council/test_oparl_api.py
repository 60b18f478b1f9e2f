"""The OParl lists: date filters, pagination with links, deleted objects, and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartierwerk.council import oparl
from quartierwerk.council.models import (
    AgendaItem,
    Location,
    Meeting,
    Organization,
    Paper,
    PaperQuarter,
    ResolutionPoint,
    StatusReport,
)
from quartierwerk.council.services import body_for
from tests.council.conftest import make_decision


def _papers_url(body):
    return f"/oparl/v1/body/{body.pk}/paper"


def test_the_system_links_to_the_bodies(client, procedure):
    system = client.get("/oparl/v1/").json()
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = client.get(system["body"]).json()
    assert [b["name"] for b in bodies["data"]] == ["Leipzig"]
    assert client.get("/oparl/v1/").headers["Access-Control-Allow-Origin"] == "*"


def test_a_paper_carries_its_points_as_vendor_properties(client, procedure):
    data = client.get(f"/oparl/v1/paper/{procedure.pk}").json()
    assert data["paperType"] == "Beschluss"
    assert data["reference"] == "VII-A-00692-B"
    points = data["quartierwerk:resolutionPoint"]
    assert [p["number"] for p in points] == [1, 2, 3]
    assert {p["trafficLight"] for p in points} == {"done"}
    assert points[0]["statusReport"][0]["status"] == "done"
    assert data["quartierwerk:trafficLight"] == "done"
    assert len(data["relatedPaper"]) == 2  # the revision it decides and the final report on it


def test_persons_and_memberships_are_never_published(client, procedure):
    body = procedure.body
    for name in ("person", "membership"):
        page = client.get(f"/oparl/v1/body/{body.pk}/{name}").json()
        assert page["data"] == [] and page["pagination"]["totalElements"] == 0


def test_pagination_links_walk_every_paper_once(client, quarter, monkeypatch):
    monkeypatch.setattr(oparl, "PAGE_SIZE", 2)
    papers = [make_decision(quarter, reference=f"X-{n}") for n in range(5)]
    url, seen, pages = _papers_url(papers[0].body), [], 0
    while url:
        page = client.get(url).json()
        pages += 1
        seen += [p["reference"] for p in page["data"]]
        assert page["pagination"]["totalElements"] == 5
        assert page["pagination"]["currentPage"] == pages
        assert page["links"]["first"].endswith("page=1")
        url = page["links"].get("next")
    assert pages == 3 and sorted(seen) == [f"X-{n}" for n in range(5)]
    assert client.get(_papers_url(papers[0].body) + "?page=4").status_code == 404
    assert client.get(_papers_url(papers[0].body) + "?page=x").status_code == 400


def test_date_filters_select_by_created_and_modified(client, quarter):
    old, new = make_decision(quarter, reference="OLD"), make_decision(quarter, reference="NEW")
    then = timezone.now() - datetime.timedelta(days=10)
    Paper.objects.filter(pk=old.pk).update(created=then, modified=then)
    url = _papers_url(old.body)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()

    def refs(query):
        return [p["reference"] for p in client.get(url, query).json()["data"]]

    assert refs({"modified_since": since}) == ["NEW"]
    assert refs({"created_since": since}) == ["NEW"]
    assert refs({"modified_until": since}) == ["OLD"]
    assert refs({"created_until": since}) == ["OLD"]
    assert sorted(refs({})) == ["NEW", "OLD"]
    page = client.get(url, {"modified_since": since, "page": 1}).json()
    assert "modified_since=" in page["links"]["first"]  # the filters stay in the links
    assert client.get(url, {"modified_since": "yesterday"}).status_code == 400
    assert new.pk


def test_deleted_objects_stay_in_the_lists_marked_deleted(client, quarter):
    paper = make_decision(quarter, reference="GONE")
    since = timezone.now().isoformat()
    paper.deleted = True
    paper.save()
    page = client.get(_papers_url(paper.body), {"modified_since": since}).json()
    assert [(p["reference"], p["deleted"]) for p in page["data"]] == [("GONE", True)]
    assert client.get(f"/oparl/v1/paper/{paper.pk}").json()["deleted"] is True


def test_a_status_report_moves_the_papers_modified(client, quarter, user_with_role):
    from quartierwerk.council.services import record_status_report

    paper = make_decision(quarter)
    since = timezone.now().isoformat()
    assert client.get(_papers_url(paper.body), {"modified_since": since}).json()["data"] == []
    record_status_report(
        by=user_with_role("admin"), point=paper.points.get(), status="done", text="Erledigt."
    )
    data = client.get(_papers_url(paper.body), {"modified_since": since}).json()["data"]
    assert [p["quartierwerk:trafficLight"] for p in data] == ["done"]


def _fill(quarter, n: int):
    body = body_for(quarter.city)
    office = Organization.objects.create(body=body, kind=Organization.Kind.OFFICE, name="Amt")
    faction = Organization.objects.create(body=body, kind=Organization.Kind.FACTION, name="Fraktion")
    place = Location.objects.create(body=body, description="Rathaus")
    for i in range(n):
        motion = Paper.objects.create(body=body, kind=Paper.Kind.MOTION, reference=f"M-{i}", name="Antrag")
        motion.originators.add(faction)
        paper = make_decision(quarter, reference=f"B-{i}")
        Paper.objects.filter(pk=paper.pk).update(decides=motion, lead_office=office)
        point = paper.points.get()
        StatusReport.objects.create(point=point, date=point.deadline, status="open", text="läuft")
        meeting = Meeting.objects.create(body=body, name="Rat", location=place)
        meeting.organizations.add(office)
        item = AgendaItem.objects.create(meeting=meeting, order=1, name="Beschluss")
        paper.consultations.create(organization=office, role="Beschluss", meeting=meeting, agenda_item=item)
        paper.files.create(body=body, name="Beschluss", access_url="https://example.org/b.pdf", is_main=True)
        PaperQuarter.objects.get_or_create(paper=motion, quarter=quarter, defaults={"confirmed": True})
        ResolutionPoint.objects.create(paper=paper, number=2, text="Zweiter Punkt", deleted=True)
    return body


@pytest.mark.parametrize(
    "segment", ["paper", "organization", "meeting", "agendaItem", "consultation", "file", "location"]
)
def test_a_list_page_costs_the_same_with_3_or_30_papers(client, quarter, segment, monkeypatch):
    monkeypatch.setattr(oparl, "PAGE_SIZE", 100)
    body = _fill(quarter, 3)
    url = f"/oparl/v1/body/{body.pk}/{segment}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill(quarter, 27)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
