"""Privacy (DSGVO): withdrawal from an e-mail link, export of everything, erasure, retention, non-public fields."""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone

from quartierwerk.actors import selectors, services
from quartierwerk.actors.models import (
    Consent,
    ContactActivity,
    Group,
    GroupMembership,
    Organisation,
    Person,
    Relationship,
    Representation,
    VolunteerEngagement,
)
from quartierwerk.core.models import OutboxMail, User

from .conftest import make_org, make_person

MARKER = "GEHEIM7731"


def _names(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db(transaction=False)
def test_person_who_withdraws_by_mail_link_disappears_everywhere_at_once(client, quarter, org, group, staff):
    person = make_person(quarter, first="Samira", last="Oezdemir", email="samira@example.org", purposes=())
    services.record_consent(
        by=staff,
        person=person,
        basis=Consent.Basis.CONSENT,
        purposes=["directory", "invitations", "newsletter"],
        text="Ich bin einverstanden.",
        source=Consent.Source.WEB_FORM,
    )
    org.public_fields = org.public_fields + ["contact_persons"]
    org.save()
    Relationship.objects.create(person=person, organisation=org, kind="contact_person", is_public=True)
    GroupMembership.objects.create(group=group, person=person)
    detail = reverse("actors:detail", args=[quarter.slug, org.slug])
    group_page = reverse("actors:group", args=[quarter.slug, group.slug])
    assert "Samira Oezdemir" in _names(client, detail)
    assert "Samira Oezdemir" in _names(client, group_page)
    assert [c.email for c in selectors.group_contact_list(group)] == ["samira@example.org"]
    assert selectors.reachable_persons("newsletter").filter(pk=person.pk).exists()

    # The confirmation mail carries the withdrawal link; following it and pressing the one button withdraws.
    sent = OutboxMail.objects.get(to=["samira@example.org"])
    link = re.search(r"http\S+/actors/withdraw/\S+/", sent.body).group(0)
    path = urlsplit(link).path
    page = client.get(path)
    assert page.status_code == 200 and person.withdrawn_at is None
    assert client.post(path).status_code == 200

    person.refresh_from_db()
    assert person.withdrawn_at is not None
    assert "Samira" not in _names(client, detail)
    assert "Samira" not in _names(client, group_page)
    assert "Samira" not in json.dumps(client.get(f"/api/v1/actors/groups/{group.pk}").json())
    assert selectors.group_contact_list(group) == []
    for purpose in ("newsletter", "invitations", "directory"):
        assert not selectors.reachable_persons(purpose).filter(pk=person.pk).exists()
    # The staff still see the record, marked as withdrawn.
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.django_db
def test_withdrawal_link_is_signed(client, person):
    token = services.withdraw_token(person)
    assert client.post(reverse("actors:withdraw", args=[token[:-2] + "xx"])).status_code == 400
    assert (
        client.post(
            "/api/v1/actors/withdraw", {"token": "falsch"}, content_type="application/json"
        ).status_code
        == 400
    )
    person.refresh_from_db()
    assert person.withdrawn_at is None
    assert client.post(
        "/api/v1/actors/withdraw", {"token": token}, content_type="application/json"
    ).json() == {"withdrawn": True}
    person.refresh_from_db()
    assert person.withdrawn_at is not None


def _references_by_walking_models():
    """Independently of the code under test: every concrete relation to Person or the user model."""
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in (Person, User):
                found.add(f"{model._meta.label_lower}.{field.name}")
    return found


@pytest.mark.django_db
def test_export_contains_every_table_that_references_the_person(client, login_as, quarter, org, group, staff):
    user = User.objects.create_user(email="samira@example.org", password="x-test-password-1")
    person = make_person(quarter, first="Samira", last="Oezdemir", email="samira@example.org", user=user)
    Relationship.objects.create(person=person, organisation=org, kind="member")
    GroupMembership.objects.create(group=group, person=person, role="chair")
    GroupMembership.objects.create(
        group=group, organisation=make_org(quarter, name="Zweite"), delegate=person
    )
    ContactActivity.objects.create(
        quarter=quarter, person=person, kind="called", text="Angerufen wegen Hoffest"
    )
    VolunteerEngagement.objects.create(
        quarter=quarter,
        person=person,
        activity="Hoffest",
        hours=12,
        start_date="2025-01-01",
        end_date="2025-03-01",
    )
    Representation.objects.create(organisation=org, user=user, status="approved")

    data = services.export_person_data(by=staff, person=person)
    expected = _references_by_walking_models()
    assert expected, "the walk must find the references"
    assert set(data["references"]) == expected, "a table referencing persons or accounts is missing"
    refs = data["references"]
    assert refs["actors.consent.person"][0]["text"] == "Einverstanden."
    assert refs["actors.relationship.person"][0]["kind"] == "member"
    assert refs["actors.groupmembership.person"][0]["role"] == "chair"
    assert len(refs["actors.groupmembership.delegate"]) == 1
    assert refs["actors.contactactivity.person"][0]["text"] == "Angerufen wegen Hoffest"
    assert refs["actors.volunteerengagement.person"][0]["hours"] == "12.0"
    assert len(refs["actors.representation.user"]) == 1
    assert data["person"]["email"] == "samira@example.org"
    assert "password" not in data["account"]

    login_as(staff)
    response = client.get(reverse("actors:staff_person_export", args=[quarter.slug, person.pk, "json"]))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["person"]["last_name"] == "Oezdemir"
    pdf = client.get(reverse("actors:staff_person_export", args=[quarter.slug, person.pk, "pdf"]))
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_erasure_keeps_group_history_but_no_personal_data(client, login_as, quarter, org, group, staff):
    person = make_person(
        quarter, first="Samira", last="Oezdemir", email="samira@example.org", phone="0341 99"
    )
    seat = GroupMembership.objects.create(
        group=group,
        person=person,
        role="chair",
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2025, 1, 1),
    )
    Relationship.objects.create(person=person, organisation=org, kind="board_member")
    ContactActivity.objects.create(
        quarter=quarter, person=person, kind="met", text="Samira beim Hoffest getroffen"
    )
    engagement = VolunteerEngagement.objects.create(
        quarter=quarter,
        person=person,
        activity="Hoffest",
        hours=12,
        start_date="2025-01-01",
        end_date="2025-03-01",
    )
    services.update_person(by=staff, person=person, data={"role_title": "Vorsitzende"})
    login_as(staff)
    response = client.post(
        reverse("actors:staff_person_erase", args=[quarter.slug, person.pk]), {"confirm": "1"}
    )
    assert response.status_code == 302

    person.refresh_from_db()
    assert person.anonymised_at is not None
    assert (person.first_name, person.last_name, person.email, person.phone, person.role_title) == (
        "",
        "",
        "",
        "",
        "",
    )
    # History stays: the seat (with its dates and role), the relationship and the hours.
    seat.refresh_from_db()
    assert (seat.person_id, seat.role, seat.end_date) == (person.pk, "chair", datetime.date(2025, 1, 1))
    assert Relationship.objects.filter(person=person, kind="board_member").exists()
    assert VolunteerEngagement.objects.get(pk=engagement.pk).hours == 12
    # Personal data is gone from every place it could linger.
    assert not ContactActivity.objects.filter(person=person).exists()
    assert all(c.text == "" and c.withdrawn_at for c in Consent.objects.filter(person=person))
    assert not selectors.staff_search(quarter, "Samira")["persons"]
    dump = json.dumps(services.export_person_data(by=staff, person=person), default=str)
    assert "Samira" not in dump and "Oezdemir" not in dump and "0341 99" not in dump
    from quartierwerk.core.models import AuditEntry

    assert "Samira" not in json.dumps(list(AuditEntry.objects.values("changes", "actor_label")))
    assert (
        "Samira"
        not in client.get(reverse("actors:staff_group", args=[quarter.slug, group.pk])).content.decode()
    )


