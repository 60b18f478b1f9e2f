"""Who may do what with reports: one predicate per permission, shared by pages, API and Open311."""

import rules

from quartierwerk.core.rules import is_admin, is_city_staff, is_staff_of_quarter


@rules.predicate
def report_is_visible(user, report) -> bool:
    return not getattr(report, "is_hidden", False)


# Staff pages and the inbox: the office, the city (all quarters of their city, read and answer), admins.
can_view_inbox = is_staff_of_quarter | is_city_staff | is_admin
# The reporter's name, e-mail and phone.
can_see_contact = is_staff_of_quarter | is_city_staff | is_admin
# Internal notes and the full history.
can_see_internal = is_staff_of_quarter | is_city_staff | is_admin
# Answer publicly or internally and change the status.
can_answer = is_staff_of_quarter | is_city_staff | is_admin
# Set category and kind, assign, merge duplicates, pass on as an idea.
can_triage = is_staff_of_quarter | is_admin
# Send a report to a responsible body.
can_forward = is_staff_of_quarter | is_admin
# Revoke the reporter's follow link or a body's answer link (one was passed on or leaked).
can_revoke_links = is_staff_of_quarter | is_admin
# Edit inappropriate text (the original stays in the history).
can_edit = is_staff_of_quarter | is_admin
# Hide a report or a photo from the public.
can_hide = is_staff_of_quarter | is_admin
# Check residents' photos (approve or reject) and choose how unchecked photos are shown in the quarter.
can_check_photos = is_staff_of_quarter | is_admin
# Manage the Open311 keys of client applications.
can_manage_api_clients = is_staff_of_quarter | is_admin
# See one report: public unless hidden; hidden ones only for those who see internals.
can_view_report = report_is_visible | can_see_internal

# The steps that change a report's status, from which statuses and by whom, are the transition table in
# workflows.py, built from these predicates; services check it and pages ask it (`{% workflow_actions %}`).
