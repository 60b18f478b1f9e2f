"""Fund exports in both CSV dialects: amounts with decimal comma and German dates for Excel, dot and ISO
for machines."""

import datetime

from django.urls import reverse

from quartierwerk.core import exports
from quartierwerk.fund import services
from quartierwerk.fund.models import Fund


def test_payouts_csv_in_both_dialects(client, login_as, staff, fund, make_application):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=1000)
    application = make_application("complete", amounts=("400.00",), title="=HYPERLINK(1)")
    services.decide(application=application, outcome="approved", actor=staff)
    services.record_payout(
        application=application, amount="150.5", paid_on=datetime.date(2026, 3, 1), actor=staff
    )
    login_as(staff)
    url = reverse("fund:export", args=[fund.quarter.slug, "payouts", "csv"])
    german = client.get(url).content
    assert german.startswith(b"\xef\xbb\xbf")
    line = german.decode("utf-8-sig").splitlines()[1]
    assert line.startswith(f"{application.reference};{fund.year};01.03.2026;150,50;"), line
    machine = client.get(url, {"format": "csv-rfc4180"}).content
    assert not machine.startswith(b"\xef\xbb\xbf")
    line = machine.decode("utf-8").splitlines()[1]
    assert line.startswith(f"{application.reference},{fund.year},2026-03-01,150.50,"), line
    applications = client.get(reverse("fund:export", args=[fund.quarter.slug, "applications", "csv"]))
    rows = exports.read_csv(applications.content)
    assert "'=HYPERLINK(1)" in rows[1] and "400,00" in rows[1]
