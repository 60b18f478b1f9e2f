"""Self-service registration and claims, merge, groups, relationships, consent, volunteering, bad input."""

import datetime

import pytest
from django.urls import reverse

from quartierwerk.actors import selectors, services
from quartierwerk.actors.models import (
    Consent,
    ContactActivity,
    GroupMembership,
    Organisation,
    Relationship,
    Representation,
    VolunteerEngagement,
)
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import AuditEntry, Membership, OutboxMail

from .conftest import make_org, make_person


@pytest.mark.django_db
def test_initiative_registers_staff_verify_and_representative_keeps_entry(
    client, login_as, quarter, user_with_role
):
    staff = user_with_role("staff")
    resident = user_with_role("resident")
    login_as(resident)
    response = client.post(
        reverse("actors:register", args=[quarter.slug]),
        {
            "name": "Initiative <b>Lesepaten</b>",
            "kind": "initiative",
            "description": "Wir lesen vor.<script>alert(1)</script>",
            "topics": ["education"],
            "languages": ["de", "ar"],
            "offers": ["homework_help"],
            "public_fields": ["email"],
            "email": "lesepaten@example.org",
            "is_public": "on",
            "confirm": "on",
        },
    )
    assert response.status_code == 200
    org = Organisation.objects.get()
    assert (org.name, org.description, org.status) == ("Initiative Lesepaten", "Wir lesen vor.", "pending")
    assert OutboxMail.objects.filter(to=[staff.email]).exists(), "the office is told"
    assert (
        client.get(reverse("actors:directory", args=[quarter.slug])).context["page_obj"].paginator.count == 0
    )
    assert client.get(reverse("actors:edit_own", args=[org.pk])).status_code == 403

    login_as(staff)
    client.post(reverse("actors:staff_verify", args=[quarter.slug, org.pk]), {"decision": "verify"})
    org.refresh_from_db()
    assert org.status == "verified" and org.verified_at
    assert Representation.objects.get(organisation=org).status == "approved"
    assert Membership.objects.filter(user=resident, role="actor_representative", quarter=quarter).exists()
    assert (
        client.get(reverse("actors:directory", args=[quarter.slug])).context["page_obj"].paginator.count == 1
    )
    again = client.post(
        reverse("actors:staff_verify", args=[quarter.slug, org.pk]), {"decision": "verify"}, follow=True
    )
    assert "Nur Einträge, die auf Prüfung warten" in again.content.decode()

    resident = type(resident).objects.get(pk=resident.pk)
    login_as(resident)
    client.post(
        reverse("actors:edit_own", args=[org.pk]),
        {
            "name": "Initiative Lesepaten",
            "kind": "initiative",
            "opening_hours": "Di 15 Uhr",
            "is_public": "on",
            "internal_note": "darf ich nicht",
        },
    )
    org.refresh_from_db()
    assert org.opening_hours == "Di 15 Uhr" and org.internal_note == ""


@pytest.mark.django_db
def test_claim_of_an_existing_entry_is_decided_by_staff(client, login_as, quarter, org, user_with_role):
    user = user_with_role("resident")
    login_as(user)
    client.post(
        reverse("actors:claim", args=[quarter.slug, org.slug]), {"message": "Ich bin die Vorsitzende."}
    )
    with pytest.raises(Conflict):
        services.claim_organisation(by=user, organisation=org)
    rep = Representation.objects.get()
    assert rep.is_claim and rep.status == "pending"
    login_as(user_with_role("staff"))
    index = client.get(reverse("actors:staff_index", args=[quarter.slug]))
    assert "Übernahme angefragt" in index.content.decode()
    client.post(reverse("actors:staff_decide_representation", args=[quarter.slug, rep.pk]), {"approve": "1"})
    rep.refresh_from_db()
    assert rep.status == "approved" and rules_edit(user, org)


