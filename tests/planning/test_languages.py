"""The planning pages in every interface language: the plan, a project, the board and the comparison answer in
the visitor's language, with the page's language and direction set."""

import pytest
from django.urls import reverse

from quartierwerk.planning import services

from .conftest import make_plan

pytestmark = pytest.mark.django_db

HEADINGS = {
    "de": ("Handlungskonzept für", "Projekttafel"),
    "en": ("Action plan for", "Project board"),
    "ar": ("خطة العمل لـ", "لوحة المشاريع"),
    "uk": ("План дій для", "Дошка проєктів"),
    "tr": ("için eylem planı", "Proje panosu"),
}


@pytest.mark.parametrize("language", list(HEADINGS))
def test_pages_answer_in_each_interface_language(language, client, login_as, quarter, staff):
    plan = make_plan(quarter, staff)
    draft = services.revise_for_next_year(plan=plan, by=staff)
    project = services.create_project(by=staff, quarter=quarter, title="Gemeinschaftsgarten")
    login_as(staff)
    client.cookies["django_language"] = language
    plan_heading, board_heading = HEADINGS[language]
    direction = "rtl" if language == "ar" else "ltr"
    pages = {
        reverse("planning:plan_list", args=[quarter.slug]): plan_heading,
        reverse("planning:staff_board", args=[quarter.slug]): board_heading,
        reverse("planning:project", args=[project.pk]): "Gemeinschaftsgarten",
        reverse("planning:plan_diff", args=[draft.pk]): str(plan.year),
        reverse("planning:staff_plan", args=[draft.pk]): "Handlungskonzept",
        reverse("planning:staff_project", args=[project.pk]): "Gemeinschaftsgarten",
    }
    for url, text in pages.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}" dir="{direction}"' in html, url
        assert text in html, (url, language)
