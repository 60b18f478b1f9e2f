"""Organisations: text cleaned once when stored; names one line; a lone surrogate is never a 500."""

import json

import pytest

from quartierwerk.actors.models import Organisation

pytestmark = pytest.mark.django_db


def test_staff_update_with_controls_is_stored_cleaned(client, login_as, staff, org):
    login_as(staff)
    r = client.patch(
        f"/api/v1/actors/organisations/{org.pk}",
        json.dumps(
            {
                "name": "Br\u00fccke\x1b\ne. V.",
                "description": "Beratung\u000b f\u00fcr alle",
                "town": "Leip\u0000zig",
            }
        ),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    org = Organisation.objects.get(pk=org.pk)
    assert org.name == "Br\u00fccke e. V."
    assert org.description == "Beratung f\u00fcr alle" and org.town == "Leipzig"


def test_too_long_for_the_column_is_a_clear_400_or_422(client, login_as, staff, org):
    login_as(staff)
    r = client.patch(
        f"/api/v1/actors/organisations/{org.pk}",
        json.dumps({"postcode": "0" * 11}),
        content_type="application/json",
    )
    assert r.status_code in (400, 422)
    assert Organisation.objects.get(pk=org.pk).postcode == "04209"


def test_a_lone_surrogate_is_a_clear_422_and_nothing_changes(client, login_as, staff, org):
    login_as(staff)
    r = client.patch(
        f"/api/v1/actors/organisations/{org.pk}",
        json.dumps({"description": "x\ud800"}),
        content_type="application/json",
    )
    assert r.status_code == 422
    assert Organisation.objects.get(pk=org.pk).description == org.description


def test_the_service_drops_a_lone_surrogate(staff, org):
    from quartierwerk.actors import services

    services.update_organisation(
        by=staff, organisation=org, data={"name": "Br\u00fccke\ud800", "description": "a\ud800b"}
    )
    org = Organisation.objects.get(pk=org.pk)
    assert org.name == "Br\u00fccke" and org.description == "ab"
