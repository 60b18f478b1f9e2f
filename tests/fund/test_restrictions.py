"""A restriction (Art. 18) or objection (Art. 21) in force: the applicant is not named in the fund's exports
(the amounts stay for the city's accounts), and mails the procedure does not require are held back."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from quartierwerk.core import services as core_services
from quartierwerk.core.models import AuditEntry, OutboxMail
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, Fund

pytestmark = pytest.mark.django_db


def restrict(by, quarter, email, kind="restriction"):
    return core_services.log_subject_request(
        by=by,
        quarter=quarter,
        kind=kind,
        channel="letter",
        subject_name="Antragstellerin",
        subject_email=email,
        received_on=timezone.localdate(),
        identity_check="id_document",
    )


@pytest.mark.parametrize("kind", ["restriction", "objection"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_restricted_applicant_is_not_named_in_the_application_export(
    kind, fmt, client, login_as, staff, fund, make_application
):
    restricted = make_application("submitted", email="rita@example.org")
    other = make_application("submitted", email="otto@example.org")
    restrict(staff, fund.quarter, "Rita@Example.org", kind)
    login_as(staff)
    response = client.get(reverse("fund:export", args=[fund.quarter.slug, "applications", fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    else:
        from openpyxl import load_workbook

        table = [list(r) for r in load_workbook(io.BytesIO(response.content)).active.values]
    by_reference = {row[0]: row for row in table[1:]}
    assert restricted.applicant_name not in str(table)
    assert "Art. 18/21" in str(by_reference[restricted.reference])  # the row and its amounts stay
    assert other.applicant_name in by_reference[other.reference]


def test_mails_not_required_are_held_back_and_the_decision_is_still_sent(staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",), email="rita@example.org")
    restrict(staff, fund.quarter, "rita@example.org")
    OutboxMail.objects.all().delete()

    services.decide(application=application, outcome="approved", actor=staff)  # an administrative act
    assert OutboxMail.objects.filter(purpose="fund/mail/decision", to__icontains="rita@example.org").exists()
    today = datetime.date.today()
    Application.objects.filter(pk=application.pk).update(proof_due_date=today + datetime.timedelta(days=10))
    services.send_reminders(today)  # the friendly reminder is not required: held back and audited
    assert not OutboxMail.objects.filter(purpose="fund/mail/proof_reminder").exists()
    assert AuditEntry.objects.filter(action="fund.mail_withheld", changes__template="proof_reminder").exists()
    services.send_reminders(today + datetime.timedelta(days=11))  # overdue: the claim is asserted
    assert OutboxMail.objects.filter(purpose="fund/mail/proof_overdue").exists()


def test_submission_confirmation_is_held_back_under_a_restriction(staff, fund, make_application):
    restrict(staff, fund.quarter, "rita@example.org")
    make_application("submitted", email="rita@example.org")
    assert OutboxMail.objects.filter(purpose="fund/mail/draft_link").exists()  # the person's own link
    assert not OutboxMail.objects.filter(purpose="fund/mail/submitted").exists()