def rules_edit(user, org):
    from quartierwerk.actors import rules
    from quartierwerk.core.models import User

    return rules.can_edit_organisation(User.objects.get(pk=user.pk), org)


@pytest.mark.django_db
def test_staff_merge_duplicates_moves_everything_and_keeps_history(client, login_as, quarter, group, staff):
    keep = make_org(quarter, name="Grünauer Nachbarn e. V.", email="", phone="", topics=["culture"])
    dup = make_org(quarter, name="Grünauer Nachbarn", email="info@nachbarn.example", topics=["neighbourhood"])
    person = make_person(quarter)
    Relationship.objects.create(person=person, organisation=dup, kind="board_member")
    GroupMembership.objects.create(group=group, organisation=dup, role="chair")
    ContactActivity.objects.create(quarter=quarter, organisation=dup, text="Telefonat")
    assert [sorted(o.pk for o in g) for g in selectors.duplicate_candidates(quarter)] == [[keep.pk, dup.pk]]
    login_as(staff)
    client.post(
        reverse("actors:staff_duplicates", args=[quarter.slug]), {"keep": keep.pk, "duplicate": dup.pk}
    )
    keep.refresh_from_db()
    dup.refresh_from_db()
    assert dup.status == "merged" and dup.merged_into_id == keep.pk and not dup.is_public
    assert keep.email == "info@nachbarn.example" and set(keep.topics) == {"culture", "neighbourhood"}
    assert Relationship.objects.get(person=person).organisation_id == keep.pk
    assert GroupMembership.objects.get(group=group).organisation_id == keep.pk
    assert ContactActivity.objects.filter(organisation=keep, kind="merged").exists()
    assert AuditEntry.objects.filter(action="actors.organisation_merged", target_id=str(keep.pk)).exists()
    assert selectors.duplicate_candidates(quarter) == []
    with pytest.raises(InvalidTransition):
        services.merge_organisations(by=staff, keep=keep, duplicate=dup)


@pytest.mark.django_db
def test_merging_persons_never_loses_a_withdrawal(quarter, staff):
    a = make_person(quarter, email="a@example.org")
    b = make_person(quarter, email="b@example.org")
    services.withdraw_consent(person=b)
    kept = services.merge_persons(by=staff, keep=a, duplicate=b)
    assert kept.withdrawn_at is not None
    assert not selectors.reachable_persons("invitations").filter(pk=a.pk).exists()


@pytest.mark.django_db
def test_group_seats_relationships_end_and_stay_in_history(quarter, org, person, group, staff):
    seat = services.add_member(by=staff, group=group, person=person, role="chair")
    with pytest.raises(Conflict):
        services.add_member(by=staff, group=group, person=person)
    with pytest.raises(DomainError):
        services.add_member(by=staff, group=group, person=person, organisation=org)
    services.end_membership(by=staff, membership=seat)
    with pytest.raises(InvalidTransition):
        services.end_membership(by=staff, membership=seat)
    services.add_member(by=staff, group=group, person=person, role="member")
    assert GroupMembership.objects.filter(group=group, person=person).count() == 2
    rel = services.add_relationship(by=staff, person=person, organisation=org, kind="works_at")
    services.end_relationship(by=staff, relationship=rel, end=datetime.date.today())
    with pytest.raises(InvalidTransition):
        services.end_relationship(by=staff, relationship=rel)
    assert Relationship.objects.get(pk=rel.pk).end_date == datetime.date.today()


@pytest.mark.django_db
def test_staff_of_another_quarter_cannot_write_here(quarter, org, group, person, user_with_role):
    other = user_with_role("staff_other_quarter")
    city = user_with_role("city_staff")
    for user in (other, city):
        with pytest.raises(NotAllowed):
            services.add_member(by=user, group=group, organisation=org)
        with pytest.raises(NotAllowed):
            services.update_organisation(by=user, organisation=org, data={"name": "Gekapert"})
        with pytest.raises(NotAllowed):
            services.erase_person(by=user, person=person)


