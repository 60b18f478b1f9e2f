"""Requests by letter or at the counter: the one-month deadline, overdue on the dashboard, restriction and
objection honoured in the directory's lists and exports, and who may keep the log (pages and API)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.actors import selectors as actor_selectors
from quartierwerk.actors.models import GroupMembership
from quartierwerk.core import services
from quartierwerk.core.errors import DomainError, NotAllowed
from quartierwerk.core.models import AuditEntry, ProcessingRestriction, ResponsibleParty, SubjectRequest
from quartierwerk.core.selectors import add_one_month
from tests.actors.conftest import make_person
from tests.conftest import permission_matrix

ROLE_MATRIX = {
    "anonymous": False,
    "resident": False,
    "actor_representative": False,
    "award_team": False,
    "staff": True,
    "staff_other_quarter": False,
    "city_staff_other_city": False,
    "city_staff": True,
    "admin": True,
}


@pytest.mark.parametrize(
    "received, due",
    [
        (datetime.date(2026, 3, 14), datetime.date(2026, 4, 14)),
        (datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 20), datetime.date(2027, 1, 20)),
        (datetime.date(2026, 8, 31), datetime.date(2026, 9, 30)),
    ],
)
def test_one_month_deadline_of_art_12_3(received, due):
    assert add_one_month(received) == due


def log(by, quarter, kind="access", days_ago=0, email="", **extra):
    return services.log_subject_request(
        by=by,
        quarter=quarter,
        kind=kind,
        channel="letter",
        subject_name="Erika Briefschreiberin",
        subject_email=email,
        received_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        identity_check="id_document",
        **extra,
    )


def test_staff_log_a_letter_and_see_its_deadline(client, login_as, quarter, user_with_role):
    staff = user_with_role("staff")
    login_as(staff)
    url = reverse("core:subject_requests", args=[quarter.slug])
    response = client.post(
        url,
        {
            "kind": "access",
            "channel": "letter",
            "received_on": "2026-01-31",
            "subject_name": "Erika Briefschreiberin",
            "subject_address": "Beispielweg 3\n04209 Leipzig",
            "identity_check": "signature",
            "details": "Bitte um Auskunft.",
        },
    )
    item = SubjectRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "core:subject_request", args=[quarter.slug, item.pk]
    )
    assert item.due_on == datetime.date(2026, 2, 28) and item.logged_by == staff
    html = client.get(response.url).content.decode()
    assert "28.02.2026" in html and "Erika Briefschreiberin" in html
    # The audit trail names the kind of request, never the person.
    entry = AuditEntry.objects.get(action="core.subject_request_logged")
    assert "Erika" not in str(entry.changes) and entry.changes["kind"] == "access"


def test_future_receipt_and_refusal_without_reasons_are_refused(quarter, user_with_role):
    staff = user_with_role("staff")
    with pytest.raises(DomainError):
        log(staff, quarter, days_ago=-1)
    item = log(staff, quarter)
    with pytest.raises(DomainError):
        services.answer_subject_request(
            by=staff, request=item, status="refused", answered_on=item.received_on
        )
    services.answer_subject_request(
        by=staff,
        request=item,
        status="refused",
        answered_on=item.received_on,
        answer_note="Offensichtlich unbegründet.",
    )
    assert SubjectRequest.objects.get().status == "refused"


def test_overdue_requests_are_highlighted_on_the_dashboard(client, login_as, quarter, user_with_role):
    staff = user_with_role("staff")
    log(staff, quarter, days_ago=40)
    log(staff, quarter, days_ago=3)
    answered = log(staff, quarter, days_ago=50)
    services.answer_subject_request(
        by=staff, request=answered, status="answered", answered_on=timezone.localdate()
    )
    login_as(staff)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(reverse("core:dashboard", args=[quarter.slug])).content.decode()
    assert 'id="privacy-requests"' in html and "1 request is overdue." in html
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    html = client.get(reverse("core:dashboard", args=[quarter.slug])).content.decode()
    assert "1 Antrag ist überfällig." in html
    log_page = client.get(reverse("core:subject_requests", args=[quarter.slug])).content.decode()
    assert log_page.count('class="overdue"') == 1 and "überfällig" in log_page


def test_no_overdue_notice_when_every_request_is_in_time(client, login_as, quarter, user_with_role):
    staff = user_with_role("staff")
    log(staff, quarter, days_ago=10)
    login_as(staff)
    html = client.get(reverse("core:dashboard", args=[quarter.slug])).content.decode()
    assert 'id="privacy-requests"' in html and "überfällig." not in html


def test_request_log_costs_fixed_queries(
    client, login_as, quarter, user_with_role, django_assert_max_num_queries
):
    staff = user_with_role("staff")
    for i in range(25):
        log(staff, quarter, days_ago=i)
    login_as(staff)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("core:subject_requests", args=[quarter.slug])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/privacy/quarters/{quarter.slug}/requests").status_code == 200


# --- restriction (Art. 18) and objection (Art. 21) are honoured ----------------------------------------


@pytest.mark.parametrize("kind", ["restriction", "objection"])
def test_restricted_person_drops_out_of_lists_and_exports_and_is_flagged(
    kind, client, login_as, quarter, user_with_role
):
    from quartierwerk.actors.models import Group

    staff = user_with_role("staff")
    group = Group.objects.create(
        quarter=quarter, name="AG Spielplatz", slug="ag-spielplatz", kind="working_group"
    )
    person = make_person(quarter, first="Rita", last="Rückzug", email="Rita.Rueckzug@example.org")
    other = make_person(quarter, first="Otto", last="Offen", email="otto@example.org")
    for p in (person, other):
        GroupMembership.objects.create(group=group, person=p)
    assert {c.email for c in actor_selectors.group_contact_list(group)} == {
        "Rita.Rueckzug@example.org",
        "otto@example.org",
    }

    item = log(staff, quarter, kind=kind, email="rita.rueckzug@example.org")
    restriction = ProcessingRestriction.objects.get(request=item)
    assert restriction.kind == kind and restriction.lifted_on is None

    # Left out of the invitation list, the contact export and the public directory.
    assert [c.email for c in actor_selectors.group_contact_list(group)] == ["otto@example.org"]
    for purpose in ("invitations", "directory", "newsletter"):
        assert not actor_selectors.reachable_persons(purpose).filter(pk=person.pk).exists()
    login_as(staff)
    export = client.get(reverse("actors:staff_group_contacts", args=[quarter.slug, group.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert {r[3] for r in rows[1:]} == {"otto@example.org"}
    # Still stored, and flagged for staff on the list and the record.
    persons = client.get(reverse("actors:staff_persons", args=[quarter.slug])).content.decode()
    assert persons.count("Verarbeitung eingeschränkt") == 1
    detail = client.get(reverse("actors:staff_person", args=[quarter.slug, person.pk])).content.decode()
    assert 'id="restriction-notice"' in detail
    assert (
        'id="restriction-notice"'
        not in client.get(reverse("actors:staff_person", args=[quarter.slug, other.pk])).content.decode()
    )

    # Lifting it (with a reason) puts the person back.
    response = client.post(
        reverse("core:lift_restriction", args=[quarter.slug, item.pk, restriction.pk]),
        {"reason": "Richtigkeit der Daten bestätigt."},
    )
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.lifted_on == timezone.localdate()
    assert actor_selectors.reachable_persons("invitations").filter(pk=person.pk).exists()


def test_restriction_without_an_address_cannot_be_honoured_and_is_refused(quarter, user_with_role):
    with pytest.raises(DomainError):
        log(user_with_role("staff"), quarter, kind="restriction")
    assert not SubjectRequest.objects.exists()


def test_access_request_links_to_the_tools_that_answer_it(client, login_as, quarter, user_with_role):
    staff = user_with_role("staff")
    item = log(staff, quarter, kind="access")
    login_as(staff)
    html = client.get(reverse("core:subject_request", args=[quarter.slug, item.pk])).content.decode()
    assert reverse("actors:staff_persons", args=[quarter.slug]) in html


# --- who may keep the log: rules, pages and API together -----------------------------------------------


@permission_matrix(ROLE_MATRIX)
def test_who_may_keep_the_request_log(role, allowed, user_with_role, quarter, client, login_as):
    logged = log(user_with_role("staff"), quarter, email="erika@example.org")
    user = user_with_role(role)
    login_as(user)
    page = client.get(reverse("core:subject_requests", args=[quarter.slug]))
    assert (page.status_code == 200) is allowed
    assert ("Erika Briefschreiberin" in page.content.decode()) is allowed
    detail = client.get(reverse("core:subject_request", args=[quarter.slug, logged.pk]))
    assert (detail.status_code == 200) is allowed

    api_list = client.get(f"/api/v1/privacy/quarters/{quarter.slug}/requests")
    assert api_list.status_code == (200 if allowed else 401 if role == "anonymous" else 403)
    assert ("erika@example.org" in api_list.content.decode()) is allowed
    api_detail = client.get(f"/api/v1/privacy/quarters/{quarter.slug}/requests/{logged.pk}")
    assert (api_detail.status_code == 200) is allowed

    created = client.post(
        f"/api/v1/privacy/quarters/{quarter.slug}/requests",
        {
            "kind": "objection",
            "channel": "counter",
            "subject_name": "Otto Widerspruch",
            "subject_email": "otto@example.org",
            "received_on": timezone.localdate().isoformat(),
            "identity_check": "id_document",
        },
        content_type="application/json",
    )
    assert (created.status_code == 201) is allowed
    assert ProcessingRestriction.objects.filter(email="otto@example.org").exists() is allowed
    if allowed:
        body = created.json()
        assert (
            body["due_on"] == add_one_month(timezone.localdate()).isoformat() and body["restricted"] is True
        )

    answered = client.post(
        f"/api/v1/privacy/quarters/{quarter.slug}/requests/{logged.pk}/answer",
        {"status": "answered", "answered_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert (answered.status_code == 200) is allowed
    logged.refresh_from_db()
    assert (logged.status == "answered") is allowed


def test_staff_of_another_quarter_cannot_reach_a_request_by_its_number(
    client, login_as, quarter, other_quarter, user_with_role
):
    logged = log(user_with_role("staff"), quarter)
    login_as(user_with_role("staff", other_quarter))
    assert (
        client.get(reverse("core:subject_request", args=[other_quarter.slug, logged.pk])).status_code == 404
    )
    assert (
        client.get(f"/api/v1/privacy/quarters/{other_quarter.slug}/requests/{logged.pk}").status_code == 404
    )
    assert client.get(f"/api/v1/privacy/quarters/{other_quarter.slug}/requests").json() == []


# --- who may change the responsible parties ------------------------------------------------------------


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": False,
        "staff_other_quarter": False,
        "city_staff_other_city": False,
        "city_staff": True,
        "admin": True,
    }
)
def test_who_may_change_the_responsible_parties(role, allowed, user_with_role, quarter, client, login_as):
    operator = ResponsibleParty.objects.create(
        city=quarter.city, kind="operator", name="Träger West gGmbH", address="Weg 1", email="t@example.org"
    )
    user = user_with_role(role)
    login_as(user)
    page = client.get(reverse("core:party_edit", args=[quarter.city.slug, operator.pk]))
    if allowed:
        assert page.status_code == 200
    elif role == "anonymous":
        assert page.status_code == 302
    else:  # city staff of another city do not see this city at all
        assert page.status_code == (404 if role == "city_staff_other_city" else 403)
    client.post(
        reverse("core:quarter_arrangement", args=[quarter.slug]),
        {"arrangement": "joint", "operator_party": operator.pk},
    )
    quarter.refresh_from_db()
    assert (quarter.arrangement == "joint" and quarter.operator_party == operator) is allowed
    if user.is_authenticated:
        try:
            services.save_responsible_party(by=user, city=quarter.city, party=operator, data={"name": "Neu"})
            changed = True
        except NotAllowed:
            changed = False
        assert changed is allowed


def test_city_staff_cannot_change_another_citys_parties(quarter, other_quarter, user_with_role):
    foreign = ResponsibleParty.objects.create(
        city=other_quarter.city, kind="city", name="Andere Stadt", address="Weg 2", email="a@example.org"
    )
    with pytest.raises(NotAllowed):
        services.save_responsible_party(
            by=user_with_role("city_staff"), city=other_quarter.city, party=foreign, data={}
        )
    with pytest.raises(NotAllowed):
        services.set_arrangement(
            by=user_with_role("city_staff"), quarter=other_quarter, arrangement="city", operator=None
        )


def test_an_arrangement_with_an_operator_needs_one(quarter, user_with_role):
    with pytest.raises(DomainError):
        services.set_arrangement(
            by=user_with_role("admin"), quarter=quarter, arrangement="processor", operator=None
        )


def test_an_operator_that_runs_a_quarter_cannot_become_the_city_administration(quarter, user_with_role):
    admin = user_with_role("admin")
    operator = ResponsibleParty.objects.create(
        city=quarter.city, kind="operator", name="Träger Ost e. V.", address="Weg 3", email="o@example.org"
    )
    services.set_arrangement(by=admin, quarter=quarter, arrangement="joint", operator=operator)
    services.save_responsible_party(by=admin, city=quarter.city, party=operator, data={"phone": "0341 1"})
    with pytest.raises(DomainError):
        services.save_responsible_party(by=admin, city=quarter.city, party=operator, data={"kind": "city"})


# --- answered from the same tools as export and erasure ------------------------------------------------


def test_access_request_by_letter_is_answered_with_the_zip(client, login_as, quarter, user_with_role):
    import json
    import zipfile

    resident = user_with_role("resident")
    staff = user_with_role("staff")
    item = log(staff, quarter, kind="access", email=resident.email.upper())
    assert item.user == resident
    login_as(staff)
    page = client.get(reverse("core:subject_request", args=[quarter.slug, item.pk])).content.decode()
    url = reverse("core:subject_request_export", args=[quarter.slug, item.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert resident.email in archive.read("data.json").decode()
    json.loads(archive.read("data.json"))
    assert AuditEntry.objects.filter(action="core.subject_request_exported", target_id=str(item.pk)).exists()


def test_erasure_request_is_carried_out_and_closed_while_the_log_entry_is_kept(
    client, login_as, quarter, user_with_role
):
    from quartierwerk.core.models import User

    resident = user_with_role("resident")
    address = resident.email
    staff = user_with_role("staff")
    item = log(staff, quarter, kind="erasure", email=address)
    login_as(staff)
    url = reverse("core:subject_request_erase", args=[quarter.slug, item.pk])
    client.post(url, {})  # without confirmation nothing happens
    assert User.objects.filter(email=address).exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email__iexact=address).exists()
    item.refresh_from_db()
    assert item.status == "answered" and item.answered_on == timezone.localdate()
    # The request itself stays as proof that it was answered (a legal hold in the register).
    assert item.subject_email == address


def test_erasure_needs_a_checked_identity(quarter, user_with_role):
    staff = user_with_role("staff")
    item = services.log_subject_request(
        by=staff,
        quarter=quarter,
        kind="erasure",
        channel="phone",
        subject_name="Unbekannt",
        subject_email="anrufer@example.org",
        received_on=timezone.localdate(),
        identity_check="pending",
    )
    with pytest.raises(DomainError):
        services.erase_for_request(by=staff, request=item)


def test_date_fields_are_prefilled_in_iso_form_for_the_browser(client, login_as, quarter, user_with_role):
    login_as(user_with_role("staff"))
    html = client.get(reverse("core:subject_requests", args=[quarter.slug])).content.decode()
    assert f'type="date" name="received_on" value="{timezone.localdate().isoformat()}"' in html
