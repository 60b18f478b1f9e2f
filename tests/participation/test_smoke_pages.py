"""Every public and office page of a process answers, for a visitor and for the office."""

import pytest
from django.urls import reverse

from .conftest import make_idea, run_phase

pytestmark = pytest.mark.django_db


def test_public_pages_answer_for_a_visitor(client, process, quarter):
    idea = make_idea(process)
    for url in (
        reverse("participation:list", args=[quarter.slug]),
        reverse("participation:process", args=[process.pk]),
        reverse("participation:ideas", args=[process.pk]),
        reverse("participation:geojson", args=[process.pk]),
        reverse("participation:idea", args=[process.pk, idea.pk]),
        reverse("participation:results", args=[process.pk]),
        reverse("participation:new_idea", args=[process.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_office_pages_answer_for_staff(client, login_as, process, quarter, staff):
    idea = make_idea(process)
    login_as(staff)
    run_phase(process, "prioritising")
    for url in (
        reverse("participation:staff_list", args=[quarter.slug]),
        reverse("participation:staff_new", args=[quarter.slug]),
        reverse("participation:staff_process", args=[process.pk]),
        reverse("participation:staff_phase_new", args=[process.pk]),
        reverse("participation:staff_phase", args=[process.pk, process.phases.first().pk]),
        reverse("participation:staff_ideas", args=[process.pk]),
        reverse("participation:staff_idea", args=[process.pk, idea.pk]),
        reverse("participation:staff_moderation", args=[process.pk]),
        reverse("participation:staff_codes", args=[process.pk]),
        reverse("participation:ideas", args=[process.pk]),
        reverse("participation:idea", args=[process.pk, idea.pk]),
    ):
        assert client.get(url).status_code == 200, url