@pytest.mark.django_db
def test_retention_job_flags_then_anonymises_records_past_their_period(quarter):
    today = timezone.localdate()
    expired = make_person(quarter, first="Alt", last="Ablauf", email="alt@example.org", purposes=())
    Consent.objects.create(
        person=expired, for_invitations=True, valid_until=today - datetime.timedelta(days=1)
    )
    current = make_person(quarter, first="Neu", last="Gueltig", email="neu@example.org")
    assert services.enforce_retention(today) == {"flagged": 1, "anonymised": 0}
    expired.refresh_from_db()
    assert expired.retention_flagged_at is not None and expired.anonymised_at is None
    Person.objects.filter(pk=expired.pk).update(
        retention_flagged_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert services.enforce_retention(today) == {"flagged": 0, "anonymised": 1}
    expired.refresh_from_db()
    current.refresh_from_db()
    assert expired.anonymised_at is not None and expired.email == ""
    assert current.anonymised_at is None and current.retention_flagged_at is None
    from quartierwerk.actors.manifest import run_scheduled

    assert "0 anonymised" in run_scheduled()


# --- Non-public fields never appear publicly -----------------------------------------------------------

# Every actors URL name is either public (tested below) or needs a login (staff, self-service).
PUBLIC_URL_NAMES = {
    "city_directory",
    "city_geojson",
    "city_detail",
    "directory",
    "directory_geojson",
    "detail",
    "groups",
    "group",
    "withdraw",
}
LOGIN_URL_NAMES_PREFIX = ("staff_",)
LOGIN_URL_NAMES = {
    "register",
    "claim",
    "my_organisations",
    "edit_own",
    "certificate",
    "my_data",
    "my_data_export",
}


def test_every_actors_url_is_classified_public_or_login():
    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        for sub in getattr(pattern, "url_patterns", []):
            if isinstance(sub, URLPattern) and getattr(pattern, "namespace", None) == "actors":
                names.add(sub.name)
    unclassified = {
        n
        for n in names
        if n not in PUBLIC_URL_NAMES | LOGIN_URL_NAMES and not n.startswith(LOGIN_URL_NAMES_PREFIX)
    }
    assert names and not unclassified, f"classify these URLs in the privacy test: {unclassified}"


@pytest.fixture
def secrets_everywhere(quarter, group, staff):
    """A listed organisation that published nothing optional, with the marker in every non-public field,
    and marked records that must never be public at all."""
    org = make_org(
        quarter,
        name="Offener Treff",
        public_fields=[],
        street=f"{MARKER} Straße 1",
        postcode="04999",
        town=f"{MARKER}stadt",
        lat=51.0123457,
        lon=12.0987653,
        email=f"{MARKER.lower()}@example.org",
        phone="0341 7731 7731",
        website=f"https://{MARKER.lower()}.example.org",
        opening_hours=f"{MARKER} Mo 9-12",
        accessibility=f"{MARKER} Rampe",
        internal_note=f"{MARKER} intern",
        tags=[MARKER.lower()],
    )
    make_org(quarter, name=f"{MARKER} Wartend", status="pending")
    make_org(quarter, name=f"{MARKER} Intern", is_public=False)
    Group.objects.create(quarter=quarter, name=f"{MARKER} Geheimgruppe", slug="geheim", is_public=False)
    no_consent = make_person(quarter, first=MARKER, last="Ohne", email=f"a{MARKER}@example.org", purposes=())
    hidden_rel = make_person(quarter, first="Mit", last=f"{MARKER}Zustimmung", email=f"b{MARKER}@example.org")
    GroupMembership.objects.create(group=group, person=no_consent)
    GroupMembership.objects.create(group=group, organisation=org, delegate=hidden_rel)
    Relationship.objects.create(person=hidden_rel, organisation=org, kind="works_at", is_public=True)
    ContactActivity.objects.create(quarter=quarter, organisation=org, text=f"{MARKER} Notiz")
    VolunteerEngagement.objects.create(
        quarter=quarter,
        person=hidden_rel,
        activity=MARKER,
        hours=3,
        start_date="2025-01-01",
        end_date="2025-01-02",
    )
    return org


@pytest.mark.django_db
def test_non_public_fields_never_appear_on_any_public_page_or_api(client, quarter, group, secrets_everywhere):
    org = secrets_everywhere
    s = quarter.slug
    q_variants = [
        "",
        "?q=Offener",
        "?q=geheim",
        "?q=0341",
        "?kind=social_service",
        "?language=ar&offer=counselling",
    ]
    urls = []
    for v in q_variants:
        urls += [
            reverse("actors:directory", args=[s]) + v,
            reverse("actors:directory_geojson", args=[s]) + v,
            reverse("actors:city_directory") + v,
            reverse("actors:city_geojson") + v,
            "/api/v1/actors/organisations" + (v or "?") + f"&quarter={s}",
            "/api/v1/actors/organisations.geojson" + v,
        ]
    urls += [
        reverse("actors:detail", args=[s, org.slug]),
        reverse("actors:groups", args=[s]),
        reverse("actors:group", args=[s, group.slug]),
        f"/api/v1/actors/organisations/{org.pk}",
        "/api/v1/actors/groups",
        f"/api/v1/actors/groups/{group.pk}",
        reverse("core:quarter", args=[s]),
        reverse("core:home"),
    ]
    for url in urls:
        body = _names(client, url)
        assert MARKER not in body and MARKER.lower() not in body, url
        assert "7731" not in body and "0123457" not in body and "0987653" not in body, url
    # Records that are not public are not found at all.
    for hidden in Organisation.objects.exclude(pk=org.pk).filter(name__startswith=MARKER):
        assert client.get(reverse("actors:detail", args=[s, hidden.slug])).status_code == 404
        assert client.get(f"/api/v1/actors/organisations/{hidden.pk}").status_code == 404
    secret_group = Group.objects.get(slug="geheim")
    assert client.get(reverse("actors:group", args=[s, "geheim"])).status_code == 404
    assert client.get(f"/api/v1/actors/groups/{secret_group.pk}").status_code == 404
    # Searching for a hidden detail does not reveal which entry has it.
    for word in ("geheim7731stadt", "04999", "Rampe", "intern"):
        assert client.get(f"/api/v1/actors/organisations?quarter={s}&q={word}").json()["results"] == [], word
    assert len(client.get(f"/api/v1/actors/organisations?quarter={s}&q=Offener").json()["results"]) == 1
    # Filter parameters outside the allow-list (tags, status) do nothing for the public.
    assert (
        len(client.get(f"/api/v1/actors/organisations?quarter={s}&tag={MARKER.lower()}").json()["results"])
        == 1
    )
    assert len(client.get(f"/api/v1/actors/organisations?quarter={s}&status=pending").json()["results"]) == 1


@pytest.mark.django_db
def test_published_details_do_appear(client, quarter, secrets_everywhere):
    org = secrets_everywhere
    org.public_fields = ["email", "opening_hours"]
    org.save()
    body = _names(client, reverse("actors:detail", args=[quarter.slug, org.slug]))
    assert f"{MARKER.lower()}@example.org" in body and f"{MARKER} Mo 9-12" in body
    assert f"{MARKER} Straße" not in body and MARKER + " Rampe" not in body
    api = client.get(f"/api/v1/actors/organisations/{org.pk}").json()
    assert api["email"] == f"{MARKER.lower()}@example.org" and api["phone"] is None and api["lat"] is None


# The public (optional-auth) API reads; the marker test above calls each of them.
PUBLIC_API_READS = {
    "/organisations",
    "/organisations.geojson",
    "/organisations/{org_id}",
    "/groups",
    "/groups/{group_id}",
}


def test_every_public_api_read_is_covered_by_the_marker_test():
    from quartierwerk.actors.api import router
    from quartierwerk.core.api_auth import AUTH_OPTIONAL

    public_reads = {
        path
        for path, view in router.path_operations.items()
        for op in view.operations
        if "GET" in op.methods and op.auth_callbacks == AUTH_OPTIONAL
    }
    assert public_reads == PUBLIC_API_READS, "add new public API reads to the marker test"


@pytest.mark.django_db
def test_representatives_are_asked_once_a_year_to_check_their_entry(quarter, org, user_with_role):
    from datetime import timedelta

    rep_user = user_with_role("actor_representative")
    Representation.objects.create(organisation=org, user=rep_user, status="approved")
    fresh = make_org(quarter, name="Frisch gepflegt")
    Representation.objects.create(organisation=fresh, user=rep_user, status="approved")
    Organisation.objects.filter(pk=org.pk).update(updated_at=timezone.now() - timedelta(days=400))
    assert services.remind_representatives() == 1
    mail = OutboxMail.objects.get(purpose="actors/mail/review_reminder")
    assert mail.to == [rep_user.email] and f"/actors/mine/{org.pk}/" in mail.body
    assert services.remind_representatives() == 0, "asked once, not every run"
    later = timezone.now() + timedelta(days=400)
    assert services.remind_representatives(now=later) == 2


@pytest.mark.django_db
def test_a_person_downloads_their_own_data_and_nobody_elses(client, login_as, quarter, user_with_role):
    user = user_with_role("resident")
    mine = make_person(quarter, first="Eigene", last="Daten", email="eigen@example.org", user=user)
    other = make_person(quarter, first="Fremde", last="Daten", email="fremd@example.org")
    login_as(user)
    page = client.get(reverse("actors:my_data")).content.decode()
    assert "Eigene Daten" in page and "Fremde" not in page and "/actors/withdraw/" in page
    data = json.loads(client.get(reverse("actors:my_data_export", args=[mine.pk, "json"])).content)
    assert data["person"]["email"] == "eigen@example.org"
    assert client.get(reverse("actors:my_data_export", args=[other.pk, "json"])).status_code == 404
    assert client.get(reverse("actors:my_data_export", args=[mine.pk, "pdf"])).content.startswith(b"%PDF")


@pytest.mark.django_db
def test_contact_person_shows_only_the_details_they_published(client, quarter, staff):
    org = make_org(quarter, name="Treff Ost", public_fields=["contact_persons"])
    person = make_person(quarter, first="Layla", last="Mansour", email="layla@example.org", phone="0341 4242")
    services.update_person(
        by=staff, person=person, data={"role_title": "Koordinatorin", "public_fields": ["email", "x"]}
    )
    Relationship.objects.create(person=person, organisation=org, kind="contact_person", is_public=True)
    body = _names(client, reverse("actors:detail", args=[quarter.slug, org.slug]))
    assert "Layla Mansour" in body and "layla@example.org" in body
    assert "0341 4242" not in body and "Koordinatorin" not in body
    person.refresh_from_db()
    assert person.public_fields == ["email"]
