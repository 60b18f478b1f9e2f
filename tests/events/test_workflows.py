"""The events' transition tables: what they allow is what the services do and what the pages offer."""

import pytest
from django.urls import reverse

from quartierwerk.core.errors import InvalidTransition, NotAllowed
from quartierwerk.events import services, workflows
from quartierwerk.events.models import ActionItem, Event, Minutes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status, actions",
    [
        (Event.Status.SCHEDULED, ["postpone", "cancel"]),
        (Event.Status.POSTPONED, ["postpone", "cancel"]),
        (Event.Status.CANCELLED, []),
    ],
)
def test_the_office_may_postpone_or_cancel_until_cancelled(status, actions, user_with_role, make_event):
    event = make_event(status=status)
    assert workflows.EVENT.available(user_with_role("staff"), event) == actions
    assert workflows.EVENT.available(user_with_role("resident"), event) == []


def test_cancel_follows_the_table(user_with_role, make_event):
    staff, event = user_with_role("staff"), make_event()
    with pytest.raises(NotAllowed):
        services.cancel_event(by=user_with_role("resident"), event=event, reason="Krank")
    event = services.cancel_event(by=staff, event=event, reason="Krank")
    assert event.status == workflows.EVENT.transitions[1].target == Event.Status.CANCELLED
    with pytest.raises(InvalidTransition, match="bereits abgesagt"):
        services.cancel_event(by=staff, event=event, reason="Noch einmal")
    with pytest.raises(InvalidTransition):
        services.postpone_event(by=staff, event=event, reason="Später")


def test_staff_page_offers_what_the_table_allows(client, login_as, user_with_role, quarter, make_event):
    login_as(user_with_role("staff"))
    event = make_event()
    page = client.get(reverse("events:staff_event", args=[quarter.slug, event.pk])).content.decode()
    assert reverse("events:event_cancel", args=[quarter.slug, event.pk]) in page
    event.status = Event.Status.CANCELLED
    event.save()
    page = client.get(reverse("events:staff_event", args=[quarter.slug, event.pk])).content.decode()
    assert reverse("events:event_cancel", args=[quarter.slug, event.pk]) not in page
    assert reverse("events:event_postpone", args=[quarter.slug, event.pk]) not in page


def test_minutes_are_written_and_released_by_who_manages_the_session(
    chair_user, user_with_role, session_event
):
    minutes = Minutes.objects.get(event=session_event)
    assert workflows.MINUTES.available(chair_user, minutes) == ["edit", "release"]
    assert workflows.MINUTES.available(user_with_role("staff"), minutes) == ["edit", "release"]
    assert workflows.MINUTES.available(user_with_role("resident"), minutes) == []
    minutes.status = Minutes.Status.RELEASED
    assert workflows.MINUTES.available(chair_user, minutes) == []


def test_session_page_hides_release_once_released(client, login_as, chair_user, quarter, session_event):
    login_as(chair_user)
    url = reverse("events:session", args=[quarter.slug, session_event.pk])
    release = reverse("events:session_release", args=[quarter.slug, session_event.pk])
    assert release in client.get(url).content.decode()
    Minutes.objects.filter(event=session_event).update(status=Minutes.Status.RELEASED)
    page = client.get(url).content.decode()
    assert release not in page
    assert reverse("events:session_minutes", args=[quarter.slug, session_event.pk]) not in page


def test_session_page_writes_nothing_on_get(client, login_as, chair_user, quarter, session_event):
    Minutes.objects.filter(event=session_event).delete()
    login_as(chair_user)
    response = client.get(reverse("events:session", args=[quarter.slug, session_event.pk]))
    assert response.status_code == 200
    assert not Minutes.objects.filter(event=session_event).exists()


def test_a_task_moves_to_any_other_status(user_with_role, session_event):
    staff = user_with_role("staff")
    item = services.add_action_item(by=staff, event=session_event, title="Flyer drucken")
    assert workflows.ACTION_ITEM.available(staff, item) == ["in_progress", "done", "dropped"]
    item = services.set_action_item_status(by=staff, item=item, status=ActionItem.Status.DONE)
    with pytest.raises(InvalidTransition, match="diesen Status bereits"):
        services.set_action_item_status(by=staff, item=item, status=ActionItem.Status.DONE)
    with pytest.raises(NotAllowed):
        services.set_action_item_status(
            by=user_with_role("resident"), item=item, status=ActionItem.Status.OPEN
        )
