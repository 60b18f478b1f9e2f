"""Who may do what in insights, role by role: the rule, the page and what the page leaks, asked together."""

import pytest
from django.urls import reverse

from quartierwerk.core import clock
from quartierwerk.insights import rules
from quartierwerk.insights.models import ContactLogEntry
from tests.conftest import permission_matrix

pytestmark = pytest.mark.django_db

OFFICE = {
    "anonymous": False,
    "resident": False,
    "actor_representative": False,
    "award_team": False,
    "staff": True,
    "staff_other_quarter": False,
    "city_staff": False,
    "city_staff_other_city": False,
    "admin": True,
}
OFFICE_AND_CITY = {**OFFICE, "city_staff": True}
CITY = {**OFFICE, "staff": False, "city_staff": True}


@permission_matrix(OFFICE)
def test_who_keeps_the_contact_log(role, allowed, user_with_role, login_as, client, quarter):
    user = user_with_role(role)
    assert rules.can_keep_records(user, quarter) is allowed
    login_as(user)
    url = reverse("insights:contact_log", args=[quarter.slug])
    answer = client.post(
        url, {"channel": "visit", "language": "de", "referred_to": "none", "topic": "housing"}
    )
    assert (answer.status_code == 302 and "login" not in answer["Location"]) is allowed
    assert ContactLogEntry.objects.filter(quarter=quarter).exists() is allowed


@permission_matrix(OFFICE_AND_CITY)
def test_who_reads_the_quarters_figures_and_internal_report(
    role, allowed, user_with_role, login_as, client, quarter
):
    user = user_with_role(role)
    assert rules.can_view_internal(user, quarter) is allowed
    login_as(user)
    assert (client.get(reverse("insights:figures", args=[quarter.slug])).status_code == 200) is allowed
    year = clock.today().year
    page = client.get(reverse("insights:staff_report", args=[quarter.slug, year, "internal"]))
    assert (page.status_code == 200) is allowed


@permission_matrix(CITY)
def test_who_sees_every_figure_of_every_quarter(role, allowed, user_with_role, login_as, client, quarter):
    user = user_with_role(role)
    assert rules.can_view_city_dashboard(user, quarter.city) is allowed
    login_as(user)
    page = client.get(reverse("insights:city", args=[quarter.city.slug]))
    assert page.status_code == 200  # everyone reads the figures the offices made public
    assert ("Meldungen eingegangen" in page.content.decode()) is allowed
    api = client.get(f"/api/v1/insights/quarters/{quarter.slug}/figures")
    assert api.status_code == 200
    assert (not api.json()["public"]) is (allowed or role in ("staff",))
