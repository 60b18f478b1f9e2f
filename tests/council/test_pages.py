"""The council pages: a paper with its procedure and lights, the overviews, the export, the reminders."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from quartierwerk.core import clock
from quartierwerk.core.models import OutboxMail
from quartierwerk.council import services
from quartierwerk.council.models import Paper, ResolutionPoint, TrafficLight, light_for, paper_light

from .conftest import make_decision

pytestmark = pytest.mark.django_db


def test_the_traffic_light_of_a_point_and_of_a_paper():
    today = datetime.date(2026, 6, 1)
    assert light_for("open", datetime.date(2026, 5, 31), today) == TrafficLight.OVERDUE
    assert light_for("open", datetime.date(2026, 6, 20), today) == TrafficLight.NEAR
    assert light_for("in_progress", datetime.date(2026, 9, 1), today) == TrafficLight.ON_TIME
    assert light_for("open", None, today) == TrafficLight.ON_TIME
    assert light_for("done", datetime.date(2020, 1, 1), today) == TrafficLight.DONE
    assert light_for("dropped", datetime.date(2020, 1, 1), today) == TrafficLight.DONE
    points = [
        ResolutionPoint(status="done"),
        ResolutionPoint(status="open", deadline=datetime.date(2026, 6, 10)),
    ]
    assert paper_light(points, today) == TrafficLight.NEAR
    assert paper_light([], today) is None


def test_the_paper_page_shows_the_whole_procedure(client, procedure):
    page = client.get(reverse("council:paper", args=[procedure.pk])).content.decode()
    for kind in ("Antrag", "Verwaltungsstandpunkt", "Neufassung", "Beschluss", "Sachstandsbericht"):
        assert kind in page, kind  # each paper of the procedure, by its kind (German by default)
    assert "VII-A-00692" in page
    assert page.count("council-light") >= 4  # the paper's light and each of its three points
    motion = Paper.objects.get(reference="VII-A-00692")
    revision = Paper.objects.get(kind=Paper.Kind.REVISED_MOTION)
    assert (
        "Stadtbezirksbeirat Süd" in client.get(revision.get_absolute_url()).content.decode()
    )  # consultations
    assert procedure.get_absolute_url() in client.get(motion.get_absolute_url()).content.decode()


def test_the_paper_page_costs_fixed_queries(client, procedure, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get(reverse("council:paper", args=[procedure.pk]))


def test_overviews_list_open_points_by_office_and_deadline(client, quarter, django_assert_max_num_queries):
    make_decision(quarter, reference="LATE", deadline_in=-3)
    make_decision(quarter, reference="DONE", status="done")
    make_decision(quarter, reference="ELSEWHERE", confirmed=False)

    def open_points(url):
        return client.get(url).content.decode().split('id="open-title"')[1].split("</section>")[0]

    page = open_points(reverse("council:quarter", args=[quarter.slug]))
    assert "LATE" in page and "kern-badge--danger council-light" in page  # the overdue light
    assert "DONE" not in page and "ELSEWHERE" not in page
    city_page = open_points(reverse("council:city", args=[quarter.city.slug]))
    assert "LATE" in city_page and "ELSEWHERE" in city_page
    for n in range(10):
        make_decision(quarter, reference=f"MORE-{n}")
    with django_assert_max_num_queries(12):
        client.get(reverse("council:quarter", args=[quarter.slug]))


def test_the_export_is_a_csv_of_the_open_points(client, quarter):
    make_decision(quarter, reference="VII-A-00001", deadline_in=-3)
    response = client.get(reverse("council:quarter_export", args=[quarter.slug]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    with translation.override("de"):
        overdue = str(TrafficLight.OVERDUE.label)
    assert "VII-A-00001" in text and "Amt für Stadterneuerung" in text and overdue in text


def test_the_responsible_office_is_reminded_once_before_the_deadline(
    quarter, django_capture_on_commit_callbacks
):
    make_decision(quarter, reference="SOON", deadline_in=5)
    make_decision(quarter, reference="LATER", deadline_in=60)
    make_decision(quarter, reference="SOON-DONE", deadline_in=5, status="done")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_deadline_reminders() == 1
        assert services.send_deadline_reminders() == 0
    sent = OutboxMail.objects.get(purpose="council.deadline")
    assert sent.to == ["amt@example.org"] and "SOON" in sent.subject
    assert clock.today() <= ResolutionPoint.objects.get(paper__reference="SOON").deadline
    assert mail.outbox is not None
