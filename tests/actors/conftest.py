"""Fixtures of the actor tests: organisations, persons with consent, groups."""

import pytest

from quartierwerk.actors.models import Consent, Group, Organisation, Person


def make_org(quarter, name="Beratung Brücke", **extra) -> Organisation:
    from django.utils.text import slugify

    defaults = {
        "kind": "social_service",
        "topics": ["integration"],
        "languages": ["de", "ar"],
        "offers": ["counselling"],
        "street": "Hauptstraße 1",
        "postcode": "04209",
        "town": "Leipzig",
        "lat": 51.05,
        "lon": 12.05,
        "public_fields": ["address", "location", "email"],
        "email": "kontakt@bruecke.example",
        "phone": "0341 123",
        "status": Organisation.Status.VERIFIED,
    }
    defaults.update(extra)
    org = Organisation(quarter=quarter, name=name, slug=extra.pop("slug", slugify(name)), **defaults)
    org.refresh_derived()
    org.save()
    return org


def make_person(
    quarter,
    first="Petra",
    last="Lindner",
    email="petra@example.org",
    purposes=("directory", "invitations"),
    **extra,
):
    person = Person(quarter=quarter, first_name=first, last_name=last, email=email, **extra)
    person.refresh_derived()
    person.save()
    if purposes:
        Consent.objects.create(
            person=person,
            basis=Consent.Basis.CONSENT,
            text="Einverstanden.",
            source=Consent.Source.WEB_FORM,
            **{f"for_{p}": True for p in purposes},
        )
    return person


@pytest.fixture
def org(quarter):
    return make_org(quarter)


@pytest.fixture
def person(quarter):
    return make_person(quarter)


@pytest.fixture
def group(quarter):
    return Group.objects.create(quarter=quarter, name="AG Jugend", slug="ag-jugend", kind="working_group")


@pytest.fixture
def staff(user_with_role):
    return user_with_role("staff")
