"""The results report as PDF: ideas with dots, support, channel and answer, the survey counts; counts of one
or two people read "fewer than 3"; a draft's report is the office's only."""

import pytest
from django.urls import reverse
from django.utils import translation

from quartierwerk.participation import pdf, services
from quartierwerk.participation.models import Idea
from quartierwerk.participation.templatetags.participation import few

from .conftest import make_idea

pytestmark = pytest.mark.django_db


def test_small_counts_of_people_read_fewer_than_3():
    with translation.override("en"):
        assert [few(n) for n in (0, 1, 2, 3, 40)] == ["0", "fewer than 3", "fewer than 3", "3", "40"]
    with translation.override("de"):
        assert few(2) == "weniger als 3"


def test_the_report_holds_ideas_answers_channels_and_small_counts_hidden(process, staff):
    make_idea(process, title="Trinkbrunnen", support_count=1, dot_count=12)
    services.record_offline_idea(
        process=process,
        by=staff,
        channel="paper",
        title="Bücherschrank",
        text="Vom Bogen.",
        category="culture",
    )
    idea = Idea.objects.get(title="Bücherschrank")
    services.answer_idea(idea=idea, by=staff, action="take_up", answer="Kommt in den Hof der Schule.")
    with translation.override("de"):
        text = pdf.pdf_text("participation/pdf/results.html", pdf.results_context(process), language="de")
    text = " ".join(text.split())
    assert "Trinkbrunnen" in text and "Bücherschrank" in text and "Kommt in den Hof der Schule." in text
    assert "weniger als 3" in text and "12" in text and "Papierformular" in text


def test_the_report_is_a_pdf_and_a_drafts_report_is_hidden(process, user_with_role, client, login_as):
    url = reverse("participation:results_pdf", args=[process.pk])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    process.status = "draft"
    process.save()
    assert client.get(url).status_code == 404
    login_as(user_with_role("staff"))
    assert client.get(url).status_code == 200
