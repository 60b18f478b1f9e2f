"""News in several languages: title, teaser and text entered beside German and read in the visitor's
language, each block marked with the language it is in; the pages in every interface language."""

import re

import pytest
from django.urls import reverse

from .conftest import make_post

pytestmark = pytest.mark.django_db

TITLE_AR = "مهرجان الصيف في رابت"
BODY_UK = "<p>Музика і <strong>їжа</strong></p>"


def _get(client, url, language):
    client.cookies["django_language"] = language
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def translated(quarter):
    quarter.city.languages = ["de", "ar", "uk", "tr", "en"]
    quarter.city.save()
    return make_post(
        quarter,
        title="Sommerfest im Rabet",
        body="<p>Musik und Essen</p>",
        translations={"ar": {"title": TITLE_AR}, "uk": {"body": BODY_UK}},
    )


def test_the_arabic_visitor_reads_the_arabic_title_and_the_german_text_marked_german(client, translated):
    page = _get(client, translated.get_absolute_url(), "ar")
    assert f'<span lang="ar" dir="rtl">{TITLE_AR}</span>' in page
    assert '<div class="news-body" lang="de" dir="ltr"><p>Musik und Essen</p></div>' in page
    assert re.search(r'<html[^>]+dir="rtl"', page)


def test_the_ukrainian_visitor_reads_the_ukrainian_rich_text(client, translated):
    page = _get(client, translated.get_absolute_url(), "uk")
    assert f'<div class="news-body" lang="uk" dir="ltr">{BODY_UK}</div>' in page


@pytest.mark.parametrize(
    "language, heading",
    [
        ("de", "Neuigkeiten aus"),
        ("en", "News from"),
        ("ar", "أخبار من"),
        ("uk", "Новини з"),
        ("tr", "haberler"),
    ],
)
def test_the_list_speaks_every_interface_language(client, translated, language, heading):
    page = _get(client, reverse("news:list", args=[translated.quarter.slug]), language)
    assert heading in page