@pytest.mark.django_db
def test_consent_needs_text_purpose_and_a_future_period(quarter, person, staff):
    base = {"by": staff, "person": person, "basis": "consent", "source": "web_form"}
    with pytest.raises(DomainError):
        services.record_consent(**base, purposes=["directory"], text="")
    with pytest.raises(DomainError):
        services.record_consent(**base, purposes=["spam"], text="Ja")
    with pytest.raises(DomainError):
        services.record_consent(
            **base, purposes=["directory"], text="Ja", valid_until=datetime.date(2000, 1, 1)
        )
    c = services.record_consent(
        by=staff, person=person, basis="public_role", purposes=["directory"], text="", source="in_person"
    )
    assert c.purposes == ["directory"] and c.is_active


@pytest.mark.django_db
def test_volunteer_certificate_is_signed_once_and_names_the_hours(quarter, person, org, staff):
    with pytest.raises(DomainError):
        services.record_engagement(
            by=staff,
            quarter=quarter,
            person=person,
            activity="x",
            hours=-3,
            start=datetime.date(2025, 1, 1),
            end=datetime.date(2025, 2, 1),
        )
    with pytest.raises(DomainError):
        services.record_engagement(
            by=staff,
            quarter=quarter,
            person=person,
            activity="x",
            hours=3,
            start=datetime.date(2025, 2, 1),
            end=datetime.date(2025, 1, 1),
        )
    e = services.record_engagement(
        by=staff,
        quarter=quarter,
        person=person,
        organisation=org,
        activity="Sprachcafé <i>geleitet</i>",
        hours="42.5",
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    assert e.activity == "Sprachcafé geleitet"
    with pytest.raises(InvalidTransition):
        services.certificate_pdf(e)
    services.sign_engagement(by=staff, engagement=e)
    with pytest.raises(InvalidTransition):
        services.sign_engagement(by=staff, engagement=e)
    e.refresh_from_db()
    assert e.status == VolunteerEngagement.Status.CERTIFIED and e.signed_name == str(staff)
    from django.template.loader import render_to_string

    html = render_to_string("actors/pdf/certificate.html", {"e": e, "quarter": quarter})
    assert "42.5" in html or "42,5" in html
    assert "Petra Lindner" in html and org.name in html
    assert services.certificate_pdf(e).startswith(b"%PDF")


@pytest.mark.django_db
def test_api_refuses_bad_input_with_clear_messages(client, login_as, quarter, staff):
    login_as(staff)
    post = lambda url, body: client.post(url, body, content_type="application/json")  # noqa: E731
    assert post("/api/v1/actors/organisations", {"quarter": quarter.slug}).status_code == 422  # no name
    assert (
        post(
            "/api/v1/actors/organisations", {"quarter": quarter.slug, "name": "X", "lat": "north"}
        ).status_code
        == 422
    )
    bad_kind = post("/api/v1/actors/organisations", {"quarter": quarter.slug, "name": "X", "kind": "ufo"})
    assert bad_kind.status_code == 400 and bad_kind.json()["field"] == "kind"
    half = post("/api/v1/actors/organisations", {"quarter": quarter.slug, "name": "X", "lat": 51.0})
    assert half.status_code == 400
    out = post(
        "/api/v1/actors/organisations",
        {
            "quarter": quarter.slug,
            "name": "<img src=x onerror=alert(1)>Treff",
            "topics": ["youth", "nonsense"],
        },
    )
    assert out.status_code == 201 and out.json()["name"] == "Treff" and out.json()["topics"] == ["youth"]
    assert post("/api/v1/actors/organisations", {"quarter": "nirgendwo", "name": "X"}).status_code == 404
    p = post("/api/v1/actors/persons", {"quarter": quarter.slug, "email": "a@example.org"})
    assert p.status_code == 201
    assert (
        post("/api/v1/actors/persons", {"quarter": quarter.slug, "email": "A@example.org"}).status_code == 409
    )
    consent = post(
        f"/api/v1/actors/persons/{p.json()['id']}/consents",
        {"basis": "consent", "purposes": [], "source": "web_form"},
    )
    assert consent.status_code == 400
    eng = post(
        "/api/v1/actors/engagements",
        {
            "quarter": quarter.slug,
            "person_id": p.json()["id"],
            "activity": "x",
            "hours": "viele",
            "start_date": "2025-01-01",
            "end_date": "2025-01-02",
        },
    )
    assert eng.status_code == 422
    assert Consent.objects.count() == 0


@pytest.mark.django_db
def test_escaping_on_output(client, quarter, staff):
    org = make_org(quarter, name="Treff", description='<script>alert("x")</script>Text')
    body = client.get(reverse("actors:detail", args=[quarter.slug, org.slug])).content.decode()
    assert '<script>alert("x")' not in body and "&lt;script&gt;" in body


@pytest.mark.django_db
def test_staff_notes_and_activity_log(client, login_as, quarter, org, person, staff):
    login_as(staff)
    client.post(
        reverse("actors:staff_activity", args=[quarter.slug, "organisation", org.pk]),
        {"kind": "called", "date": "2026-01-10", "text": "Termin für Hoffest vereinbart"},
    )
    client.post(
        reverse("actors:staff_activity", args=[quarter.slug, "person", person.pk]),
        {"kind": "met", "text": "Beim Stadtteilfest"},
    )
    assert (
        client.post(reverse("actors:staff_activity", args=[quarter.slug, "user", person.pk]), {}).status_code
        == 404
    )
    assert ContactActivity.objects.filter(organisation=org, kind="called").exists()
    assert ContactActivity.objects.filter(person=person, kind="met").exists()
    page = client.get(reverse("actors:staff_organisation", args=[quarter.slug, org.pk])).content.decode()
    assert "Termin für Hoffest vereinbart" in page


@pytest.mark.django_db
def test_staff_edit_a_group_and_make_it_internal(client, login_as, quarter, group, staff):
    login_as(staff)
    url = reverse("actors:staff_group", args=[quarter.slug, group.pk])
    client.post(
        url,
        {
            "action": "edit",
            "group-name": "AG Jugend und Sport",
            "group-kind": "network",
            "group-purpose": "Vernetzen",
        },
    )
    group.refresh_from_db()
    assert (group.name, group.kind, group.purpose, group.is_public) == (
        "AG Jugend und Sport",
        "network",
        "Vernetzen",
        False,
    )
    assert client.get(reverse("actors:group", args=[quarter.slug, group.slug])).status_code == 404


@pytest.mark.django_db
def test_staff_merge_duplicate_persons_on_the_duplicates_page(client, login_as, quarter, org, group, staff):
    a = make_person(quarter, first="Jana", last="Wolff", email="jana@example.org")
    b = make_person(quarter, first="Jana", last="Wolff", email="", purposes=(), phone="0341 5")
    GroupMembership.objects.create(group=group, person=b)
    login_as(staff)
    page = client.get(reverse("actors:staff_duplicates", args=[quarter.slug]))
    assert [[p.pk for p in g] for g in page.context["person_groups"]] == [[a.pk, b.pk]]
    client.post(
        reverse("actors:staff_duplicates", args=[quarter.slug]),
        {"kind": "person", "keep": a.pk, "duplicate": b.pk},
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.merged_into_id == a.pk and a.phone == "0341 5"
    assert GroupMembership.objects.get(group=group).person_id == a.pk


@pytest.mark.django_db
def test_api_relationships_and_activity(client, login_as, quarter, org, person, staff):
    login_as(staff)
    post = lambda url, body: client.post(url, body, content_type="application/json")  # noqa: E731
    rel = post(
        f"/api/v1/actors/persons/{person.pk}/relationships", {"organisation_id": org.pk, "kind": "works_at"}
    )
    assert rel.status_code == 201
    ended = post(f"/api/v1/actors/relationships/{rel.json()['id']}/end", {})
    assert ended.json()["end_date"] is not None
    assert post(f"/api/v1/actors/relationships/{rel.json()['id']}/end", {}).status_code == 400
    assert (
        post(
            "/api/v1/actors/activities", {"kind": "called", "text": "Rückruf", "organisation_id": org.pk}
        ).status_code
        == 201
    )
    assert post("/api/v1/actors/activities", {"kind": "called", "text": "   "}).status_code == 400
    patched = client.patch(
        f"/api/v1/actors/persons/{person.pk}", {"role_title": "Kassenwartin"}, content_type="application/json"
    )
    assert patched.json()["role_title"] == "Kassenwartin"


@pytest.mark.django_db
def test_staff_write_to_a_group_persons_get_the_withdrawal_link(
    client, login_as, quarter, group, staff, user_with_role
):
    org = make_org(quarter, name="Kita Sonne", email="kita@example.org")
    petra = make_person(quarter, email="petra@example.org")
    withdrawn = make_person(quarter, first="Weg", last="Gegangen", email="weg@example.org")
    services.withdraw_consent(person=withdrawn)
    for member in ({"organisation": org}, {"person": petra}, {"person": withdrawn}):
        GroupMembership.objects.create(group=group, **member)
    login_as(staff)
    url = reverse("actors:staff_invite", args=[quarter.slug]) + f"?group={group.pk}"
    page = client.get(url)
    assert page.context["recipients"] == ["kita@example.org", "petra@example.org"]
    assert client.post(url, {"subject": "Treffen am 3. März", "message": ""}).status_code == 200
    client.post(
        url,
        {"subject": "Treffen am 3. März & Ausblick", "message": "Wir treffen uns im <b>Stadtteilladen</b>."},
    )
    mails = {m.to[0]: m for m in OutboxMail.objects.filter(purpose="actors.invitation")}
    assert set(mails) == {"kita@example.org", "petra@example.org"}
    assert mails["petra@example.org"].subject == "Treffen am 3. März & Ausblick"
    assert "/actors/withdraw/" in mails["petra@example.org"].body
    assert "/actors/withdraw/" not in mails["kita@example.org"].body
    assert "Wir treffen uns im Stadtteilladen." in mails["kita@example.org"].body
    login_as(user_with_role("city_staff"))
    assert client.get(url).status_code == 403, "city staff read, but do not write to the list"


@pytest.mark.django_db
def test_links_and_addresses_are_validated_by_the_service(client, login_as, quarter, org, staff):
    login_as(staff)
    for body in ({"website": "javascript:alert(1)"}, {"website": "ftp://x.example"}, {"email": "kein-at"}):
        response = client.patch(
            f"/api/v1/actors/organisations/{org.pk}", body, content_type="application/json"
        )
        # An address is already refused by the API schema (422); the service refuses it too.
        assert response.status_code == (422 if "email" in body else 400), body
    with pytest.raises(DomainError):
        services.update_organisation(by=staff, organisation=org, data={"email": "kein-at"})
    org.refresh_from_db()
    assert org.website == "" and org.email == "kontakt@bruecke.example"
    ok = client.patch(
        f"/api/v1/actors/organisations/{org.pk}",
        {"website": "https://bruecke.example"},
        content_type="application/json",
    )
    assert ok.json()["website"] == "https://bruecke.example"


@pytest.mark.django_db
def test_staff_search_finds_organisations_by_email_and_persons_by_name(quarter, org, person):
    found = selectors.staff_search(quarter, "KONTAKT@bruecke.example")
    assert found["organisations"] == [org]
    assert selectors.staff_search(quarter, "lindn")["persons"] == [person]
