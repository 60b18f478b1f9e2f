"""The report workflow's table: what the status form may reach, who takes which step, what the staff page offers."""

import pytest
from django.urls import reverse

from quartierwerk.core.errors import InvalidTransition, NotAllowed
from quartierwerk.core.workflow import for_object
from quartierwerk.reports import services
from quartierwerk.reports.workflows import REPORT_WORKFLOW, STATUS_ACTIONS

# Which status may follow which through the office's status form (staff move freely between open states;
# closed ones reopen to "open").
FOLLOWS = {
    "open": {"acknowledged", "forwarded", "in_progress", "solved", "closed", "not_our_matter"},
    "acknowledged": {"forwarded", "in_progress", "solved", "closed", "not_our_matter"},
    "forwarded": {"acknowledged", "in_progress", "solved", "closed", "not_our_matter"},
    "in_progress": {"forwarded", "solved", "closed", "not_our_matter"},
    "solved": {"open", "in_progress", "closed"},
    "closed": {"open"},
    "not_our_matter": {"open"},
}


@pytest.mark.parametrize("old", FOLLOWS)
def test_the_status_form_reaches_what_the_table_says(old, make_report, user_with_role):
    staff = user_with_role("staff")
    report = make_report(status=old)
    assert for_object(report) is REPORT_WORKFLOW
    reachable = {new for new, action in STATUS_ACTIONS.items() if REPORT_WORKFLOW.can(staff, report, action)}
    assert reachable == FOLLOWS[old]


def test_services_enforce_the_table_and_ask_who_first(make_report, user_with_role):
    report = make_report(status="closed")
    with pytest.raises(NotAllowed):
        services.change_status(report=report, by=user_with_role("resident"), status="in_progress")
    with pytest.raises(InvalidTransition):
        services.change_status(report=report, by=user_with_role("staff"), status="in_progress")
    with pytest.raises(InvalidTransition):
        services.change_status(report=report, by=user_with_role("staff"), status="erfunden")


def test_staff_page_offers_forwarding_and_ideas_only_where_the_table_allows(
    make_report, user_with_role, client, login_as
):
    login_as(user_with_role("staff"))
    open_report = make_report(status="open")
    declined = make_report(status="not_our_matter")
    page = client.get(reverse("reports:staff_detail", args=[open_report.quarter.slug, open_report.pk]))
    assert 'id="dialog-forward"' in page.content.decode() and 'id="dialog-idea"' in page.content.decode()
    page = client.get(reverse("reports:staff_detail", args=[declined.quarter.slug, declined.pk]))
    assert (
        'id="dialog-forward"' not in page.content.decode() and 'id="dialog-idea"' not in page.content.decode()
    )
    assert 'id="dialog-status"' in page.content.decode()
