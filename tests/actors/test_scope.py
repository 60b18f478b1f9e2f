"""Directory writes and answers are scoped: a representative sees no office fields, engagements stay in
their quarter, and self-registration through the API reaches its route."""

import datetime

import pytest

from quartierwerk.actors import services
from quartierwerk.actors.models import Organisation, Representation, VolunteerEngagement
from quartierwerk.core.errors import DomainError
from tests.conftest import OTHER_SQUARE, make_quarter

from .conftest import make_org, make_person

ORG_URL = "/api/v1/actors/organisations/{}"


@pytest.fixture
def represented_org(quarter):
    return make_org(quarter, internal_note="Vorstand zerstritten – vertraulich", tags=["heikel"])


@pytest.mark.django_db
def test_representatives_patch_answers_without_the_office_fields(
    client, login_as, user_with_role, represented_org
):
    rep = user_with_role("actor_representative")
    Representation.objects.create(
        organisation=represented_org, user=rep, status=Representation.Status.APPROVED
    )
    login_as(rep)
    for body in ({}, {"description": "Neu"}):
        answer = client.patch(ORG_URL.format(represented_org.pk), body, content_type="application/json")
        assert answer.status_code == 200, answer.content
        data = answer.json()
        assert "internal_note" not in data and "tags" not in data
        assert "vertraulich" not in answer.content.decode() and "heikel" not in answer.content.decode()
        assert data["email"] == "kontakt@bruecke.example"  # the entry's own fields, public or not


@pytest.mark.django_db
def test_staff_patch_answers_with_the_office_fields(client, login_as, user_with_role, represented_org):
    login_as(user_with_role("staff"))
    answer = client.patch(ORG_URL.format(represented_org.pk), {}, content_type="application/json")
    assert answer.status_code == 200
    assert answer.json()["internal_note"] == "Vorstand zerstritten – vertraulich"
    assert answer.json()["tags"] == ["heikel"]


@pytest.mark.django_db
def test_an_association_registers_itself_through_the_api(client, login_as, user_with_role, quarter):
    user = user_with_role("resident")
    login_as(user)
    answer = client.post(
        "/api/v1/actors/organisations/register",
        {"quarter": quarter.slug, "name": "Nachbarschaftsgarten e. V.", "message": "Wir gärtnern."},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert "internal_note" not in answer.json()
    org = Organisation.objects.get(pk=answer.json()["id"])
    assert org.status == Organisation.Status.PENDING and org.city_id == quarter.city_id
    assert Representation.objects.filter(organisation=org, user=user).exists()


@pytest.fixture
def neighbour_quarter(city):
    """A second quarter of the same city."""
    return make_quarter(city, slug="lausen", name="Lausen", boundary=OTHER_SQUARE)


@pytest.mark.django_db
def test_staff_cannot_record_engagement_with_another_quarters_organisation(
    client, login_as, user_with_role, quarter, neighbour_quarter, other_quarter
):
    staff = user_with_role("staff")
    person = make_person(quarter)
    for foreign in (
        make_org(neighbour_quarter, "Nachbarverein"),
        make_org(other_quarter, "Marburger Verein"),
    ):
        with pytest.raises(DomainError):
            services.record_engagement(
                by=staff,
                quarter=quarter,
                person=person,
                organisation=foreign,
                activity="Hausaufgabenhilfe",
                hours=10,
                start=datetime.date(2026, 1, 1),
                end=datetime.date(2026, 2, 1),
            )
        login_as(staff)
        answer = client.post(
            "/api/v1/actors/engagements",
            {
                "quarter": quarter.slug,
                "person_id": person.pk,
                "organisation_id": foreign.pk,
                "activity": "Hausaufgabenhilfe",
                "hours": "10",
                "start_date": "2026-01-01",
                "end_date": "2026-02-01",
            },
            content_type="application/json",
        )
        assert answer.status_code == 400, answer.content
    assert not VolunteerEngagement.objects.exists()
    # Its own quarter's organisation, and a city-wide one of its city, are fine.
    own = make_org(quarter, "Eigener Verein")
    city_wide = make_org(None, "Stadtweiter Verein", city=quarter.city)
    for org in (own, city_wide):
        services.record_engagement(
            by=staff,
            quarter=quarter,
            person=person,
            organisation=org,
            activity="Hausaufgabenhilfe",
            hours=10,
            start=datetime.date(2026, 1, 1),
            end=datetime.date(2026, 2, 1),
        )
    assert VolunteerEngagement.objects.count() == 2


@pytest.mark.django_db
def test_an_explicit_null_for_a_field_that_cannot_be_empty_counts_as_not_sent(
    client, login_as, user_with_role, quarter
):
    login_as(user_with_role("resident"))
    answer = client.post(
        "/api/v1/actors/organisations/register",
        {
            "quarter": quarter.slug,
            "name": "Hofgemeinschaft",
            "is_public": None,
            "wheelchair_accessible": None,
        },
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    org = Organisation.objects.get(pk=answer.json()["id"])
    assert org.is_public is Organisation._meta.get_field("is_public").default
