"""Staff erase and hand out a person's data only where that data lies: their quarter, their city, or (admins)
everywhere; a person with data elsewhere as well is refused with the reason, and nothing changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import privacy_services, services
from quartierwerk.core.errors import NotAllowed
from quartierwerk.core.models import SubjectRequest
from quartierwerk.events.models import Event, Registration
from tests.conftest import create_user, permission_matrix

ERASERS = {"staff", "city_staff", "admin"}
PAGE_OPENERS = ERASERS | {"staff_other_quarter", "city_staff_other_city"}
ROLE_MATRIX = {
    role: role in ERASERS
    for role in (
        "anonymous",
        "resident",
        "actor_representative",
        "award_team",
        "staff",
        "staff_other_quarter",
        "city_staff",
        "city_staff_other_city",
        "admin",
    )
}


def refused_with_reason(response) -> bool:
    """The refusal names its reason (in the language the request was answered in)."""
    import json

    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        text = json.dumps(response.json(), ensure_ascii=False)
    return "nothing was changed" in text or "es wurde nichts geändert" in text


def register(quarter, email, name="Ada Beispiel"):
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Hoffest",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    return Registration.objects.create(event=event, name=name, email=email, status="confirmed")


@permission_matrix(ROLE_MATRIX)
def test_who_may_erase_a_person_by_address(role, allowed, quarter, user_with_role, client, login_as):
    on_page = register(quarter, "ada@test.example")
    by_api = register(quarter, "bea@test.example", name="Bea Beispiel")
    login_as(user_with_role(role))

    opened = client.get(reverse("core:privacy_staff_erase"))
    if role == "anonymous":
        assert opened.status_code == 302
    else:
        assert (opened.status_code == 200) is (role in PAGE_OPENERS)
    posted = client.post(
        reverse("core:privacy_staff_erase"),
        {"email": "ada@test.example", "reason": "Brief vom 1.12., Ausweis geprüft", "confirm": "on"},
    )
    assert Registration.objects.filter(pk=on_page.pk).exists() is not allowed
    if allowed:
        assert posted.status_code == 200 and 'role="status"' in posted.content.decode()
    elif role in PAGE_OPENERS:
        assert posted.status_code == 403
        assert refused_with_reason(posted)

    answer = client.post(
        "/api/v1/privacy/erase",
        {"email": "bea@test.example", "reason": "Brief vom 1.12."},
        content_type="application/json",
    )
    assert answer.status_code == (200 if allowed else 401 if role == "anonymous" else 403)
    assert Registration.objects.filter(pk=by_api.pk).exists() is not allowed


@pytest.mark.django_db
def test_data_in_two_quarters_is_erased_only_by_who_reaches_both(
    quarter, other_quarter, user_with_role, client, login_as
):
    here = register(quarter, "ada@test.example")
    there = register(other_quarter, "ada@test.example")
    payload = {"email": "ada@test.example", "reason": "Brief"}
    for role in ("staff", "staff_other_quarter", "city_staff", "city_staff_other_city"):
        login_as(user_with_role(role))
        answer = client.post("/api/v1/privacy/erase", payload, content_type="application/json")
        assert answer.status_code == 403, role
        assert refused_with_reason(answer)
    assert Registration.objects.filter(pk__in=[here.pk, there.pk]).count() == 2
    login_as(user_with_role("admin"))
    assert client.post("/api/v1/privacy/erase", payload, content_type="application/json").status_code == 200
    assert not Registration.objects.filter(pk__in=[here.pk, there.pk]).exists()


@pytest.mark.django_db
def test_a_person_with_data_in_no_quarter_is_erased_by_administrators_only(quarter, user_with_role):
    account = create_user("lonely@test.example", display_name="Lonely Person")
    ref = privacy_services.for_user(account)
    assert privacy_services.footprint(ref).empty
    with pytest.raises(NotAllowed):
        privacy_services.require_reach(user_with_role("staff"), ref)
    privacy_services.require_reach(user_with_role("admin"), ref)


@pytest.mark.django_db
def test_city_wide_rows_are_reached_by_that_citys_staff_only(quarter, other_quarter, user_with_role):
    starts = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        city=quarter.city,
        quarter=None,
        title="Stadtfest",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    Registration.objects.create(
        event=event, name="Ada Beispiel", email="ada@test.example", status="confirmed"
    )
    ref = privacy_services.for_email("ada@test.example")
    assert privacy_services.footprint(ref).city_ids == {quarter.city_id}
    privacy_services.require_reach(user_with_role("city_staff"), ref)
    for role in ("staff", "city_staff_other_city"):
        with pytest.raises(NotAllowed):
            privacy_services.require_reach(user_with_role(role), ref)


@pytest.mark.django_db
def test_request_zip_and_erasure_are_refused_when_the_person_has_data_in_another_quarter(
    quarter, other_quarter, user_with_role, client, login_as
):
    register(quarter, "erika@example.org")
    elsewhere = register(other_quarter, "erika@example.org")
    staff = user_with_role("staff")
    common = {
        "quarter": quarter,
        "channel": "letter",
        "subject_name": "Erika Briefschreiberin",
        "subject_email": "erika@example.org",
        "received_on": timezone.localdate(),
        "identity_check": "id_document",
    }
    access = services.log_subject_request(by=staff, kind="access", **common)
    erasure = services.log_subject_request(by=staff, kind="erasure", **common)
    login_as(staff)
    response = client.get(reverse("core:subject_request_export", args=[quarter.slug, access.pk]))
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/zip"
    with pytest.raises(NotAllowed):
        services.export_for_request(by=staff, request=access)
    with pytest.raises(NotAllowed):
        services.erase_for_request(by=staff, request=erasure)
    assert Registration.objects.filter(pk=elsewhere.pk).exists()
    assert SubjectRequest.objects.get(pk=erasure.pk).status == SubjectRequest.Status.OPEN
    services.export_for_request(by=user_with_role("admin"), request=access)  # the administrator answers it
