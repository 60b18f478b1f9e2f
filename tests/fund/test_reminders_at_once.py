"""The proof-of-use reminder job run twice at the same moment (PostgreSQL, two connections): one mail."""

import datetime

import pytest

from quartierwerk.core.models import OutboxMail
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, Fund
from tests.conftest import run_concurrently


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_proof_reminder_job_twice_at_once_sends_one_mail(staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("300.00",))
    services.decide(application=application, outcome="approved", actor=staff)
    today = datetime.date.today()
    Application.objects.filter(pk=application.pk).update(proof_due_date=today + datetime.timedelta(days=10))
    results = run_concurrently(lambda: services.send_reminders(today), [(), ()])
    assert [exc for _r, exc in results if exc is not None] == []
    assert sorted(r for r, _exc in results) == [0, 1]
    assert OutboxMail.objects.filter(purpose="fund/mail/proof_reminder").count() == 1
