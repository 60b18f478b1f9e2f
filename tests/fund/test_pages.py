"""Pages of the fund: who sees what, fixed query cost with 300 applications, exports, PDFs, demo data."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from quartierwerk.fund import pdf, services
from quartierwerk.fund.models import Application, AwardSession, Fund
from tests.conftest import permission_matrix


@permission_matrix(
    {
        "anonymous": 403,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 200,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 200,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_opens_the_inbox_and_an_application(
    role, allowed, client, login_as, user_with_role, seat, fund, make_application
):
    application = make_application("submitted")
    user = user_with_role(role)
    if role == "award_team":
        seat(user, with_role=False)
    login_as(user)
    slug = fund.quarter.slug
    assert client.get(reverse("fund:inbox", args=[slug])).status_code == allowed
    response = client.get(reverse("fund:detail", args=[slug, application.pk]))
    assert response.status_code == allowed
    if allowed == 200:
        html = response.content.decode()
        assert application.reference in html
        # Only the office sees the buttons that change the workflow.
        assert ('name="action" value="complete"' in html) is (role in ("staff", "admin"))


@permission_matrix(
    {
        "anonymous": 403,
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
def test_who_exports(role, allowed, client, login_as, user_with_role, seat, fund, make_application):
    make_application("submitted", title='=HYPERLINK("http://evil")')
    user = user_with_role(role)
    if role == "award_team":
        seat(user, with_role=False)
    login_as(user)
    response = client.get(reverse("fund:export", args=[fund.quarter.slug, "applications", "csv"]))
    assert response.status_code == allowed
    if allowed == 200:
        text = response.content.decode("utf-8-sig")
        assert "VF-GRU-" in text and "'=HYPERLINK" in text  # formula neutralised


def test_xlsx_exports_of_decisions_and_payouts(client, login_as, staff, fund, make_application):
    from openpyxl import load_workbook

    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("400.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    services.record_payout(
        application=application, amount="150", paid_on=datetime.date(2026, 3, 1), actor=staff
    )
    login_as(staff)
    for what, expected in (("decisions", 400.0), ("payouts", 150.0)):
        response = client.get(reverse("fund:export", args=[fund.quarter.slug, what, "xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.values)
        assert rows[1][0] == application.reference and expected in rows[1]
    assert client.get(reverse("fund:export", args=[fund.quarter.slug, "secrets", "csv"])).status_code == 404


def test_lists_cost_fixed_queries_with_300_applications(
    client, login_as, staff, fund, many_applications, django_assert_max_num_queries
):
    slug = fund.quarter.slug
    with django_assert_max_num_queries(8):
        response = client.get(reverse("fund:home", args=[slug]))
    assert response.status_code == 200 and "Projekt 297" in response.content.decode()
    login_as(staff)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("fund:inbox", args=[slug]))
    assert (
        response.status_code == 200
        and response.content.decode().count('href="/q/gruenau/staff/fund/applications/') == 25
    )
    with django_assert_max_num_queries(14):
        assert client.get(reverse("fund:inbox", args=[slug]) + "?status=approved&page=3").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("fund:budget", args=[slug])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("fund:figures", args=[slug])).status_code == 200
    # The dashboard also asks each of the ten modules for its panel (one or two queries each); the count does
    # not grow with the 300 applications.
    with django_assert_max_num_queries(26):
        assert client.get(reverse("core:dashboard", args=[slug])).status_code == 200


def test_session_page_costs_fixed_queries(
    client, login_as, staff, members, fund, make_application, django_assert_max_num_queries
):
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff)
    for _ in range(6):
        item = services.schedule(application=make_application("complete"), session=session, actor=staff)
        services.cast_vote(item=item, voter=members[1], choice="yes")
    login_as(members[0])
    with django_assert_max_num_queries(18):
        response = client.get(reverse("fund:session", args=[fund.quarter.slug, session.pk]))
    assert response.content.decode().count('value="vote"') == 6


def test_minutes_and_decision_letter_are_pdfs_with_the_votes(staff, members, fund, make_application):
    session = services.plan_session(
        fund=fund, date=datetime.date(2026, 3, 25), actor=staff, location="Stadtteilladen"
    )
    item = services.schedule(
        application=make_application("complete", title="Nachbarschaftsgarten"), session=session, actor=staff
    )
    services.declare_recusal(item=item, user=members[4], reason="Vorstand im Verein")
    for m in members[:3]:
        services.cast_vote(item=item, voter=m, choice="yes")
    services.cast_vote(item=item, voter=members[3], choice="no")
    services.close_item(item=item, actor=staff)
    services.close_session(session=session, actor=staff)
    with pytest.raises(Exception, match="chair"):
        services.sign_minutes(session=session, actor=members[1])
    services.sign_minutes(session=session, actor=members[0])
    session.refresh_from_db()
    data = pdf.minutes_pdf(session)
    assert data.startswith(b"%PDF")
    text = pdf.pdf_text("fund/pdf/minutes.html", pdf.minutes_context(session))
    assert "Nachbarschaftsgarten" in text and str(members[4]) in text and str(members[0]) in text
    decision = Application.objects.get(pk=item.application_id).decisions.get()
    assert pdf.decision_letter_pdf(decision).startswith(b"%PDF")
    text = pdf.pdf_text("fund/pdf/decision_letter.html", pdf.decision_context(decision))
    assert "Nachbarschaftsgarten" in text and "800,00" in text


def test_public_project_page_shows_the_short_report(client, staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",), title="Bücherschrank")
    services.decide(application=application, outcome="approved", actor=staff)
    url = reverse("fund:project", args=[fund.quarter.slug, application.reference])
    assert "Kurzbericht" not in client.get(url).content.decode()
    proof = services.submit_proof(
        application=application,
        report="Alles gut",
        public_summary="Der Schrank steht <b>am Markt</b>.",
        spent_amount="300",
    )
    assert (
        client.get(reverse("fund:home", args=[fund.quarter.slug])).content.decode().count("Bücherschrank")
        == 1
    )
    services.check_proof(proof=proof, outcome="accepted", actor=staff)
    html = client.get(url).content.decode()
    assert "Der Schrank steht am Markt." in html and "<b>" not in html
    # Drafts and rejected applications are never public.
    draft = make_application("draft")
    assert (
        client.get(reverse("fund:project", args=[fund.quarter.slug, draft.reference or "x"])).status_code
        == 404
    )


def test_private_documents_need_the_link_or_a_role(client, login_as, user_with_role, fund, make_application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.fund.test_applications import png_bytes

    application = make_application("draft")
    attachment = services.add_attachment(
        application=application, uploaded=SimpleUploadedFile("hof.png", png_bytes()), kind="photo"
    )
    application = services.submit_application(application=application, consent=True)
    url = reverse("fund:file", args=[fund.quarter.slug, application.pk, attachment.pk])
    assert client.get(url).status_code == 403
    login_as(user_with_role("resident"))
    assert client.get(url).status_code == 403
    login_as(user_with_role("staff"))
    assert client.get(url).status_code == 200


def test_proof_reminders_before_and_after_the_due_date(staff, fund, make_application):
    from quartierwerk.core.models import OutboxMail

    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    today = datetime.date.today()
    Application.objects.filter(pk=application.pk).update(proof_due_date=today + datetime.timedelta(days=10))
    assert services.send_reminders(today) == 1
    assert services.send_reminders(today) == 0
    assert services.send_reminders(today + datetime.timedelta(days=11)) == 1
    assert services.send_reminders(today + datetime.timedelta(days=12)) == 0
    purposes = list(OutboxMail.objects.filter(purpose__contains="proof").values_list("purpose", flat=True))
    assert sorted(purposes) == ["fund/mail/proof_overdue", "fund/mail/proof_reminder"]


def test_demo_data_loads_twice_without_change(db):
    from quartierwerk.core import demo

    demo.load()
    counts = (Fund.objects.count(), Application.objects.count(), AwardSession.objects.count())
    demo.load()
    assert (Fund.objects.count(), Application.objects.count(), AwardSession.objects.count()) == counts
    assert counts[0] == 5 and counts[1] >= 4
    gruenau = Fund.objects.get(quarter__slug="gruenau")
    assert Application.objects.filter(fund=gruenau, status="closed").exists()
    assert gruenau.committed > 0 and gruenau.committed <= gruenau.budget


def test_office_works_through_the_web_forms_with_clear_messages(
    client, login_as, staff, fund, make_application
):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("submitted", amounts=("400.00",))
    login_as(staff)
    url = reverse("fund:detail", args=[fund.quarter.slug, application.pk])
    assert client.post(url, {"action": "complete"}).status_code == 302
    client.post(url, {"action": "note", "note-kind": "assessment", "note-text": "Förderfähig, gute Wirkung."})
    # The next steps wait in dialogs; without JavaScript ?step= opens one in the side panel, as do errors.
    html = client.get(url).content.decode()
    assert 'data-dialog="dialog-decide"' in html and 'id="dialog-decide"' in html and 'id="step"' not in html
    html = client.get(url + "?step=decide").content.decode()
    assert (
        'id="step"' in html and 'id="dialog-decide"' not in html and html.count('name="decide-outcome"') == 1
    )
    response = client.post(url, {"action": "decide", "decide-outcome": "approved", "decide-amount": "zwölf"})
    assert response.status_code == 200 and "kern-error" in response.content.decode()
    assert 'id="step"' in response.content.decode()
    application.refresh_from_db()
    assert application.status == "complete"
    response = client.post(url, {"action": "decide", "decide-outcome": "approved", "decide-amount": "5000"})
    assert (
        "more than was requested" in response.content.decode() or "nicht höher" in response.content.decode()
    )
    assert (
        client.post(
            url, {"action": "decide", "decide-outcome": "approved", "decide-amount": "350,50"}
        ).status_code
        == 302
    )
    application.refresh_from_db()
    assert application.status == "approved" and str(application.approved_amount) == "350.50"
    response = client.post(
        url, {"action": "payout", "payout-amount": "-5", "payout-paid_on": "2026-04-01"}, follow=True
    )
    assert application.payouts.count() == 0
    assert "reason" in response.content.decode() or "Grund" in response.content.decode()
    client.post(url, {"action": "payout", "payout-amount": "100", "payout-paid_on": "2026-04-01"})
    assert application.payouts.get().amount == 100
    html = client.get(url).content.decode()
    assert "Förderfähig, gute Wirkung." in html and (
        '<bdi dir="ltr">100,00 €</bdi> von <bdi dir="ltr">350,50 €</bdi> ausgezahlt.' in html
    )


def test_award_team_member_cannot_use_office_actions(
    client, login_as, user_with_role, seat, fund, make_application
):
    application = make_application("submitted")
    member = seat(user_with_role("award_team"))
    login_as(member)
    url = reverse("fund:detail", args=[fund.quarter.slug, application.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "complete"}).status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


def test_session_page_offers_complete_applications_of_its_round(
    client, login_as, staff, fund, make_application
):
    round_ = fund.rounds.first()
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff, round=round_)
    small = make_application("complete", amounts=("300.00",))  # the office decides these itself
    big = make_application("complete", amounts=("900.00",))
    login_as(staff)
    url = reverse("fund:session", args=[fund.quarter.slug, session.pk])
    html = client.get(url).content.decode()
    assert big.reference in html and small.reference not in html
    client.post(url, {"action": "schedule", "application": big.pk})
    big.refresh_from_db()
    assert big.status == "scheduled" and session.items.get().application == big


def test_proof_with_a_disguised_receipt_is_refused_and_nothing_saved(client, staff, fund, make_application):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    url = reverse("fund:proof", args=[application.token])
    fake = SimpleUploadedFile("quittung.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    data = {
        "report": "Fest war schön",
        "public_summary": "Schönes Fest",
        "spent_amount": "300",
        "receipt": fake,
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "quittung.pdf" in html and "Fest war schön" in html
    application.refresh_from_db()
    assert application.status == "approved" and application.proofs.count() == 0
    assert application.attachments.count() == 0


def test_private_applicants_are_never_named_publicly(client, staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application(
        "complete", amounts=("200.00",), applicant_kind="private", title="Bank am Teich"
    )
    services.decide(application=application, outcome="approved", actor=staff)
    html = client.get(reverse("fund:home", args=[fund.quarter.slug])).content.decode()
    assert "Bank am Teich" in html and application.applicant_name not in html
    html = client.get(
        reverse("fund:project", args=[fund.quarter.slug, application.reference])
    ).content.decode()
    assert application.applicant_name not in html and application.email not in html
    data = client.get(f"/api/v1/fund/{fund.quarter.slug}/projects").json()
    assert application.applicant_name not in str(data)


def test_retention_pseudonymises_old_drafts_and_rejections_but_keeps_funded(staff, fund, make_application):
    from django.utils import timezone

    from quartierwerk.fund.manifest import run_scheduled

    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    old_draft = make_application("draft")
    rejected = make_application("complete", amounts=("100.00",))
    services.decide(application=rejected, outcome="rejected", actor=staff)
    funded = make_application("complete", amounts=("100.00",))
    services.decide(application=funded, outcome="approved", actor=staff)
    fresh_draft = make_application("draft")
    assert services.apply_retention() == 0
    later = timezone.now() + datetime.timedelta(days=181)
    Application.objects.exclude(pk=fresh_draft.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=181)
    )
    assert services.apply_retention(later) == 2  # both drafts are old by then; the rejection is not yet
    much_later = timezone.now() + datetime.timedelta(days=3 * 365 + 2)
    Application.objects.update(created_at=timezone.now() - datetime.timedelta(days=4 * 365))
    assert services.apply_retention(much_later) == 1
    for application, gone in ((old_draft, True), (rejected, True), (funded, False), (fresh_draft, True)):
        application.refresh_from_db()
        assert (application.applicant_name == services.PSEUDONYM) is gone
    assert funded.decisions.count() == 1 and rejected.decisions.count() == 1  # records stay
    assert "pseudonymised" in run_scheduled()


def test_session_items_keep_their_own_writing_direction(client, login_as, staff, fund, make_application):
    # In Arabic a German title must not read "Hochbeete am .1 Jugendclub" nor its summary end in ".Grünau".
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff)
    app = make_application("complete")
    services.schedule(application=app, session=session, actor=staff)
    login_as(staff)
    html = client.get(reverse("fund:session", args=[fund.quarter.slug, session.pk])).content.decode()
    assert f"1. <bdi>{escape(app.title)}</bdi></h2>" in html
    assert f'<p dir="auto">{escape(app.summary)}</p>' in html


def test_an_arabic_visitor_sees_the_german_project_texts_marked_german(client, staff, fund, make_application):
    """The project's title, summary and short report are the applicant's words, in the language they wrote in."""
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",), title="Bücherschrank")
    services.decide(application=application, outcome="approved", actor=staff)
    proof = services.submit_proof(
        application=application, report="Alles gut", public_summary="Der Schrank steht.", spent_amount="300"
    )
    services.check_proof(proof=proof, outcome="accepted", actor=staff)
    Application.objects.filter(pk=application.pk).update(written_in="de")  # the applicant wrote in German
    client.cookies["django_language"] = "ar"
    url = reverse("fund:project", args=[fund.quarter.slug, application.reference])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert '<h1><span lang="de" dir="ltr">Bücherschrank</span></h1>' in html
    assert '<span lang="de" dir="ltr">Der Schrank steht.</span>' in html
    listing = client.get(reverse("fund:home", args=[fund.quarter.slug]), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<span lang="de" dir="ltr">Bücherschrank</span>' in listing.content.decode()
