"""The report workflow: filing, validation, statuses, merging, moderation, routing, follow-up, the idea hook."""

import pytest

from quartierwerk.core.errors import DomainError, InvalidTransition, NotAllowed
from quartierwerk.core.models import AuditEntry, OutboxMail
from quartierwerk.reports import services
from quartierwerk.reports.models import Category, Forwarding, Report, ReportUpdate, Support

from .conftest import LAT, LON, confirm_support_by_mail, jpeg_with_gps


def test_resident_files_report_and_gets_reference_and_follow_mail(quarter, category):
    report = services.create_report(
        quarter=quarter,
        category=category,
        description="  Die Laterne <b>vor Haus 4</b> ist aus.<script>alert(1)</script> ",
        lat=LAT,
        lon=LON,
        email="Anna@Test.example",
        name="Anna",
        photos=[jpeg_with_gps()],
    )
    assert report.reference == f"M-{report.pk:06d}"
    assert report.description == "Die Laterne vor Haus 4 ist aus."
    assert report.reporter_email == "anna@test.example"
    assert report.show_name is False and report.public_name == ""
    assert report.photos.count() == 1
    sent = OutboxMail.objects.get(purpose="reports.received")
    assert sent.to == ["anna@test.example"]
    assert report.follow_token in sent.body and report.reference in sent.subject


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"description": ""}, "Describe"),
        ({"description": "x" * 4001}, "too long"),
        ({"lat": None, "lon": None}, "pin"),
        ({"lat": LAT, "lon": None}, "both"),
        ({"lat": "abc", "lon": "def"}, "numbers"),
        ({"lat": 52.5, "lon": 13.4}, "outside"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(quarter, category, kwargs, message):
    data = {"quarter": quarter, "category": category, "description": "Laterne aus", "lat": LAT, "lon": LON}
    data.update(kwargs)
    with pytest.raises(DomainError, match=message):
        services.create_report(**data)
    assert Report.objects.count() == 0


def test_no_place_and_address_only_are_accepted(quarter, category):
    a = services.create_report(quarter=quarter, category=category, description="Frage", no_place=True)
    b = services.create_report(quarter=quarter, category=category, description="Müll", address="Ringstraße 3")
    assert a.lat is None and b.address == "Ringstraße 3"


def test_extra_questions_are_checked(quarter, rubbish):
    base = {"quarter": quarter, "category": rubbish, "description": "Müll", "lat": LAT, "lon": LON}
    with pytest.raises(DomainError, match="must be answered"):
        services.create_report(**base, attributes={})
    with pytest.raises(DomainError, match="not a choice"):
        services.create_report(**base, attributes={"rubbish_type": "cars"})
    with pytest.raises(DomainError, match="number"):
        services.create_report(**base, attributes={"rubbish_type": "bags", "amount": "viele"})
    report = services.create_report(**base, attributes={"rubbish_type": "bags", "amount": "3"})
    assert report.attributes == {"rubbish_type": "bags", "amount": 3.0}


def test_too_many_photos_are_refused_before_anything_is_stored(quarter, category):
    with pytest.raises(DomainError, match="At most 5 photos"):
        services.create_report(
            quarter=quarter,
            category=category,
            description="Laterne",
            lat=LAT,
            lon=LON,
            photos=[jpeg_with_gps(f"{i}.jpg") for i in range(6)],
        )
    assert Report.objects.count() == 0


def test_status_workflow_records_history_and_tells_the_reporter(report, user_with_role):
    staff = user_with_role("staff")
    services.change_status(report=report, by=staff, status="acknowledged", note="Wir schauen es uns an.")
    report.refresh_from_db()
    assert report.status == "acknowledged" and report.first_answer_at is not None
    update = ReportUpdate.objects.get(report=report, kind="status")
    assert (update.old_status, update.new_status, update.is_public) == ("open", "acknowledged", True)
    assert OutboxMail.objects.filter(to=["erika@test.example"], purpose="reports.updated").count() == 1
    assert AuditEntry.objects.filter(action="reports.status_changed", target_id=str(report.pk)).exists()
    services.change_status(report=report, by=staff, status="solved")
    with pytest.raises(InvalidTransition):
        services.change_status(report=report, by=staff, status="forwarded")
    report.refresh_from_db()
    assert report.status == "solved" and report.solved_at is not None


def test_residents_cannot_change_status(report, user_with_role):
    with pytest.raises(NotAllowed):
        services.change_status(report=report, by=user_with_role("resident"), status="solved")


def test_internal_note_is_not_public_and_sends_no_mail(report, user_with_role):
    update = services.answer(
        report=report, by=user_with_role("staff"), text="Intern: Hausmeister fragen", public=False
    )
    assert update.is_public is False
    assert not OutboxMail.objects.filter(purpose="reports.updated").exists()
    report.refresh_from_db()
    assert report.first_answer_at is None


def test_merge_moves_supports_and_updates_to_the_original(make_report, user_with_role):
    staff = user_with_role("staff")
    original = make_report(description="Laterne aus", reporter_email="a@test.example")
    twin = make_report(description="Lampe dunkel", reporter_email="b@test.example")
    services.support(report=twin, email="c@test.example")
    confirm_support_by_mail("c@test.example")
    services.merge(report=twin, into=original, by=staff)
    twin.refresh_from_db()
    original.refresh_from_db()
    assert twin.duplicate_of == original and twin.status == "closed"
    assert original.support_count == 2  # the twin's reporter and its supporter
    # Information added through the twin's follow link lands on the original.
    services.add_reporter_info(report=twin, text="Jetzt flackert auch die Nachbarlampe.")
    assert ReportUpdate.objects.filter(report=original, kind="reporter_info").count() == 1
    # Supporting the twin supports the original.
    target, created = services.support(report=twin, email="d@test.example")
    assert target == original and created
    assert confirm_support_by_mail("d@test.example") == original
    # A later status change of the original reaches the twin's reporter too.
    OutboxMail.objects.all().delete()
    services.change_status(report=original, by=staff, status="in_progress")
    assert {tuple(m.to)[0] for m in OutboxMail.objects.filter(purpose="reports.updated")} == {
        "a@test.example",
        "b@test.example",
        "c@test.example",
        "d@test.example",
    }
    with pytest.raises(DomainError):
        services.merge(report=original, into=original, by=staff)


def test_moderation_keeps_the_original_text_in_the_history(report, user_with_role):
    staff = user_with_role("staff")
    services.moderate(
        report=report, by=staff, description="Laterne kaputt [gekürzt]", hidden=True, reason="Beleidigung"
    )
    report.refresh_from_db()
    assert report.is_hidden and report.description == "Laterne kaputt [gekürzt]"
    entry = ReportUpdate.objects.get(report=report, kind="moderated")
    assert entry.data["original_description"] == "Laterne kaputt" and entry.is_public is False


def test_forwarding_mails_the_body_with_photos_and_the_body_answers(quarter, category, body, user_with_role):
    report = services.create_report(
        quarter=quarter,
        category=category,
        description="Laterne aus",
        lat=LAT,
        lon=LON,
        email="anna@test.example",
        photos=[jpeg_with_gps()],
    )
    forwarding = services.forward(report=report, by=user_with_role("staff"), body=body, note="bitte zügig")
    report.refresh_from_db()
    assert report.status == "forwarded" and report.body == body and report.due_at == forwarding.due_at
    to_body = list(OutboxMail.objects.filter(to=[body.email]))
    assert len(to_body) == 1
    assert forwarding.token in to_body[0].body and "Laterne aus" in to_body[0].body
    assert "bitte zügig" not in to_body[0].body  # the internal note stays internal
    assert len(to_body[0].attachments) == 1 and to_body[0].attachments[0]["content_type"] == "image/jpeg"
    services.body_answer(forwarding=forwarding, text="Wird morgen repariert.", status="in_progress")
    report.refresh_from_db()
    forwarding.refresh_from_db()
    assert report.status == "in_progress" and report.due_at is None and forwarding.answered_at
    answer = ReportUpdate.objects.get(report=report, kind="body_answer")
    assert answer.is_public and answer.author_label == "Tiefbauamt"
    with pytest.raises(DomainError):
        services.body_answer(forwarding=forwarding, text="x", status="closed")


def test_forwarding_needs_a_body_of_the_same_city(report, user_with_role, other_quarter):
    from quartierwerk.reports.models import ResponsibleBody

    elsewhere = ResponsibleBody.objects.create(city=other_quarter.city, name="Fremd", email="f@test.example")
    with pytest.raises(DomainError):
        services.forward(report=report, by=user_with_role("staff"), body=elsewhere)
    assert not Forwarding.objects.exists()


def test_reporter_and_supporter_confirm_or_reopen_a_solved_report(report, user_with_role):
    staff = user_with_role("staff")
    with pytest.raises(InvalidTransition):
        services.respond_to_solution(report=report, confirmed=True)
    services.change_status(report=report, by=staff, status="solved")
    services.respond_to_solution(report=report, confirmed=False, note="Brennt immer noch nicht")
    report.refresh_from_db()
    assert report.status == "open"
    services.change_status(report=report, by=staff, status="solved")
    services.respond_to_solution(report=report, confirmed=True)
    report.refresh_from_db()
    assert report.status == "closed"
    assert list(
        ReportUpdate.objects.filter(report=report, kind__in=["reopened", "confirmed"]).values_list(
            "kind", flat=True
        )
    ) == ["reopened", "confirmed"]


def test_support_is_counted_once_per_person(report, user_with_role):
    resident = user_with_role("resident")
    assert services.support(report=report, user=resident)[1] is True
    assert services.support(report=report, user=resident)[1] is False
    assert services.support(report=report, email="X@test.example")[1] is True
    assert services.support(report=report, email="x@test.example")[1] is False
    report.refresh_from_db()
    assert report.support_count == 1  # the e-mail support waits for its confirmation
    assert confirm_support_by_mail("x@test.example") == report
    assert confirm_support_by_mail("x@test.example") == report  # following the link twice counts once
    # A browser session alone does not count: a fresh one is always at hand.
    with pytest.raises(DomainError):
        services.support(report=report, session_key="abc")
    report.refresh_from_db()
    assert report.support_count == 2 == Support.objects.filter(report=report).count()


def test_convert_to_idea_is_the_hook_for_planning(report, user_with_role):
    staff = user_with_role("staff")
    services.convert_to_idea(report=report, by=staff, note="Geht an die Projektplanung")
    report.refresh_from_db()
    assert (
        report.kind == Category.Kind.IDEA and report.status == "closed" and report.project_reference is None
    )
    assert list(services.ideas_awaiting_project(report.quarter)) == [report]
    with pytest.raises(InvalidTransition):
        services.convert_to_idea(report=report, by=staff)
    services.link_project(report=report, reference="planning.project:17", by=staff)
    report.refresh_from_db()
    assert report.project_reference == "planning.project:17"
    assert list(services.ideas_awaiting_project(report.quarter)) == []


def test_assign_only_to_staff_of_the_quarter(report, user_with_role):
    staff = user_with_role("staff")
    colleague = user_with_role("staff")
    services.assign(report=report, by=staff, assignee=colleague)
    report.refresh_from_db()
    assert report.assigned_to == colleague
    with pytest.raises(DomainError):
        services.assign(report=report, by=staff, assignee=user_with_role("resident"))


def test_overdue_forwardings_get_one_reminder(report, body, user_with_role):
    from datetime import timedelta

    from django.utils import timezone

    from quartierwerk.reports.tasks import remind_overdue

    forwarding = services.forward(report=report, by=user_with_role("staff"), body=body)
    assert "0 reminder" in remind_overdue()
    later = timezone.now() + timedelta(days=body.response_days + 1)
    assert "1 reminder" in remind_overdue(now=later)
    assert "0 reminder" in remind_overdue(now=later)
    assert OutboxMail.objects.filter(purpose="reports.reminder", to=[forwarding.email]).count() == 1


def test_retention_removes_contact_data_of_long_closed_reports(make_report, user_with_role):
    from datetime import timedelta

    from django.utils import timezone

    from quartierwerk.reports.tasks import anonymise_old_contacts

    resident = user_with_role("resident")
    old = make_report(status="closed", reporter=resident, updated_at=timezone.now() - timedelta(days=400))
    recent = make_report(status="closed", updated_at=timezone.now() - timedelta(days=10))
    still_open = make_report(updated_at=timezone.now() - timedelta(days=400))
    assert anonymise_old_contacts() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert (old.reporter_name, old.reporter_email, old.reporter_phone, old.reporter) == ("", "", "", None)
    assert old.description == "Laterne kaputt"
    assert recent.reporter_email and still_open.reporter_email


def test_my_reports_page_keeps_an_accounts_reports_together(client, quarter, category, user_with_role):
    resident = user_with_role("resident")
    mine = services.create_report(
        quarter=quarter, category=category, description="Meins", no_place=True, reporter=resident
    )
    other = services.create_report(quarter=quarter, category=category, description="Fremd", no_place=True)
    assert client.get("/reports/mine/").status_code == 302
    client.force_login(resident)
    page = client.get("/reports/mine/").content.decode()
    assert mine.reference in page and other.reference not in page
    assert mine.reporter_email == resident.email


def test_staff_hide_inappropriate_added_information(client, report, user_with_role, login_as):
    update = services.add_reporter_info(report=report, text="Der Nachbar Herr X ist schuld!")
    assert "Herr X" in client.get(report.get_absolute_url()).content.decode()
    with pytest.raises(NotAllowed):
        services.set_update_public(update=update, by=user_with_role("city_staff"), public=False)
    login_as(user_with_role("staff"))
    client.post(
        f"/q/{report.quarter.slug}/staff/reports/{report.pk}/update/", {"update": update.pk, "public": "0"}
    )
    update.refresh_from_db()
    assert update.is_public is False
    client.logout()
    assert "Herr X" not in client.get(report.get_absolute_url()).content.decode()
    assert ReportUpdate.objects.filter(report=report, kind="moderated", data__update=update.pk).exists()


def test_supporters_with_email_hear_about_status_changes(report, user_with_role):
    supporter = user_with_role("resident")
    services.support(report=report, email="helfer@test.example")
    confirm_support_by_mail("helfer@test.example")
    services.support(report=report, email="unbestaetigt@test.example")  # never confirmed: hears nothing
    services.support(report=report, user=supporter)
    services.change_status(report=report, by=user_with_role("staff"), status="in_progress")
    recipients = sorted(m.to[0] for m in OutboxMail.objects.filter(purpose="reports.updated"))
    assert recipients == sorted(["erika@test.example", "helfer@test.example", supporter.email])


def test_only_each_reporter_gets_their_own_private_link(make_report, user_with_role):
    staff = user_with_role("staff")
    original = make_report(reporter_email="a@test.example", language="en")
    twin = make_report(reporter_email="b@test.example")
    services.merge(report=twin, into=original, by=staff)
    services.support(report=original, email="c@test.example")
    confirm_support_by_mail("c@test.example")
    OutboxMail.objects.all().delete()
    services.change_status(report=original, by=staff, status="in_progress", note="Wir sind dran")
    mails = {m.to[0]: m for m in OutboxMail.objects.filter(purpose="reports.updated")}
    assert original.follow_token in mails["a@test.example"].body
    assert twin.follow_token in mails["b@test.example"].body
    assert original.follow_token not in mails["b@test.example"].body
    assert original.follow_token not in mails["c@test.example"].body
    assert f"/reports/{original.pk}/" in mails["c@test.example"].body
    assert "news on your report" in mails["a@test.example"].body  # in the reporter's language


def test_run_scheduled_reports_what_it_did(report, body, user_with_role):
    from quartierwerk.reports import manifest

    services.forward(report=report, by=user_with_role("staff"), body=body)
    result = manifest.run_scheduled()
    assert "0 reminder" in result and "0 old closed report" in result


def test_reporters_are_asked_once_whether_it_was_fixed_and_can_say_so(client, make_report):
    from datetime import timedelta

    from django.utils import timezone

    from quartierwerk.reports.tasks import ask_whether_fixed

    old = make_report(created_at=timezone.now() - timedelta(days=40), status="forwarded")
    make_report(created_at=timezone.now() - timedelta(days=3))
    make_report(created_at=timezone.now() - timedelta(days=40), reporter_email="")
    assert ask_whether_fixed() == 1
    assert ask_whether_fixed() == 0
    mail = OutboxMail.objects.get(purpose="reports.fixed_question")
    assert mail.to == ["erika@test.example"] and old.follow_token in mail.body
    response = client.post(
        f"/reports/follow/{old.follow_token}/solution/", {"answer": "fixed", "note": "Brennt wieder"}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "solved" and old.due_at is None
    entry = ReportUpdate.objects.get(report=old, kind="fixed")
    assert entry.text == "Brennt wieder" and entry.is_public
    with pytest.raises(InvalidTransition):
        services.reporter_says_fixed(report=old)
