"""Permission matrix over every role (including another quarter's staff), for the rules, pages and API."""

import pytest
from django.urls import reverse

from quartierwerk.actors import rules
from quartierwerk.actors.models import Representation, VolunteerEngagement
from tests.conftest import permission_matrix

from .conftest import make_org, make_person

STAFF_ONLY = {
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
STAFF_READ = {**STAFF_ONLY, "city_staff": True}


@permission_matrix(STAFF_ONLY)
@pytest.mark.django_db
def test_who_may_manage_the_directory(role, allowed, user_with_role, quarter, org, person):
    user = user_with_role(role)
    for rule in (
        rules.can_manage_actors,
        rules.can_verify_organisation,
        rules.can_merge,
        rules.can_manage_groups,
        rules.can_export_contacts,
        rules.can_import,
        rules.can_record_consent,
        rules.can_erase_person,
        rules.can_sign_certificate,
    ):
        assert rule(user, quarter) is allowed, rule
    assert rules.can_export_person(user, person) is allowed


@permission_matrix(STAFF_READ)
@pytest.mark.django_db
def test_who_may_read_the_staff_area(role, allowed, user_with_role, quarter):
    assert rules.can_read_actors(user_with_role(role), quarter) is allowed


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": True,  # only the one who represents this organisation
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
@pytest.mark.django_db
def test_who_may_edit_an_organisation(role, allowed, user_with_role, quarter, org, client, login_as):
    user = user_with_role(role)
    if role == "actor_representative":
        Representation.objects.create(organisation=org, user=user, status="approved")
        other = make_org(quarter, name="Fremder Verein")
        assert rules.can_edit_organisation(user, other) is False
    assert rules.can_edit_organisation(user, org) is allowed
    login_as(user)
    response = client.patch(
        f"/api/v1/actors/organisations/{org.pk}", {"description": "Neu"}, content_type="application/json"
    )
    assert response.status_code == (200 if allowed else 401 if role == "anonymous" else 403)
    page = client.get(reverse("actors:edit_own", args=[org.pk]))
    assert page.status_code == (200 if allowed else 302 if role == "anonymous" else 403)


def _status(role, allowed, ok=200):
    if allowed:
        return ok
    return 302 if role == "anonymous" else 403


@permission_matrix(STAFF_READ)
@pytest.mark.django_db
def test_staff_pages_follow_the_read_rule(
    role, allowed, user_with_role, quarter, org, person, group, client, login_as
):
    login_as(user_with_role(role))
    s = quarter.slug
    for url in (
        reverse("actors:staff_index", args=[s]),
        reverse("actors:staff_organisation", args=[s, org.pk]),
        reverse("actors:staff_persons", args=[s]),
        reverse("actors:staff_person", args=[s, person.pk]),
        reverse("actors:staff_groups", args=[s]),
        reverse("actors:staff_group", args=[s, group.pk]),
        reverse("actors:staff_duplicates", args=[s]),
        reverse("actors:staff_volunteers", args=[s]),
    ):
        assert client.get(url).status_code == _status(role, allowed), url
    api = client.get(f"/api/v1/actors/persons?quarter={s}")
    assert api.status_code == (200 if allowed else 401 if role == "anonymous" else 403)
    api = client.get(f"/api/v1/actors/staff/search?quarter={s}&q=Petra")
    assert api.status_code == (200 if allowed else 401 if role == "anonymous" else 403)


@permission_matrix(STAFF_ONLY)
@pytest.mark.django_db
def test_staff_writes_and_exports_follow_the_manage_rule(
    role, allowed, user_with_role, quarter, org, person, group, client, login_as
):
    login_as(user_with_role(role))
    s = quarter.slug
    for url in (
        reverse("actors:staff_export", args=[s, "csv"]),
        reverse("actors:staff_group_contacts", args=[s, group.pk, "vcf"]),
        reverse("actors:staff_person_export", args=[s, person.pk, "json"]),
        reverse("actors:staff_import", args=[s]),
        reverse("actors:staff_organisation_new", args=[s]),
        reverse("actors:staff_invite", args=[s]) + f"?group={group.pk}",
    ):
        assert client.get(url).status_code == _status(role, allowed), url
    response = client.post(
        reverse("actors:staff_groups", args=[s]), {"name": "AG Neu", "kind": "working_group"}
    )
    assert response.status_code == _status(role, allowed, ok=302)
    api = client.post(
        "/api/v1/actors/groups", {"quarter": s, "name": "AG API"}, content_type="application/json"
    )
    assert api.status_code == (201 if allowed else 401 if role == "anonymous" else 403)
    erase = client.post(f"/api/v1/actors/persons/{person.pk}/erase")
    assert erase.status_code == (200 if allowed else 401 if role == "anonymous" else 403)
    person.refresh_from_db()
    assert (person.anonymised_at is not None) is allowed


@permission_matrix(
    {
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
)
@pytest.mark.django_db
def test_who_may_download_a_certificate(role, allowed, user_with_role, quarter, client, login_as):
    person = make_person(quarter)
    engagement = VolunteerEngagement.objects.create(
        quarter=quarter,
        person=person,
        activity="Hoffest",
        hours=5,
        start_date="2025-01-01",
        end_date="2025-01-02",
        status="certified",
        signed_name="QM",
    )
    login_as(user_with_role(role))
    response = client.get(reverse("actors:certificate", args=[quarter.slug, engagement.pk]))
    assert response.status_code == _status(role, allowed)


@pytest.mark.django_db
def test_the_volunteer_downloads_their_own_certificate(user_with_role, quarter, client, login_as):
    user = user_with_role("resident")
    person = make_person(quarter, user=user)
    engagement = VolunteerEngagement.objects.create(
        quarter=quarter,
        person=person,
        activity="Hoffest",
        hours=5,
        start_date="2025-01-01",
        end_date="2025-01-02",
    )
    login_as(user)
    url = reverse("actors:certificate", args=[quarter.slug, engagement.pk])
    assert client.get(url).status_code == 302, "unsigned: refused with a message"
    engagement.status = "certified"
    engagement.signed_name = "Katrin Bergmann"
    engagement.save()
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_staff_of_another_quarter_cannot_reach_objects_through_their_own_quarter(
    user_with_role, quarter, other_quarter, org, person, client, login_as
):
    """Objects are always looked up inside the quarter of the URL."""
    login_as(user_with_role("staff_other_quarter"))
    s = other_quarter.slug
    assert client.get(reverse("actors:staff_organisation", args=[s, org.pk])).status_code == 404
    assert client.get(reverse("actors:staff_person", args=[s, person.pk])).status_code == 404
    assert client.get(reverse("actors:staff_person_export", args=[s, person.pk, "json"])).status_code == 404
    assert client.get(f"/api/v1/actors/persons/{person.pk}").status_code == 403
    assert client.get(f"/api/v1/actors/persons/{person.pk}/export").status_code == 403
