"""Group sessions: agenda with documents, invitation, attendance and quorum, minutes released by the chair,
action items that show on the next session's agenda, and the PDF."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartierwerk.core.errors import DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import OutboxMail
from quartierwerk.events import services
from quartierwerk.events.models import ActionItem, AgendaDocument, Minutes, StatusChange

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"


def test_chair_runs_the_session_from_agenda_to_released_minutes(session_event, chair_user, members):
    chair, m1, m2, m3 = members
    item = services.add_agenda_item(by=chair_user, event=session_event, title="Hochbeete im Hof")
    services.add_agenda_item(by=chair_user, event=session_event, title="Verschiedenes")
    assert [i.position for i in session_event.agenda_items.all()] == [1, 2]

    services.record_attendance(
        by=chair_user,
        event=session_event,
        statuses={chair.pk: "present", m1.pk: "present", m2.pk: "excused", m3.pk: "absent"},
    )
    q = services.quorum(session_event)
    assert q == {"present": 2, "members": 4, "needed": 3, "reached": False}
    services.record_attendance(by=chair_user, event=session_event, statuses={m3.pk: "present"})
    assert services.quorum(session_event)["reached"] is True

    services.save_minutes(
        by=chair_user,
        event=session_event,
        notes="Gäste: zwei Nachbarinnen",
        items={
            item.pk: {
                "discussion": "Standort geklärt",
                "decision": "Zwei Hochbeete bauen",
                "votes_yes": "3",
                "votes_no": 0,
                "votes_abstain": "",
            }
        },
    )
    item.refresh_from_db()
    assert (item.decision, item.votes_yes, item.votes_no, item.votes_abstain) == (
        "Zwei Hochbeete bauen",
        3,
        0,
        None,
    )
    t1 = services.add_action_item(
        by=chair_user,
        event=session_event,
        title="Holz bestellen",
        assignee_person=m1,
        due_date=datetime.date.today() + datetime.timedelta(days=7),
        agenda_item=item,
    )
    t2 = services.add_action_item(
        by=chair_user, event=session_event, title="Erde organisieren", assignee_person=m2
    )
    minutes = services.release_minutes(by=chair_user, event=session_event)
    assert minutes.status == Minutes.Status.RELEASED and minutes.released_by == chair_user
    assert StatusChange.objects.filter(event=session_event, subject="minutes", to_status="released").exists()
    with pytest.raises(InvalidTransition):
        services.save_minutes(by=chair_user, event=session_event, notes="später geändert")
    with pytest.raises(InvalidTransition):
        services.release_minutes(by=chair_user, event=session_event)
    assert {t1.group_id, t2.group_id} == {session_event.group_id}


def test_open_tasks_show_on_the_next_sessions_agenda(
    client, make_event, session_event, chair_user, members, group
):
    services.add_agenda_item(by=chair_user, event=session_event, title="Hof")
    services.save_minutes(by=chair_user, event=session_event, notes="x")
    services.add_action_item(
        by=chair_user, event=session_event, title="Holz bestellen", assignee_person=members[1]
    )
    done = services.add_action_item(by=chair_user, event=session_event, title="Schon erledigt")
    services.set_action_item_status(by=chair_user, item=done, status="done")
    services.release_minutes(by=chair_user, event=session_event)
    nxt = make_event("Nächste Sitzung", group=group, days=14)
    html = client.get(nxt.get_absolute_url()).content.decode()
    assert "Holz bestellen" in html
    assert "Schon erledigt" not in html
    # They also go out with the invitation.
    OutboxMail.objects.all().delete()
    assert services.invite_members(by=chair_user, event=nxt) == 4
    invitation = OutboxMail.objects.filter(to=["m1@test.example"]).get()
    assert "Holz bestellen" in invitation.body and invitation.attachments[0]["filename"] == "termin.ics"


def test_a_member_who_withdrew_gets_no_invitation_and_others_get_the_withdrawal_link(
    session_event, chair_user, members
):
    from django.utils import timezone

    from quartierwerk.actors.models import Person

    services.add_agenda_item(by=chair_user, event=session_event, title="Hof")
    OutboxMail.objects.all().delete()
    sent_before = services.invite_members(by=chair_user, event=session_event)
    assert "/actors/withdraw/" in OutboxMail.objects.filter(to=[members[1].email]).get().body
    Person.objects.filter(pk=members[1].pk).update(withdrawn_at=timezone.now())
    OutboxMail.objects.all().delete()
    assert services.invite_members(by=chair_user, event=session_event) == sent_before - 1
    assert not OutboxMail.objects.filter(to=[members[1].email]).exists()


def test_only_chair_or_office_manage_a_session(session_event, members, user_with_role, group):
    from quartierwerk.actors.models import Person

    member_user = user_with_role("resident")
    Person.objects.filter(pk=members[1].pk).update(user=member_user)
    for user in (
        member_user,
        user_with_role("resident"),
        user_with_role("staff_other_quarter"),
        user_with_role("city_staff"),
    ):
        with pytest.raises(NotAllowed):
            services.add_agenda_item(by=user, event=session_event, title="x")
    assert services.add_agenda_item(by=user_with_role("staff"), event=session_event, title="Vom Büro")


def test_a_former_chair_may_no_longer_release(session_event, chair_user, members):
    from quartierwerk.actors.models import GroupMembership

    GroupMembership.objects.filter(person=members[0]).update(end_date=datetime.date(2024, 6, 1))
    with pytest.raises(NotAllowed):
        services.release_minutes(by=chair_user, event=session_event)


def test_empty_minutes_cannot_be_released(session_event, chair_user):
    with pytest.raises(InvalidTransition, match="leer"):
        services.release_minutes(by=chair_user, event=session_event)


def test_attendance_only_for_members(session_event, chair_user):
    from quartierwerk.actors.models import Person

    stranger = Person.objects.create(first_name="Fremd")
    with pytest.raises(DomainError):
        services.record_attendance(by=chair_user, event=session_event, statuses={stranger.pk: "present"})
    with pytest.raises(DomainError):
        services.record_attendance(by=chair_user, event=session_event, statuses={stranger.pk: "maybe"})


def test_bad_votes_are_refused(session_event, chair_user):
    item = services.add_agenda_item(by=chair_user, event=session_event, title="Abstimmung")
    with pytest.raises(DomainError, match="ganze Zahlen"):
        services.save_minutes(by=chair_user, event=session_event, items={item.pk: {"votes_yes": "viele"}})


def test_document_upload_checks_content(session_event, chair_user):
    item = services.add_agenda_item(by=chair_user, event=session_event, title="Haushalt")
    doc = services.attach_document(
        by=chair_user, item=item, uploaded=SimpleUploadedFile("plan.pdf", PDF, "application/pdf")
    )
    assert doc.content_type == "application/pdf"
    from quartierwerk.core.files import UploadRejected

    with pytest.raises(UploadRejected):
        services.attach_document(
            by=chair_user,
            item=item,
            uploaded=SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 this is an exe", "application/pdf"),
        )
    assert AgendaDocument.objects.count() == 1


def test_session_pages_for_the_chair(client, login_as, session_event, chair_user, members):
    login_as(chair_user)
    base = [session_event.quarter.slug, session_event.pk]
    assert client.get(reverse("events:session", args=base)).status_code == 200
    client.post(
        reverse("events:session_agenda", args=base), {"agenda-title": "Hof", "agenda-is_public": "on"}
    )
    item = session_event.agenda_items.get()
    response = client.post(
        reverse("events:session_agenda", args=base),
        {"agenda-title": "Mit Virus", "agenda-document": SimpleUploadedFile("a.pdf", b"<html>nope</html>")},
    )
    assert response.status_code == 400
    assert "a.pdf" in response.content.decode(), "the refusal names the file"
    assert session_event.agenda_items.count() == 1, "a refused document adds no agenda item"
    data = {f"p_{p.pk}": "present" for p in members}
    assert client.post(reverse("events:session_attendance", args=base), data).status_code == 302
    client.post(
        reverse("events:session_minutes", args=base),
        {"notes": "Notiz", f"i{item.pk}_decision": "Beschluss A", f"i{item.pk}_votes_yes": "4"},
    )
    client.post(
        reverse("events:session_task", args=base),
        {"task-title": "Aufgabe 1", "task-assignee": f"p{members[1].pk}", "task-due_date": "2030-01-01"},
    )
    assert ActionItem.objects.get().assignee_person == members[1]
    client.post(reverse("events:session_release", args=base))
    assert Minutes.objects.get(event=session_event).is_released
    html = client.get(reverse("events:minutes", args=base)).content.decode()
    assert "Beschluss A" in html and "Aufgabe 1" in html
    assert ("4 of 4" in html) or ("4 von 4" in html)
    pdf = client.get(reverse("events:minutes_pdf", args=base))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_my_open_tasks_and_status_change(
    client, login_as, session_event, chair_user, members, user_with_role
):
    from quartierwerk.actors.models import Person

    assignee = user_with_role("resident")
    Person.objects.filter(pk=members[1].pk).update(user=assignee)
    members[1].refresh_from_db()
    task = services.add_action_item(
        by=chair_user, event=session_event, title="Flyer drucken", assignee_person=members[1]
    )
    services.add_action_item(
        by=chair_user, event=session_event, title="Nicht meins", assignee_person=members[2]
    )
    login_as(assignee)
    html = client.get(reverse("events:my_tasks")).content.decode()
    assert "Flyer drucken" in html and "Nicht meins" not in html
    client.post(reverse("events:task_status", args=[task.pk]), {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done" and task.done_at
    assert "Flyer drucken" not in client.get(reverse("events:my_tasks")).content.decode()
    other = ActionItem.objects.get(title="Nicht meins")
    assert client.post(reverse("events:task_status", args=[other.pk]), {"status": "done"}).status_code == 403


def test_task_reminders_before_and_after_due(session_event, chair_user, members):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    services.add_action_item(
        by=chair_user,
        event=session_event,
        title="Bald fällig",
        assignee_person=members[1],
        due_date=today + dt.timedelta(days=2),
    )
    services.add_action_item(
        by=chair_user,
        event=session_event,
        title="Überfällig",
        assignee_person=members[2],
        due_date=today - dt.timedelta(days=1),
    )
    services.add_action_item(
        by=chair_user,
        event=session_event,
        title="Später",
        assignee_person=members[3],
        due_date=today + dt.timedelta(days=30),
    )
    OutboxMail.objects.all().delete()
    assert services.send_action_item_reminders() == 2
    assert services.send_action_item_reminders() == 0
    assert sorted(m.to[0] for m in OutboxMail.objects.all()) == ["m1@test.example", "m2@test.example"]


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example"])
def test_task_status_never_redirects_elsewhere(client, login_as, session_event, chair_user, members, target):
    task = services.add_action_item(
        by=chair_user, event=session_event, title="Plakat", assignee_person=members[0]
    )
    login_as(chair_user)
    response = client.post(reverse("events:task_status", args=[task.pk]), {"status": "done", "next": target})
    assert response.status_code == 302 and response["Location"] == reverse("events:my_tasks")


def test_agenda_item_removed_before_release_and_numbers_close_ranks(
    client, login_as, session_event, chair_user
):
    a = services.add_agenda_item(by=chair_user, event=session_event, title="Eins")
    services.add_agenda_item(by=chair_user, event=session_event, title="Zwei")
    services.add_agenda_item(by=chair_user, event=session_event, title="Drei")
    login_as(chair_user)
    client.post(
        reverse("events:session_agenda_remove", args=[session_event.quarter.slug, session_event.pk, a.pk])
    )
    assert list(session_event.agenda_items.values_list("position", "title")) == [(1, "Zwei"), (2, "Drei")]
    services.save_minutes(by=chair_user, event=session_event, notes="x")
    services.release_minutes(by=chair_user, event=session_event)
    with pytest.raises(InvalidTransition):
        services.remove_agenda_item(by=chair_user, item=session_event.agenda_items.first())


def test_chair_finds_sessions_of_their_groups_on_my_events(
    client, login_as, session_event, chair_user, internal_session
):
    login_as(chair_user)
    html = client.get(reverse("events:my_events")).content.decode()
    assert session_event.title in html
    assert reverse("events:session", args=[session_event.quarter.slug, session_event.pk]) in html
    assert internal_session.title not in html, "not a member of that group"


def test_chair_plans_the_next_session(client, login_as, session_event, chair_user, members):
    services.add_agenda_item(by=chair_user, event=session_event, title="Hof")
    services.add_action_item(
        by=chair_user, event=session_event, title="Offen bleibt", assignee_person=members[1]
    )
    login_as(chair_user)
    url = reverse("events:session_next", args=[session_event.quarter.slug, session_event.pk])
    too_early = client.post(url, {"next-starts_at": "2000-01-01T18:00"})
    assert too_early.status_code == 400
    response = client.post(url, {"next-starts_at": "2031-02-03T18:00"})
    from quartierwerk.events.models import Event

    nxt = Event.objects.exclude(pk=session_event.pk).get()
    assert response["Location"] == reverse("events:session", args=[nxt.quarter.slug, nxt.pk])
    assert (nxt.group, nxt.venue, nxt.duration, nxt.is_public) == (
        session_event.group,
        session_event.venue,
        session_event.duration,
        session_event.is_public,
    )
    assert "Offen bleibt" in client.get(nxt.get_absolute_url()).content.decode()


def test_members_are_reminded_once_a_day_before_the_session(make_event, group, members, chair_user):
    import datetime as dt

    event = make_event("Sitzung morgen", group=group, days=1)
    services.add_agenda_item(by=chair_user, event=event, title="Sommerfest")
    OutboxMail.objects.all().delete()
    now = event.starts_at - dt.timedelta(hours=20)
    assert services.send_session_reminders(now=now) == 4
    assert services.send_session_reminders(now=now) == 0
    mail = OutboxMail.objects.get(to=["m1@test.example"])
    assert "Sommerfest" in mail.body and mail.attachments[0]["filename"] == "termin.ics"
