"""Who sees and does what: internal sessions, minutes and registrants' personal data never reach the public
(pages, feeds, API), per role."""

import pytest
from django.urls import reverse

from quartierwerk.events import rules, services
from quartierwerk.events.models import Minutes
from tests.conftest import permission_matrix

pytestmark = pytest.mark.django_db

INSIDERS = {"staff", "city_staff", "admin"}


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_plan_events(role, allowed, user_with_role, quarter, public_event):
    user = user_with_role(role)
    assert rules.can_manage_events(user, quarter) is allowed
    assert rules.can_manage_events(user, public_event) is allowed


@permission_matrix(
    {
        "anonymous": 404,
        "resident": 404,
        "actor_representative": 404,
        "award_team": 404,
        "staff": 200,
        "staff_other_quarter": 404,
        "city_staff": 200,
        "city_staff_other_city": 404,
        "admin": 200,
    }
)
def test_internal_session_page_minutes_and_api(
    role, allowed, client, login_as, user_with_role, internal_session
):
    login_as(user_with_role(role))
    slug = internal_session.quarter.slug
    for url in (
        internal_session.get_absolute_url(),
        reverse("events:minutes", args=[slug, internal_session.pk]),
        reverse("events:minutes_pdf", args=[slug, internal_session.pk]),
        reverse("events:event_ics", args=[internal_session.pk]),
        f"/api/v1/events/{internal_session.pk}",
        f"/api/v1/events/{internal_session.pk}/agenda",
        f"/api/v1/events/{internal_session.pk}/minutes",
    ):
        response = client.get(url)
        assert response.status_code == allowed, url
        if allowed == 404:
            assert b"Geheime Sitzung" not in response.content and b"Vertrauliche" not in response.content


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_internal_sessions_in_lists_calendar_and_api(
    role, allowed, client, login_as, user_with_role, quarter, internal_session, public_event
):
    login_as(user_with_role(role))
    public_pages = (
        reverse("events:calendar", args=[quarter.slug]),
        reverse("events:calendar", args=[quarter.slug]) + "?view=month",
        reverse("events:city_calendar"),
        reverse("events:quarter_ics", args=[quarter.slug]),
        reverse("events:city_ics"),
        reverse("events:quarter_rss", args=[quarter.slug]),
        reverse("core:quarter", args=[quarter.slug]),
    )
    for url in public_pages:
        content = client.get(url).content.decode()
        assert "Geheime Sitzung" not in content, f"public page {url} shows an internal session to {role}"
    api = client.get(f"/api/v1/events/?quarter={quarter.slug}").json()
    titles = {row["title"] for row in api["items"]}
    assert "Öffentliche Werkstatt" in titles
    assert ("Geheime Sitzung Quartiersrat" in titles) is allowed
    staff_page = client.get(reverse("events:staff_calendar", args=[quarter.slug]))
    if allowed:
        assert "Geheime Sitzung" in staff_page.content.decode()
    else:
        assert staff_page.status_code in (302, 403)


