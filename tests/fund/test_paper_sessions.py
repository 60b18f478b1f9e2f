"""Award-team sessions on paper and written procedures: members without accounts, presence, the count."""

import datetime

import pytest
from django.urls import reverse

from quartierwerk.actors.models import GroupMembership, Person
from quartierwerk.core.errors import DomainError, InvalidTransition, NotAllowed
from quartierwerk.fund import paper, services
from quartierwerk.fund.models import AgendaItem, Application


@pytest.fixture
def residents(fund):
    """Four drawn residents without accounts sit in the award team beside the chair."""
    people = []
    for first in ("Gisela", "Ömer", "Paula", "Ralf"):
        person = Person.objects.create(quarter=fund.quarter, first_name=first, last_name="Nachbar")
        GroupMembership.objects.create(group=fund.award_team, person=person, role="member")
        people.append(person)
    return people


@pytest.fixture
def chair(user_with_role, seat):
    return seat(user_with_role("award_team"), "chair")


def _item(fund, make_application, staff, **session):
    session = services.plan_session(fund=fund, date=datetime.date.today(), actor=staff, **session)
    application = make_application("complete", amounts=("2000.00",))
    return services.schedule(application=application, session=session, actor=staff)


def test_office_records_presence_and_votes_of_members_without_accounts(
    fund, make_application, staff, residents, chair
):
    item = _item(fund, make_application, staff, on_paper=True)
    chair_person = Person.objects.get(user=chair)
    present = [residents[0].pk, residents[1].pk, chair_person.pk]
    paper.record_attendance(session=item.session, member_ids=present, actor=staff)
    for member_id in present:
        paper.enter_paper_vote(item=item, member_id=member_id, choice="yes", entered_by=staff)
    votes = list(item.votes.all())
    assert {v.member_id for v in votes} == set(present)
    assert all(v.entered_by == staff for v in votes)
    assert [v.voter for v in votes if v.voter] == [chair]
    preview = services.count_votes(AgendaItem.objects.get(pk=item.pk))
    assert preview.tally.result == "approved" and preview.present == 3
    assert AgendaItem.objects.get(pk=item.pk).is_open  # the preview decides nothing
    item = services.close_item(item=item, actor=staff)
    assert (item.result, item.yes) == ("approved", 3)
    assert Application.objects.get(pk=item.application_id).status == "approved"


def test_absent_member_has_no_vote_and_a_session_below_quorum_is_not_quorate(
    fund, make_application, staff, residents
):
    item = _item(fund, make_application, staff, on_paper=True)
    with pytest.raises(DomainError):
        paper.enter_paper_vote(item=item, member_id=residents[0].pk, choice="yes", entered_by=staff)
    paper.record_attendance(session=item.session, member_ids=[r.pk for r in residents[:2]], actor=staff)
    for r in residents[:2]:
        paper.enter_paper_vote(item=item, member_id=r.pk, choice="yes", entered_by=staff)
    item = services.close_item(item=item, actor=staff)
    assert item.result == "no_quorum"
    assert Application.objects.get(pk=item.application_id).status == "complete"


def test_someone_outside_the_team_cannot_be_entered(fund, make_application, staff, residents):
    item = _item(fund, make_application, staff, on_paper=True)
    stranger = Person.objects.create(quarter=fund.quarter, first_name="Fremd")
    with pytest.raises(DomainError):
        paper.record_attendance(session=item.session, member_ids=[stranger.pk], actor=staff)


def test_members_do_not_enter_paper_votes_or_count(
    fund, make_application, staff, residents, seat, user_with_role
):
    member = seat(user_with_role("award_team"), "member")
    item = _item(fund, make_application, staff, on_paper=True)
    with pytest.raises(NotAllowed):
        paper.record_attendance(session=item.session, member_ids=[residents[0].pk], actor=member)
    with pytest.raises(NotAllowed):
        services.close_item(item=item, actor=member)


def test_written_procedure_waits_for_every_member_until_the_deadline(
    fund, make_application, staff, residents, chair
):
    until = datetime.date.today() + datetime.timedelta(days=7)
    item = _item(fund, make_application, staff, written_until=until)
    assert item.session.on_paper
    services.cast_vote(item=item, voter=chair, choice="yes")
    for r in residents[:3]:
        paper.enter_paper_vote(item=item, member_id=r.pk, choice="yes", entered_by=staff)
    with pytest.raises(InvalidTransition):
        services.close_item(item=item, actor=staff)
    item = services.close_item(item=item, actor=staff, today=until + datetime.timedelta(days=1))
    assert item.result == "no_quorum"


def test_written_procedure_counts_once_everyone_has_voted(fund, make_application, staff, residents, chair):
    item = _item(
        fund, make_application, staff, written_until=datetime.date.today() + datetime.timedelta(days=7)
    )
    services.cast_vote(item=item, voter=chair, choice="yes")
    paper.enter_paper_recusal(
        item=item, member_id=residents[3].pk, entered_by=staff, reason="Vereinsmitglied"
    )
    for r in residents[:3]:
        paper.enter_paper_vote(
            item=item, member_id=r.pk, choice="no" if r == residents[0] else "yes", entered_by=staff
        )
    item = services.close_item(item=item, actor=staff)
    assert (item.result, item.yes, item.no) == ("approved", 3, 1)


def test_count_page_says_the_result_before_counting(
    client, login_as, fund, make_application, staff, residents, chair, seat, user_with_role
):
    item = _item(fund, make_application, staff, on_paper=True)
    url = reverse("fund:count", args=[fund.quarter.slug, item.session_id, item.pk])
    login_as(seat(user_with_role("award_team"), "member"))
    assert client.get(url).status_code == 403
    login_as(staff)
    page = client.get(url).content.decode()
    assert "Nicht beschlussfähig" in page and "nächste Tagesordnung" in page
    assert AgendaItem.objects.get(pk=item.pk).is_open
    client.post(url)
    assert AgendaItem.objects.get(pk=item.pk).result == "no_quorum"


def test_my_work_links_to_the_award_team_sessions(client, login_as, fund, chair):
    login_as(chair)
    page = client.get(reverse("core:staff_home")).content.decode()
    assert reverse("fund:sessions", args=[fund.quarter.slug]) in page


def test_signed_minutes_confirm_the_paper_votes_and_name_who_entered_them(
    fund, make_application, staff, residents, chair
):
    from quartierwerk.fund import pdf

    item = _item(fund, make_application, staff, on_paper=True)
    chair_person = Person.objects.get(user=chair)
    present = [residents[0].pk, residents[1].pk, chair_person.pk]
    paper.record_attendance(session=item.session, member_ids=present, actor=staff)
    for member_id in present:
        paper.enter_paper_vote(item=item, member_id=member_id, choice="yes", entered_by=staff)
    services.close_item(item=item, actor=staff)
    session = services.close_session(session=item.session, actor=staff)
    # The office records the minutes the chair signed on paper: the PDF does not call the office the chair.
    session = services.sign_minutes(session=session, actor=staff)
    text = pdf.pdf_text("fund/pdf/minutes.html", pdf.minutes_context(session))
    assert "Auf Papier abgehalten" in text and "Eingetragen von" in text
    assert str(staff) in text  # who entered the paper votes
    assert "Gisela Nachbar" in text and "Ömer Nachbar" in text
    assert "Die Unterschrift bestätigt die vom Quartiersmanagement eingetragenen Stimmen." in " ".join(
        text.split()
    )
    assert "Noch nicht vom Vorsitz gezeichnet" not in text and "(Vorsitz) am" not in text
    assert "Protokoll auf Papier unterschrieben" in text
