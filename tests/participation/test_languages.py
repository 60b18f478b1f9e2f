"""Processes in several languages: title, goal and concept entered beside German, read in the visitor's
language, every block marked with the language it is in; the list costs the same for 3 and 30 processes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.participation.models import Phase, Process

from .conftest import make_idea, make_process, run_phase

pytestmark = pytest.mark.django_db

TITLE_AR = "أفكار للحديقة"
GOAL_AR = "سيُعاد تصميم الحديقة."
TITLE_DE = "Ideen für den Park"
GOAL_DE = "Der Park wird neu gestaltet."
WHO_DE = "Alle im Quartier"


def _get(client, url, language="ar"):
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response


def _lang_of(html: str, text: str) -> tuple[str, str]:
    match = re.search(r'<span lang="([^"]+)" dir="([^"]+)">' + re.escape(text) + "</span>", html)
    assert match, f"{text!r} is not marked with its language"
    return match.group(1), match.group(2)


@pytest.fixture
def translated(quarter):
    quarter.city.languages = ["de", "ar"]
    quarter.city.save()
    process = make_process(quarter)
    process.translations = {"ar": {"title": TITLE_AR, "goal": GOAL_AR}}
    process.save()
    run_phase(process, "results")
    return process


def test_the_arabic_visitor_reads_title_and_goal_in_arabic_and_the_rest_marked_german(client, translated):
    page = _get(client, translated.get_absolute_url()).content.decode()
    assert _lang_of(page, TITLE_AR) == ("ar", "rtl")
    assert _lang_of(page, GOAL_AR) == ("ar", "rtl")
    assert _lang_of(page, WHO_DE) == ("de", "ltr")  # no Arabic version of the concept: German, and says so
    assert GOAL_DE not in page
    listing = _get(client, reverse("participation:list", args=[translated.quarter.slug])).content.decode()
    assert _lang_of(listing, TITLE_AR) == ("ar", "rtl") and _lang_of(listing, GOAL_AR) == ("ar", "rtl")
    results = _get(client, reverse("participation:results", args=[translated.pk])).content.decode()
    assert _lang_of(results, TITLE_AR) == ("ar", "rtl")


def test_german_only_content_is_marked_german_and_german_visitors_read_german(client, quarter, translated):
    german_only = make_process(quarter)
    page = _get(client, german_only.get_absolute_url()).content.decode()
    assert _lang_of(page, TITLE_DE) == ("de", "ltr") and _lang_of(page, GOAL_DE) == ("de", "ltr")
    german = _get(client, translated.get_absolute_url(), "de").content.decode()
    assert _lang_of(german, TITLE_DE) == ("de", "ltr")
    assert TITLE_AR not in german


def test_the_api_answers_in_the_callers_language_and_says_which_it_is(client, translated):
    body = _get(client, f"/api/v1/participation/processes/{translated.pk}").json()
    assert (body["title"], body["goal"], body["concept"]["who"]) == (TITLE_AR, GOAL_AR, WHO_DE)
    assert body["text_languages"]["title"] == "ar" and body["text_languages"]["concept_who"] == "de"
    body = _get(client, f"/api/v1/participation/processes/{translated.pk}", "de").json()
    assert body["title"] == TITLE_DE and body["text_languages"]["title"] == "de"


def test_the_office_enters_title_and_goal_in_arabic_beside_german(client, quarter, user_with_role, login_as):
    quarter.city.languages = ["de", "ar"]
    quarter.city.save()
    login_as(user_with_role("staff"))
    url = reverse("participation:staff_new", args=[quarter.slug])
    html = client.get(url).content.decode()
    assert re.search(r'name="i18n_ar_title"[^>]*lang="ar"|lang="ar"[^>]*name="i18n_ar_title"', html)
    assert 'name="i18n_en_title"' not in html
    response = client.post(
        url,
        {"title": "Spielplatz", "goal": "Neu bauen", "dots_per_person": 3, "i18n_ar_title": TITLE_AR},
    )
    assert response.status_code == 302
    process = Process.objects.get(title="Spielplatz")
    assert process.translations == {"ar": {"title": TITLE_AR}}
    edit = reverse("participation:staff_process", args=[process.pk])
    assert TITLE_AR in client.get(edit).content.decode()
    client.post(
        edit, {"title": "Spielplatz", "goal": "Neu bauen", "dots_per_person": 3, "i18n_ar_goal": GOAL_AR}
    )
    process.refresh_from_db()
    assert process.translations == {"ar": {"goal": GOAL_AR}}


def _queries(client, url) -> int:
    _get(client, url)
    with CaptureQueriesContext(connection) as ctx:
        _get(client, url)
    return len(ctx.captured_queries)


def test_the_translated_process_list_costs_the_same_for_3_and_30_processes(client, quarter, translated):
    url = reverse("participation:list", args=[quarter.slug])
    for _n in range(2):
        make_process(quarter)
    Process.objects.update(translations={"ar": {"title": TITLE_AR, "goal": GOAL_AR}})
    few = _queries(client, url)
    for _n in range(27):
        make_process(quarter)
    Process.objects.update(translations={"ar": {"title": TITLE_AR, "goal": GOAL_AR}})
    assert _queries(client, url) == few


def test_the_offices_phase_texts_and_answers_are_marked_german(client, translated):
    Phase.objects.filter(process=translated, kind="collecting").update(
        title="Ideen sammeln", description="Bringen Sie Ihre Ideen ein."
    )
    make_idea(translated, 1, status="taken_up", answer="Wir nehmen die Idee auf.")
    page = _get(client, translated.get_absolute_url()).content.decode()
    assert _lang_of(page, "Ideen sammeln") == ("de", "ltr")
    assert _lang_of(page, "Bringen Sie Ihre Ideen ein.") == ("de", "ltr")
    results = _get(client, reverse("participation:results", args=[translated.pk])).content.decode()
    assert _lang_of(results, "Wir nehmen die Idee auf.") == ("de", "ltr")
