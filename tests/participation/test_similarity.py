"""Similar ideas: the hint while writing (who may ask for it), the vector computed after an idea is saved,
the office's likely duplicates across languages, and a fixed number of queries whatever the number of ideas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core import similarity
from quartierwerk.participation import services
from quartierwerk.participation.models import IdeaEmbedding
from quartierwerk.participation.services.similarity import embed_idea, similar_ideas
from tests.conftest import permission_matrix

from .conftest import make_idea, run_phase

pytestmark = pytest.mark.django_db

PLAY_DE = (
    "Neue Schaukeln am Rabet: Die Schaukeln auf dem Spielplatz sind kaputt, die Kinder brauchen neue Geräte."
)
PLAY_AR = "ملعب الأطفال في حديقة رابيت يحتاج إلى أراجيح جديدة، الأراجيح القديمة مكسورة."
BIKES_DE = "Mehr Fahrradbügel vor dem Bahnhof, damit man die Räder sicher abstellen kann."


@pytest.fixture
def plain_text(monkeypatch):
    """Compare by shared words only (the fallback), without loading the model."""
    monkeypatch.setattr(similarity, "_load", lambda: None)


@permission_matrix(
    {
        "anonymous": False,
        "resident": True,
        "actor_representative": True,
        "award_team": True,
        "staff": False,  # the office answers, it does not bring in ideas
        "staff_other_quarter": True,
        "city_staff": False,
        "city_staff_other_city": True,
        "admin": False,
    }
)
def test_who_gets_the_hint_while_writing(
    role, allowed, plain_text, process, user_with_role, client, login_as
):
    make_idea(process, title="Schaukeln am Rabet", text="Die Schaukeln auf dem Spielplatz sind kaputt")
    login_as(user_with_role(role))
    url = reverse("participation:similar", args=[process.pk])
    response = client.post(url, {"title": "Schaukeln Spielplatz", "text": "Schaukeln sind kaputt"})
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert "Schaukeln am Rabet" in response.content.decode()
    assert client.get(url).status_code == 405


def test_no_hint_outside_collecting_or_for_a_word_or_two(
    plain_text, process, user_with_role, client, login_as
):
    make_idea(process, title="Schaukeln am Rabet", text="Die Schaukeln auf dem Spielplatz sind kaputt")
    login_as(user_with_role("resident"))
    url = reverse("participation:similar", args=[process.pk])
    assert "Rabet" not in client.post(url, {"title": "Schaukeln", "text": ""}).content.decode()
    run_phase(process, "prioritising")
    assert client.post(url, {"title": "Schaukeln am Rabet", "text": "kaputt"}).status_code == 403


def test_the_new_idea_page_asks_for_the_hint(process, user_with_role, client, login_as):
    login_as(user_with_role("resident"))
    page = client.get(reverse("participation:new_idea", args=[process.pk])).content.decode()
    assert reverse("participation:similar", args=[process.pk]) in page and 'aria-live="polite"' in page


def test_a_saved_idea_gets_its_vector_and_an_arabic_paraphrase_finds_it(
    process, user_with_role, django_capture_on_commit_callbacks
):
    resident = user_with_role("resident")
    with django_capture_on_commit_callbacks(execute=True):
        play = services.submit_idea(
            process=process, user=resident, title="Schaukeln", text=PLAY_DE, category="play"
        )
        services.submit_idea(
            process=process, user=resident, title="Fahrräder", text=BIKES_DE, category="traffic"
        )
    stored = IdeaEmbedding.objects.get(idea=play)
    assert stored.model == similarity.MODEL_ID and similarity.unpack(stored.vector) is not None
    found = similar_ideas(process, PLAY_AR)
    assert found and found[0][0] == play and found[0][2]  # by meaning, across languages
    # An edit recomputes the vector.
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_idea(idea=play, by=resident, title="Fahrradbügel", text=BIKES_DE)
    assert bytes(IdeaEmbedding.objects.get(idea=play).vector) != bytes(stored.vector)


def test_the_office_sees_likely_duplicates_in_any_language(process, staff, client, login_as):
    original = make_idea(process, title="Schaukeln", text=PLAY_DE)
    arabic = make_idea(process, n=1, title="أراجيح", text=PLAY_AR, language="ar")
    other = make_idea(process, n=2, title="Fahrradbügel am Bahnhof", text=BIKES_DE)
    for made in (original, arabic, other):
        embed_idea(made.pk)
    login_as(staff)
    page = client.get(reverse("participation:staff_idea", args=[process.pk, original.pk])).content.decode()
    assert "أراجيح" in page and "Fahrradbügel am Bahnhof" not in page


def test_the_hint_costs_the_same_for_3_and_30_ideas(plain_text, process, user_with_role, client, login_as):
    login_as(user_with_role("resident"))
    url = reverse("participation:similar", args=[process.pk])
    data = {"title": "Schaukeln Spielplatz Rabet", "text": "Die Schaukeln sind kaputt"}

    def count() -> int:
        client.post(url, data)
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(url, data).status_code == 200
        return len(ctx.captured_queries)

    for n in range(3):
        make_idea(process, n, title=f"Schaukeln {n}", text="Die Schaukeln am Rabet sind kaputt")
    few = count()
    for n in range(3, 30):
        make_idea(process, n, title=f"Schaukeln {n}", text="Die Schaukeln am Rabet sind kaputt")
    assert count() == few


def test_the_command_fills_missing_vectors(process):
    from io import StringIO

    from django.core.management import call_command

    made = make_idea(process, title="Schaukeln", text=PLAY_DE)
    call_command("embed_ideas", stdout=StringIO())
    assert IdeaEmbedding.objects.filter(idea=made, model=similarity.MODEL_ID).exists()