@permission_matrix(
    {
        "anonymous": 401,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 403,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 200,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_registrants_personal_data(role, allowed, client, login_as, user_with_role, make_event):
    event = make_event("Kurs", registration_required=True, capacity=1)
    services.register(event=event, name="Gerda Geheim", email="gerda@private.example")
    services.register(event=event, name="Willi Warte", email="willi@private.example")
    login_as(user_with_role(role))
    api = client.get(f"/api/v1/events/{event.pk}/registrations")
    assert api.status_code == allowed
    if allowed == 200:
        assert {r["email"] for r in api.json()["items"]} == {"gerda@private.example", "willi@private.example"}
    staff_page = client.get(reverse("events:staff_event", args=[event.quarter.slug, event.pk]))
    assert (b"gerda@private.example" in staff_page.content) is (allowed == 200)
    # The public page, the feeds and the public API never show who registered.
    for url in (
        event.get_absolute_url(),
        f"/api/v1/events/{event.pk}",
        f"/api/v1/events/?quarter={event.quarter.slug}",
        reverse("events:quarter_ics", args=[event.quarter.slug]),
        reverse("events:event_ics", args=[event.pk]),
    ):
        content = client.get(url).content
        assert b"gerda@private.example" not in content and b"Gerda Geheim" not in content, url
        assert b"Willi Warte" not in content, url


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_draft_minutes_of_a_public_session(role, allowed, client, login_as, user_with_role, session_event):
    Minutes.objects.filter(event=session_event).update(notes="Entwurf mit Namen")
    login_as(user_with_role(role))
    response = client.get(reverse("events:minutes", args=[session_event.quarter.slug, session_event.pk]))
    assert (response.status_code == 200) is allowed
    assert (b"Entwurf mit Namen" in response.content) is allowed
    api = client.get(f"/api/v1/events/{session_event.pk}/minutes")
    assert (api.status_code == 200) is allowed


@pytest.mark.parametrize("role", ["anonymous", "resident", "staff_other_quarter"])
def test_released_minutes_of_a_public_group_are_public(role, client, login_as, user_with_role, session_event):
    Minutes.objects.filter(event=session_event).update(notes="Öffentliches Protokoll", status="released")
    login_as(user_with_role(role))
    response = client.get(reverse("events:minutes", args=[session_event.quarter.slug, session_event.pk]))
    assert response.status_code == 200 and "Öffentliches Protokoll" in response.content.decode()


def test_released_minutes_of_an_internal_group_stay_internal_even_for_a_public_event(
    client, make_event, internal_group
):
    event = make_event("Öffentliche Sitzung einer internen Gruppe", group=internal_group, is_public=True)
    Minutes.objects.create(event=event, notes="Nur für die Gruppe", status="released")
    assert client.get(event.get_absolute_url()).status_code == 200
    response = client.get(reverse("events:minutes", args=[event.quarter.slug, event.pk]))
    assert response.status_code == 404


def test_group_member_sees_their_internal_session(
    client, login_as, user_with_role, internal_session, internal_group
):
    from quartierwerk.actors.models import GroupMembership, Person

    user = user_with_role("resident")
    person = Person.objects.create(quarter=internal_session.quarter, first_name="Mia", user=user)
    GroupMembership.objects.create(group=internal_group, person=person, role="member")
    login_as(user)
    assert client.get(internal_session.get_absolute_url()).status_code == 200
    assert (
        client.get(
            reverse("events:minutes", args=[internal_session.quarter.slug, internal_session.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("events:session", args=[internal_session.quarter.slug, internal_session.pk])
        ).status_code
        == 403
    )


@permission_matrix(
    {
        "anonymous": 302,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 403,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 403,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_may_open_the_new_event_form(role, allowed, client, login_as, user_with_role, quarter):
    login_as(user_with_role(role))
    assert client.get(reverse("events:event_create", args=[quarter.slug])).status_code == allowed


def test_documents_of_internal_items_are_not_served_to_the_public(client, session_event, chair_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_sessions import PDF

    public_item = services.add_agenda_item(by=chair_user, event=session_event, title="Öffentlich")
    internal_item = services.add_agenda_item(
        by=chair_user, event=session_event, title="Personalie", is_public=False
    )
    public_doc = services.attach_document(
        by=chair_user, item=public_item, uploaded=SimpleUploadedFile("a.pdf", PDF)
    )
    internal_doc = services.attach_document(
        by=chair_user, item=internal_item, uploaded=SimpleUploadedFile("b.pdf", PDF)
    )
    assert client.get(reverse("events:document", args=[public_doc.pk])).status_code == 200
    assert client.get(reverse("events:document", args=[internal_doc.pk])).status_code == 404
    html = client.get(session_event.get_absolute_url()).content.decode()
    assert "Öffentlich" in html and "Personalie" not in html
    agenda = client.get(f"/api/v1/events/{session_event.pk}/agenda").json()
    assert [i["title"] for i in agenda] == ["Öffentlich"]
