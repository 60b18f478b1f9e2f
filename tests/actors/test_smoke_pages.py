"""Every page of the module answers for the people who may see it."""

import pytest
from django.urls import reverse

from quartierwerk.actors import services
from quartierwerk.actors.models import GroupMembership, VolunteerEngagement

from .conftest import make_org


@pytest.mark.django_db
def test_public_and_staff_pages_render(client, login_as, quarter, org, person, group, staff):
    GroupMembership.objects.create(group=group, organisation=org, role="chair")
    GroupMembership.objects.create(group=group, person=person)
    e = VolunteerEngagement.objects.create(
        quarter=quarter,
        person=person,
        activity="Hoffest",
        hours=10,
        start_date="2025-01-01",
        end_date="2025-02-01",
    )
    pending = make_org(quarter, name="Neue Initiative", status="pending")
    public = [
        reverse("actors:directory", args=[quarter.slug]),
        reverse("actors:directory", args=[quarter.slug]) + "?kind=social_service&language=ar&q=Brücke",
        reverse("actors:directory_geojson", args=[quarter.slug]),
        reverse("actors:city_directory"),
        reverse("actors:city_geojson"),
        reverse("actors:detail", args=[quarter.slug, org.slug]),
        reverse("actors:groups", args=[quarter.slug]),
        reverse("actors:group", args=[quarter.slug, group.slug]),
        reverse("actors:withdraw", args=[services.withdraw_token(person)]),
        "/api/v1/actors/organisations",
        "/api/v1/actors/organisations.geojson",
        f"/api/v1/actors/organisations/{org.pk}",
        "/api/v1/actors/groups",
        f"/api/v1/actors/groups/{group.pk}",
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
    login_as(staff)
    s = quarter.slug
    staff_pages = [
        reverse("actors:staff_index", args=[s]),
        reverse("actors:staff_index", args=[s]) + "?search=Petra",
        reverse("actors:staff_organisation_new", args=[s]),
        reverse("actors:staff_organisation", args=[s, org.pk]),
        reverse("actors:staff_organisation", args=[s, pending.pk]),
        reverse("actors:staff_duplicates", args=[s]),
        reverse("actors:staff_persons", args=[s]),
        reverse("actors:staff_person_new", args=[s]),
        reverse("actors:staff_person", args=[s, person.pk]),
        reverse("actors:staff_groups", args=[s]),
        reverse("actors:staff_group", args=[s, group.pk]),
        reverse("actors:staff_import", args=[s]),
        reverse("actors:staff_volunteers", args=[s]),
        reverse("actors:staff_export", args=[s, "csv"]),
        reverse("actors:staff_export", args=[s, "xlsx"]),
        reverse("actors:staff_export", args=[s, "vcf"]),
        reverse("actors:staff_group_contacts", args=[s, group.pk, "csv"]),
        reverse("actors:staff_person_export", args=[s, person.pk, "json"]),
        reverse("actors:staff_person_export", args=[s, person.pk, "pdf"]),
        reverse("actors:register", args=[s]),
        reverse("actors:my_organisations"),
        reverse("core:dashboard", args=[s]),
        reverse("core:quarter", args=[s]),
    ]
    for url in staff_pages:
        response = client.get(url)
        assert response.status_code == 200, url
    client.post(reverse("actors:staff_sign", args=[s, e.pk]))
    assert client.get(reverse("actors:certificate", args=[s, e.pk])).status_code == 200
