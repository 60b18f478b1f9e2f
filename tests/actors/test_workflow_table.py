"""The directory's workflows are one table each: the services refuse what it refuses, the pages offer what
it offers."""

import pytest
from django.urls import reverse

from quartierwerk.actors import services
from quartierwerk.actors.models import Organisation
from quartierwerk.actors.workflows import ORGANISATION
from quartierwerk.core.errors import InvalidTransition

from .conftest import make_org

S = Organisation.Status


@pytest.mark.parametrize(
    "status, actions",
    [
        (S.PENDING, ["verify", "reject", "edit", "merge"]),
        (S.VERIFIED, ["edit", "merge"]),
        (S.REJECTED, ["edit", "merge"]),
        (S.MERGED, []),
    ],
)
def test_staff_may_take_what_the_state_allows(db, quarter, staff, status, actions):
    org = make_org(quarter, status=status)
    assert ORGANISATION.available(staff, org) == actions


@pytest.mark.parametrize("role", ["resident", "staff_other_quarter", "anonymous"])
def test_others_may_not_verify(db, quarter, user_with_role, role):
    org = make_org(quarter, status=S.PENDING)
    assert not ORGANISATION.can(user_with_role(role), org, "verify")


def test_the_service_refuses_a_second_verification(db, quarter, staff):
    org = make_org(quarter, status=S.PENDING)
    services.verify_organisation(by=staff, organisation=org)
    with pytest.raises(InvalidTransition):
        services.verify_organisation(by=staff, organisation=org)


def test_the_staff_page_offers_verification_only_while_waiting(login_as, quarter, staff):
    org = make_org(quarter, status=S.PENDING)
    client = login_as(staff)
    url = reverse("actors:staff_organisation", args=[quarter.slug, org.pk])
    verify = reverse("actors:staff_verify", args=[quarter.slug, org.pk])
    assert verify in client.get(url).content.decode()
    services.verify_organisation(by=staff, organisation=org)
    assert verify not in client.get(url).content.decode()
