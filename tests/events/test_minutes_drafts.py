"""Minutes are saved as drafts while typing, with a version: a second editor gets a conflict, never an overwrite."""

import pytest
from django.urls import reverse

from quartierwerk.core.errors import Conflict
from quartierwerk.events import services
from quartierwerk.events.models import Minutes


@pytest.fixture
def staff(user_with_role):
    return user_with_role("staff")


def test_an_editor_working_from_an_older_version_gets_a_conflict(session_event, chair_user, staff):
    start = Minutes.objects.get(event=session_event).version
    services.save_minutes(by=chair_user, event=session_event, notes="Erster Entwurf", version=start)
    with pytest.raises(Conflict):
        services.save_minutes(by=staff, event=session_event, notes="Anderer Text", version=start)
    minutes = Minutes.objects.get(event=session_event)
    assert minutes.notes == "Erster Entwurf" and minutes.version == start + 1
    # The same person's draft, saved a moment earlier as they typed, is simply updated.
    services.save_minutes(by=chair_user, event=session_event, notes="Zweiter Entwurf", version=start)
    assert Minutes.objects.get(event=session_event).notes == "Zweiter Entwurf"


def test_draft_saved_through_htmx_answers_with_the_new_version(
    client, login_as, session_event, chair_user, staff
):
    login_as(chair_user)
    url = reverse("events:session_minutes", args=[session_event.quarter.slug, session_event.pk])
    version = Minutes.objects.get(event=session_event).version
    response = client.post(url, {"notes": "Getippt", "version": version}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "data-draft-saved" in html
    assert f'id="minutes-version" value="{version + 1}" hx-swap-oob="true"' in html
    services.save_minutes(by=staff, event=session_event, notes="Vom Büro", version=version + 1)
    html = client.post(url, {"notes": "Weiter getippt", "version": version + 1}, HTTP_HX_REQUEST="true")
    html = html.content.decode()
    assert "data-draft-saved" not in html and "inzwischen gespeichert" in html
    assert Minutes.objects.get(event=session_event).notes == "Vom Büro"


def test_session_page_saves_as_one_types_and_warns_before_leaving(
    client, login_as, session_event, chair_user
):
    login_as(chair_user)
    html = client.get(reverse("events:session", args=[session_event.quarter.slug, session_event.pk]))
    html = html.content.decode()
    assert 'id="minutes-version"' in html and "hx-post=" in html and "data-warn-unsaved" in html
    assert "js/unsaved.js" in html
