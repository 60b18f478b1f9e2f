"""Money and cost plans are bounded on the server: the API and the service hold the web form's limits."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from quartierwerk.core.errors import DomainError
from quartierwerk.fund import limits, services

API = "/api/v1/fund"
HUGE = "9999999999.99"


def patch(client, url, data, **headers):
    return client.patch(url, json.dumps(data), content_type="application/json", headers=headers)


def test_applicant_patches_huge_cost_lines_after_changes_requested_and_every_page_still_answers(
    client, login_as, staff, fund, make_application
):
    application = make_application("submitted")
    services.request_changes(application=application, message="Bitte den Kostenplan prüfen", actor=staff)
    h = {"X-Application-Token": application.token}
    r = patch(
        client,
        f"{API}/application",
        {"cost_items": [{"description": f"Posten {i}", "amount": HUGE} for i in range(3)]},
        **h,
    )
    assert r.status_code == 400, r.content
    assert r.json()["field"] == "cost_items"
    application.refresh_from_db()
    assert application.total_cost == Decimal("800.00")
    assert [i.amount for i in application.cost_items.all()] == [Decimal("800.00")]

    # Each line within bounds, but the total above the bound: refused as well, with the field.
    r = patch(
        client,
        f"{API}/application",
        {"cost_items": [{"description": f"Posten {i}", "amount": str(limits.AMOUNT_MAX)} for i in range(3)]},
        **h,
    )
    assert r.status_code == 400 and r.json()["field"] == "cost_items"

    slug = fund.quarter.slug
    assert client.get(f"{API}/application", headers=h).status_code == 200
    assert client.get(reverse("fund:applicant", args=[application.token])).status_code == 200
    assert client.get(reverse("fund:lost_link", args=[slug])).status_code == 200
    assert (
        client.post(reverse("fund:lost_link", args=[slug]), {"email": application.email}).status_code == 302
    )
    login_as(staff)
    assert client.get(reverse("fund:inbox", args=[slug])).status_code == 200
    assert client.get(reverse("fund:detail", args=[slug, application.pk])).status_code == 200
    assert client.get(f"{API}/{slug}/applications").status_code == 200
    assert client.get(f"{API}/applications/{application.pk}").status_code == 200
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("fund:export", args=[slug, "applications", fmt])).status_code == 200


def test_the_api_refuses_more_cost_lines_than_the_form_offers(client, make_application):
    application = make_application("draft")
    lines = [{"description": "Posten", "amount": "1"}] * (limits.COST_LINES_MAX + 1)
    r = patch(
        client, f"{API}/application", {"cost_items": lines}, **{"X-Application-Token": application.token}
    )
    assert r.status_code == 422
    assert application.cost_items.count() == 1


@pytest.mark.parametrize(
    "cost_items, message",
    [
        ([("Posten", "1")] * (limits.COST_LINES_MAX + 1), "at most 40 lines"),
        ([("Posten", HUGE)], "too large"),
        ([("Posten", "60000000")] * 2, "total cost"),
        ([("x" * (limits.COST_LINE_DESCRIPTION_MAX + 1), "1")], "too long"),
    ],
)
def test_the_service_holds_the_same_limits(make_application, cost_items, message):
    application = make_application("draft")
    with pytest.raises(DomainError, match=message) as caught:
        services.update_application(application=application, data={}, cost_items=cost_items)
    assert caught.value.field == "cost_items"
    application.refresh_from_db()
    assert application.total_cost == Decimal("800.00")


def test_the_web_form_and_the_service_share_one_bound(make_application):
    from quartierwerk.fund import forms

    field = forms.CostLineForm().fields["amount"]
    assert field.max_digits == limits.AMOUNT_MAX_DIGITS
    assert not forms.CostLineForm({"description": "Bühne", "amount": HUGE}).is_valid()
    assert forms.CostLineFormSet.absolute_max == limits.COST_LINES_MAX
    application = make_application("draft")
    application = services.update_application(
        application=application, data={}, cost_items=[("Bühne", limits.AMOUNT_MAX)]
    )
    assert application.total_cost == limits.AMOUNT_MAX
