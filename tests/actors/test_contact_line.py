"""The public contact line names the relationship in full, not a dangling "(Ansprechperson für)"."""

import pytest
from django.urls import reverse

from quartierwerk.actors import services
from quartierwerk.actors.models import Relationship

from .conftest import make_org, make_person


@pytest.mark.django_db
def test_contact_person_line_reads_as_a_phrase(client, quarter, user_with_role):
    staff = user_with_role("staff")
    org = make_org(quarter, name="Grünauer Nachbarn e. V.", public_fields=["contact_persons"])
    person = make_person(quarter, first="Petra", last="Lindner", email="petra@example.org")
    services.update_person(
        by=staff, person=person, data={"role_title": "Vorsitzende", "public_fields": ["role_title"]}
    )
    Relationship.objects.create(person=person, organisation=org, kind="contact_person", is_public=True)
    body = client.get(reverse("actors:detail", args=[quarter.slug, org.slug])).content.decode()
    assert "Petra Lindner, Vorsitzende" in body
    assert "(Ansprechperson für Grünauer Nachbarn e. V.)" in body
    assert "(Ansprechperson für)" not in body
