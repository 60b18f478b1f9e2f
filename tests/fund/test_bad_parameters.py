"""Office pages of the fund answer numbers that are no numbers with a 400 or ignore the filter, never a 500."""

import pytest
from django.urls import reverse

from quartierwerk.fund import services

HUGE = "9" * 20


@pytest.fixture
def staff_client(client, login_as, staff):
    return login_as(staff)


@pytest.mark.parametrize("value", ["abc", HUGE, "²", "-1"])
def test_inbox_ignores_a_round_filter_that_is_no_id(staff_client, fund, value):
    response = staff_client.get(reverse("fund:inbox", args=[fund.quarter.slug]), {"round": value})
    assert response.status_code == 200
    assert response.context["round_id"] is None


@pytest.mark.parametrize("value", ["abc", HUGE, "²", "-1"])
def test_settings_refuse_a_year_that_is_no_year(client, login_as, user_with_role, fund, value):
    login_as(user_with_role("staff"))
    response = client.get(reverse("fund:settings", args=[fund.quarter.slug]), {"year": value})
    assert response.status_code == 400


@pytest.fixture
def paper_item(fund, make_application, staff, members):
    session = services.plan_session(fund=fund, date=fund.rounds.first().deadline, actor=staff)
    session.on_paper = True
    session.save()
    application = make_application("complete", amounts=("2000.00",))
    return services.schedule(application=application, session=session, actor=staff)


@pytest.mark.parametrize("voter", ["abc", HUGE, "²", ""])
def test_paper_recusal_with_a_voter_that_is_no_member_is_refused_clearly(staff_client, paper_item, voter):
    session = paper_item.session
    url = reverse("fund:session", args=[session.fund.quarter.slug, session.pk])
    response = staff_client.post(url, {"action": "paper_recusal", "item": paper_item.pk, "voter": voter})
    assert response.status_code == 302
    assert not paper_item.recusals.exists()


@pytest.mark.parametrize(("field", "value"), [("item", "abc"), ("item", HUGE), ("application", "²")])
def test_session_actions_refuse_ids_that_are_no_ids(staff_client, paper_item, field, value):
    session = paper_item.session
    url = reverse("fund:session", args=[session.fund.quarter.slug, session.pk])
    data = {"action": "schedule" if field == "application" else "recuse", field: value}
    assert staff_client.post(url, data).status_code == 400


def test_private_link_of_an_owner_with_a_number_that_is_no_id_is_404(client, login_as, staff, fund):
    login_as(staff)
    assert client.get(reverse("fund:applicant", args=["mine-²"])).status_code == 404
