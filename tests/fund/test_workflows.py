"""The fund's transition tables: the services move by them and the pages show the buttons they allow."""

import datetime

import pytest
from django.urls import reverse

from quartierwerk.core.errors import InvalidTransition
from quartierwerk.fund import services
from quartierwerk.fund.models import Application, AwardSession
from quartierwerk.fund.workflows import APPLICATION, SESSION

S = Application.Status


def test_every_status_of_an_application_is_reached_through_the_table():
    reached = {S.DRAFT} | {t.target for t in APPLICATION.transitions if t.target is not None}
    assert reached == set(S.values)


@pytest.mark.parametrize("state", ["draft", "submitted", "complete"])
def test_withdrawal_is_possible_exactly_where_the_table_allows_it(state, make_application):
    application = make_application(state)
    assert application.status in APPLICATION.sources("withdraw")
    services.withdraw(application=application, actor="Antragstellerin")
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert not APPLICATION.can(None, application, "withdraw")
    with pytest.raises(InvalidTransition):
        services.withdraw(application=application)


def test_the_office_page_offers_the_steps_the_table_allows(client, login_as, staff, fund, make_application):
    application = make_application("submitted")
    login_as(staff)
    url = reverse("fund:detail", args=[fund.quarter.slug, application.pk])
    html = client.get(url).content.decode()
    assert 'value="complete"' in html and 'value="request_changes"' in html
    assert 'value="payout"' not in html and 'value="check_proof"' not in html
    services.mark_complete(application=application, actor=staff)
    html = client.get(url).content.decode()
    assert 'value="complete"' not in html and 'value="request_changes"' in html


def test_a_session_is_closed_then_signed_as_its_table_says(staff, fund):
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff, on_paper=True)
    assert SESSION.can(staff, session, "close") and not SESSION.can(staff, session, "sign")
    services.close_session(session=session, actor=staff)
    session.refresh_from_db()
    assert session.status == AwardSession.Status.CLOSED
    assert SESSION.can(staff, session, "sign") and not SESSION.can(staff, session, "close")
    with pytest.raises(InvalidTransition):
        services.close_session(session=session, actor=staff)
    services.sign_minutes(session=session, actor=staff)
    session.refresh_from_db()
    assert session.status == AwardSession.Status.SIGNED and SESSION.available(staff, session) == []
