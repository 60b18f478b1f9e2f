"""The access matrix: every URL pattern that names an object, asked by every role about objects of its own
quarter, of another quarter of its city and of another city.

The expectations come from RULES below, a table written and reviewed by hand from the permission rules
(who may read, who may write, who may see contact data and internal notes) – not from recording answers.
A URL pattern with an object id that is missing from the table fails `test_every_object_url_is_in_the_table`:
a new module adds its rows here. Writes are sent only for roles that may not write (they must be refused and
leave no audit entry); the allowed writes are tested in each module's own tests. Every answer is searched for
the markers of contact data and internal notes (see access_world.py).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from quartierwerk.core.models import AuditEntry
from tests.conftest import ROLES

from .access_world import CONTACT_MARK, INTERNAL_MARK, build_world

ANY = frozenset(ROLES)
LOGGED_IN = ANY - {"anonymous"}
OFFICE = frozenset({"staff", "admin"})
OFFICE_CITY = OFFICE | {"city_staff"}
WITH_AWARD_TEAM = OFFICE_CITY | {"award_team"}
CITY_LEVEL = frozenset({"city_staff", "admin"})
NOBODY = frozenset()
# Who takes part in a process: everyone signed in but its office ("staff_other_quarter" stands for anyone
# without a role here).
PARTICIPANTS = frozenset(
    {"resident", "actor_representative", "award_team", "staff_other_quarter", "city_staff_other_city"}
)


@dataclass(frozen=True)
class Rule:
    """Who may do what with one URL pattern, for the object `args` names in a scope."""

    args: Callable
    read: frozenset | None  # roles whose GET is answered; None: the pattern answers no GET
    write: frozenset | None = None  # roles that may write; None: no write method
    method: str = "POST"
    payload: dict | None = None
    contact: frozenset = NOBODY  # roles that may see third parties' contact data in the answer
    internal: frozenset = NOBODY  # roles that may see the office's internal notes in the answer
    city_level: bool = False  # the object belongs to a city, not a quarter (asked in `here` and `elsewhere`)
    harmless: bool = False  # the write changes nothing (an empty PATCH): sent for allowed roles too


def staff_page(**extra) -> Callable:
    """Arguments of a page under /q/<slug>/…: the quarter's slug and the object ids `extra` names."""
    return lambda s: {"slug": s.slug, **{k: getter(s) for k, getter in extra.items()}}


def ids(**extra) -> Callable:
    return lambda s: {k: getter(s) for k, getter in extra.items()}


# fmt: off
RULES: dict[str, Rule] = {
    # --- reports -------------------------------------------------------------------------------------
    "reports:detail": Rule(staff_page(pk=lambda s: s.report.pk), read=ANY),
    "reports:support": Rule(staff_page(pk=lambda s: s.report.pk), read=None, write=ANY),
    # Only supporters answer "is it solved?"; nobody in the table supports the report.
    "reports:solution": Rule(staff_page(pk=lambda s: s.report.pk), read=None, write=NOBODY),
    "reports:photo": Rule(ids(pk=lambda s: s.photo.pk), read=ANY),
    "reports:staff_detail": Rule(
        staff_page(pk=lambda s: s.report.pk), read=OFFICE_CITY, contact=OFFICE_CITY, internal=OFFICE_CITY
    ),
    "reports:staff_action": Rule(
        lambda s: {"slug": s.slug, "pk": s.report.pk, "action": "moderate"}, read=None, write=OFFICE,
        payload={"moderate-description": "Laterne", "moderate-hidden": "on", "moderate-reason": "Beleidigung"},
    ),
    "reports:open311_request": Rule(lambda s: {"pk": s.report.pk, "fmt": "json"}, read=ANY),
    "api:get_report": Rule(
        ids(report_id=lambda s: s.report.pk), read=ANY, contact=OFFICE_CITY, internal=OFFICE_CITY
    ),
    "api:change_status": Rule(
        ids(report_id=lambda s: s.report.pk), read=None, write=OFFICE_CITY, payload={"status": "in_progress"}
    ),
    "api:check_photo": Rule(
        ids(photo_id=lambda s: s.photo.pk), read=None, write=OFFICE, payload={"approve": True}
    ),
    # --- insights ---------------------------------------------------------------------------------------
    # A published version of the internal report to the city: the office of the quarter and its city read it.
    "insights:version": Rule(ids(pk=lambda s: s.internal_version.pk), read=OFFICE_CITY, internal=OFFICE_CITY),
    "insights:version_pdf": Rule(ids(pk=lambda s: s.internal_version.pk), read=OFFICE_CITY),
    "insights:version_json": Rule(
        ids(pk=lambda s: s.internal_version.pk), read=OFFICE_CITY, internal=OFFICE_CITY
    ),
    "api:get_version": Rule(
        ids(version_id=lambda s: s.internal_version.pk), read=OFFICE_CITY, internal=OFFICE_CITY
    ),
    # --- planning ----------------------------------------------------------------------------------------
    # A published plan: public; its office pages are the quarter's staff (city staff read); a published version
    # is not changed any more (parts), but gets measured values and can be revised.
    "planning:plan": Rule(ids(pk=lambda s: s.plan.pk), read=ANY),
    "planning:plan_diff": Rule(ids(pk=lambda s: s.plan.pk), read=ANY),
    "planning:staff_plan": Rule(ids(pk=lambda s: s.plan.pk), read=OFFICE_CITY, write=NOBODY, payload={"title": "X"}),
    "planning:staff_plan_action": Rule(lambda s: {"pk": s.plan.pk, "action": "revise"}, read=None, write=OFFICE),
    "planning:staff_add": Rule(
        lambda s: {"pk": s.plan.pk, "kind": "field"}, read=None, write=NOBODY, payload={"title": "Neu"}
    ),
    "planning:staff_item": Rule(
        lambda s: {"pk": s.plan.pk, "kind": "goal", "item_pk": s.plan_goal.pk},
        read=OFFICE_CITY, write=NOBODY, payload={"title": "Neu"},
    ),
    "planning:staff_value": Rule(
        lambda s: {"pk": s.plan.pk, "indicator_pk": s.indicator.pk}, read=None, write=OFFICE,
        payload={"measured_on": "2025-06-01", "value": "3", "source": "Zählung"},
    ),
    "planning:project": Rule(ids(pk=lambda s: s.project.pk), read=ANY),
    "planning:staff_project": Rule(
        ids(pk=lambda s: s.project.pk), read=OFFICE_CITY, write=OFFICE, payload={"title": "Neu", "progress": 5}
    ),
    "planning:staff_move": Rule(ids(pk=lambda s: s.project.pk), read=None, write=OFFICE, payload={"action": "stop"}),
    "planning:staff_milestone_new": Rule(
        ids(pk=lambda s: s.project.pk), read=None, write=OFFICE, payload={"title": "X", "due_on": "2025-10-01"}
    ),
    "planning:staff_milestone": Rule(
        ids(pk=lambda s: s.project.pk, milestone_pk=lambda s: s.milestone.pk), read=None, write=OFFICE
    ),
    "planning:staff_source_new": Rule(
        ids(pk=lambda s: s.project.pk), read=None, write=OFFICE,
        payload={"source-kind": "own", "source-name": "Eigenmittel", "source-amount_applied": "5"},
    ),
    "planning:staff_source": Rule(
        ids(pk=lambda s: s.project.pk, source_pk=lambda s: s.funding_source.pk), read=None, write=OFFICE,
        payload={"action": "apply"},
    ),
    "planning:staff_from_report": Rule(
        staff_page(report_pk=lambda s: s.report.pk), read=None, write=OFFICE
    ),
    # --- participation ---------------------------------------------------------------------------------
    # A process collecting ideas today: participants are everyone signed in but the office of the process;
    # the office (staff, admin) comments but never brings in ideas, supports or votes; nobody places dots yet.
    "participation:process": Rule(ids(pk=lambda s: s.process.pk), read=ANY),
    "participation:code": Rule(ids(pk=lambda s: s.process.pk), read=None, write=ANY, payload={"code": "x"}),
    "participation:ideas": Rule(ids(pk=lambda s: s.process.pk), read=ANY),
    "participation:geojson": Rule(ids(pk=lambda s: s.process.pk), read=ANY),
    "participation:new_idea": Rule(
        ids(pk=lambda s: s.process.pk), read=ANY, write=PARTICIPANTS,
        payload={"title": "Neu", "text": "Text", "category": "green"},
    ),
    "participation:similar": Rule(
        ids(pk=lambda s: s.process.pk), read=None, write=PARTICIPANTS, payload={"title": "Neu", "text": "Text"}
    ),
    "participation:idea": Rule(ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=ANY),
    "participation:photo": Rule(ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=ANY),
    "participation:edit_idea": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=OFFICE, write=OFFICE,
        payload={"title": "Anders", "text": "Anders"},
    ),
    "participation:comment": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=None, write=PARTICIPANTS | OFFICE,
        payload={"text": "Meinung"},
    ),
    "participation:flag": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk, comment_pk=lambda s: s.idea_comment.pk),
        read=None, write=PARTICIPANTS, payload={"reason": "frech"},
    ),
    "participation:support": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=None, write=PARTICIPANTS
    ),
    "participation:dots": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=None, write=NOBODY, payload={"points": 1}
    ),
    "participation:results": Rule(ids(pk=lambda s: s.process.pk), read=ANY),
    "participation:results_pdf": Rule(ids(pk=lambda s: s.process.pk), read=ANY),
    "participation:staff_process": Rule(
        ids(pk=lambda s: s.process.pk), read=OFFICE_CITY, write=OFFICE, payload={"title": "X", "goal": "Y"},
    ),
    "participation:staff_status": Rule(
        lambda s: {"pk": s.process.pk, "action": "unpublish"}, read=None, write=OFFICE
    ),
    "participation:staff_phase_new": Rule(
        ids(pk=lambda s: s.process.pk), read=OFFICE, write=OFFICE,
        payload={"kind": "results", "starts_on": "2030-01-01", "ends_on": "2030-01-31"},
    ),
    "participation:staff_phase": Rule(
        ids(pk=lambda s: s.process.pk, phase_pk=lambda s: s.phase.pk), read=OFFICE, write=OFFICE,
        payload={"delete": "1"},
    ),
    "participation:staff_ideas": Rule(ids(pk=lambda s: s.process.pk), read=OFFICE_CITY),
    "participation:staff_record": Rule(
        ids(pk=lambda s: s.process.pk), read=OFFICE, write=OFFICE,
        payload={"channel": "paper", "title": "Bank", "text": "Vom Bogen", "category": "green", "language": "de"},
    ),
    "participation:staff_idea": Rule(
        ids(pk=lambda s: s.process.pk, idea_pk=lambda s: s.idea.pk), read=OFFICE, write=OFFICE,
        payload={"answer-action": "take_up", "answer-answer": "Ja"},
    ),
    "participation:staff_moderation": Rule(ids(pk=lambda s: s.process.pk), read=OFFICE),
    "participation:survey": Rule(
        ids(pk=lambda s: s.process.pk, phase_pk=lambda s: s.survey_phase.pk), read=ANY, write=NOBODY,
    ),
    "participation:staff_survey": Rule(
        ids(pk=lambda s: s.process.pk, phase_pk=lambda s: s.survey_phase.pk), read=OFFICE, write=OFFICE,
        payload={"action": "add", "kind": "text", "text": "Frage"},
    ),
    "participation:staff_comment": Rule(
        ids(pk=lambda s: s.process.pk, comment_pk=lambda s: s.idea_comment.pk), read=None, write=OFFICE,
        payload={"reason": "weg"},
    ),
    "participation:staff_codes": Rule(ids(pk=lambda s: s.process.pk), read=OFFICE, write=OFFICE, payload={"count": 1}),
    # --- news ------------------------------------------------------------------------------------------------
    "news:post": Rule(ids(pk=lambda s: s.news_post.pk), read=ANY),
    "news:image": Rule(ids(pk=lambda s: s.news_post.pk), read=ANY),
    "news:staff_edit": Rule(
        ids(pk=lambda s: s.news_post.pk), read=OFFICE_CITY, write=OFFICE, payload={"title": "X", "teaser": "Y"},
    ),
    "news:staff_status": Rule(lambda s: {"pk": s.news_post.pk, "action": "unpublish"}, read=None, write=OFFICE),
    "news:issue": Rule(ids(pk=lambda s: s.news_issue.pk), read=ANY),
    "news:staff_pdf": Rule(lambda s: {"pk": s.news_post.pk, "kind": "press"}, read=OFFICE_CITY),
    "news:document": Rule(ids(pk=lambda s: s.news_document.pk), read=OFFICE_CITY),
    "news:document_file": Rule(
        ids(pk=lambda s: s.news_document.pk, version_pk=lambda s: s.news_document_version.pk), read=OFFICE_CITY
    ),
    "news:staff_document_version": Rule(ids(pk=lambda s: s.news_document.pk), read=None, write=OFFICE, payload={}),
    "news:staff_issue": Rule(ids(pk=lambda s: s.news_issue.pk), read=OFFICE_CITY),
    "news:staff_issue_action": Rule(
        lambda s: {"pk": s.news_issue.pk, "action": "test"}, read=None, write=OFFICE, payload={"to": "x@example.org"}
    ),
    # --- council: public council business, OParl; the office reports on points and confirms suggestions ----
    "council:paper": Rule(ids(pk=lambda s: s.council_paper.pk), read=ANY),
    "council:status_report": Rule(
        ids(pk=lambda s: s.council_point.pk), read=OFFICE_CITY, write=OFFICE_CITY,
        payload={"status": "in_progress", "text": "Läuft", "date": "2026-01-01"},
    ),
    "council:suggestion": Rule(
        staff_page(pk=lambda s: s.council_suggestion.pk), read=None, write=OFFICE_CITY, payload={"confirm": "1"}
    ),
    "oparl:body": Rule(ids(pk=lambda s: s.council_body.pk), read=ANY, city_level=True),
    **{
        f"oparl:{name}": Rule(ids(pk=lambda s: s.council_body.pk), read=ANY, city_level=True)
        for name in (
            "organizations", "persons", "memberships", "meetings", "papers", "agenda_items", "consultations",
            "files", "locations", "legislative_terms",
        )
    },
    "oparl:organization": Rule(ids(pk=lambda s: s.council_office.pk), read=ANY),
    "oparl:meeting": Rule(ids(pk=lambda s: s.council_meeting.pk), read=ANY),
    "oparl:paper": Rule(ids(pk=lambda s: s.council_paper.pk), read=ANY),
    "oparl:agendaitem": Rule(ids(pk=lambda s: s.council_item.pk), read=ANY),
    "oparl:consultation": Rule(ids(pk=lambda s: s.council_consultation.pk), read=ANY),
    "oparl:file": Rule(ids(pk=lambda s: s.council_file.pk), read=ANY),
    "oparl:location": Rule(ids(pk=lambda s: s.council_location.pk), read=ANY),
    "oparl:legislativeterm": Rule(ids(pk=lambda s: s.council_term.pk), read=ANY),
    "api:get_process": Rule(ids(process_id=lambda s: s.process.pk), read=ANY),
    "api:list_ideas": Rule(ids(process_id=lambda s: s.process.pk), read=ANY),
    "api:ideas_geojson": Rule(ids(process_id=lambda s: s.process.pk), read=ANY),
    "api:create_idea": Rule(
        ids(process_id=lambda s: s.process.pk), read=None, write=PARTICIPANTS,
        payload={"title": "Neu", "text": "Text", "category": "green"},
    ),
    "api:get_idea": Rule(ids(idea_id=lambda s: s.idea.pk), read=ANY),
    "api:create_comment": Rule(
        ids(idea_id=lambda s: s.idea.pk), read=None, write=PARTICIPANTS | OFFICE, payload={"text": "Meinung"}
    ),
    "api:support_idea": Rule(ids(idea_id=lambda s: s.idea.pk), read=None, write=PARTICIPANTS),
    "api:put_dots": Rule(ids(idea_id=lambda s: s.idea.pk), read=None, write=NOBODY, method="PUT", payload={"points": 1}),
    "api:answer_idea": Rule(
        ids(idea_id=lambda s: s.idea.pk), read=None, write=OFFICE, payload={"action": "take_up", "answer": "Ja"}
    ),
    # --- actors --------------------------------------------------------------------------------------
    "actors:edit_own": Rule(
        ids(pk=lambda s: s.org.pk), read=OFFICE | {"actor_representative"}, write=OFFICE | {"actor_representative"},
        internal=OFFICE,
    ),
    # Only the person themself (an account linked to the entry); no role in the table is that person.
    "actors:my_data_export": Rule(lambda s: {"pk": s.person.pk, "fmt": "json"}, read=NOBODY),
    "actors:city_detail": Rule(
        lambda s: {"pk": s.city_org.pk, "org_slug": s.city_org.slug}, read=ANY, city_level=True
    ),
    "actors:certificate": Rule(staff_page(pk=lambda s: s.engagement.pk), read=OFFICE),
    "actors:staff_organisation": Rule(
        staff_page(pk=lambda s: s.org.pk), read=OFFICE_CITY, write=OFFICE, internal=OFFICE_CITY,
        payload={"name": "Umbenannt"},
    ),
    "actors:staff_verify": Rule(staff_page(pk=lambda s: s.org.pk), read=None, write=OFFICE),
    "actors:staff_activity": Rule(
        lambda s: {"slug": s.slug, "kind": "organisation", "pk": s.org.pk}, read=None, write=OFFICE,
        payload={"kind": "note", "text": "Anruf"},
    ),
    "actors:staff_decide_representation": Rule(
        staff_page(pk=lambda s: s.representation.pk), read=None, write=OFFICE, payload={"approve": "1"}
    ),
    "actors:staff_delete_filter": Rule(staff_page(pk=lambda s: s.saved_filter.pk), read=None, write=OFFICE),
    "actors:staff_person": Rule(
        staff_page(pk=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE, contact=OFFICE_CITY,
        internal=OFFICE_CITY, payload={"last_name": "Neu"},
    ),
    "actors:staff_person_consent": Rule(
        staff_page(pk=lambda s: s.person.pk), read=None, write=OFFICE,
        payload={"basis": "consent", "source": "paper", "for_directory": "on"},
    ),
    "actors:staff_person_relationship": Rule(
        staff_page(pk=lambda s: s.person.pk), read=None, write=OFFICE,
        payload={"organisation": "1", "kind": "member"},
    ),
    "actors:staff_end_relationship": Rule(staff_page(pk=lambda s: s.relationship.pk), read=None, write=OFFICE),
    "actors:staff_person_export": Rule(
        lambda s: {"slug": s.slug, "pk": s.person.pk, "fmt": "json"}, read=OFFICE, contact=OFFICE, internal=OFFICE
    ),
    "actors:staff_person_erase": Rule(staff_page(pk=lambda s: s.person.pk), read=None, write=OFFICE),
    "actors:staff_group": Rule(
        staff_page(pk=lambda s: s.group.pk), read=OFFICE_CITY, write=OFFICE, contact=OFFICE_CITY,
        payload={"name": "AG Neu", "kind": "working_group"},
    ),
    "actors:staff_group_contacts": Rule(
        lambda s: {"slug": s.slug, "pk": s.group.pk, "fmt": "csv"}, read=OFFICE, contact=OFFICE
    ),
    "actors:staff_end_membership": Rule(staff_page(pk=lambda s: s.membership.pk), read=None, write=OFFICE),
    "actors:staff_import_preview": Rule(
        staff_page(pk=lambda s: s.import_batch.pk), read=OFFICE, write=OFFICE, payload={"action": "discard"}
    ),
    "actors:staff_sign": Rule(staff_page(pk=lambda s: s.engagement.pk), read=None, write=OFFICE),
    "api:get_organisation": Rule(ids(org_id=lambda s: s.org.pk), read=ANY),
    "api:update_organisation": Rule(
        ids(org_id=lambda s: s.org.pk), read=ANY, write=OFFICE | {"actor_representative"}, method="PATCH",
        payload={}, internal=OFFICE, harmless=True,
    ),
    "api:claim_organisation": Rule(ids(org_id=lambda s: s.org.pk), read=None, write=LOGGED_IN, payload={}),
    "api:verify_organisation": Rule(ids(org_id=lambda s: s.org.pk), read=None, write=OFFICE),
    "api:get_group": Rule(ids(group_id=lambda s: s.group.pk), read=ANY),
    "api:add_member": Rule(
        ids(group_id=lambda s: s.group.pk), read=None, write=OFFICE, payload={"organisation_id": None}
    ),
    "api:end_membership": Rule(ids(membership_id=lambda s: s.membership.pk), read=None, write=OFFICE, payload={}),
    "api:get_person": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE, method="PATCH",
        payload={"last_name": "Neu"}, contact=OFFICE_CITY,
    ),
    "api:update_person": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE, method="PATCH",
        payload={"last_name": "Neu"}, contact=OFFICE_CITY,
    ),
    "api:list_relationships": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE,
        payload={"organisation_id": 1, "kind": "member"},
    ),
    "api:add_relationship": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE,
        payload={"organisation_id": 1, "kind": "member"},
    ),
    "api:end_relationship": Rule(
        ids(relationship_id=lambda s: s.relationship.pk), read=None, write=OFFICE, payload={}
    ),
    "api:list_consents": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE,
        payload={"basis": "consent", "purposes": ["directory"], "source": "paper"},
    ),
    "api:record_consent": Rule(
        ids(person_id=lambda s: s.person.pk), read=OFFICE_CITY, write=OFFICE,
        payload={"basis": "consent", "purposes": ["directory"], "source": "paper"},
    ),
    "api:export_person": Rule(ids(person_id=lambda s: s.person.pk), read=OFFICE, contact=OFFICE, internal=OFFICE),
    "api:erase_person": Rule(ids(person_id=lambda s: s.person.pk), read=None, write=OFFICE),
    "api:sign_engagement": Rule(ids(engagement_id=lambda s: s.engagement.pk), read=None, write=OFFICE),
    # --- places (the address register's imports belong to a city) ------------------------------------------
    "places:status": Rule(
        lambda s: {"city": s.city.slug, "pk": s.address_import.pk}, read=CITY_LEVEL, city_level=True
    ),
    # --- the sign-language video: public, like the page that shows it --------------------------------------
    "explain:sign_video_file": Rule(ids(pk=lambda s: s.sign_video.pk), read=ANY),
    "explain:sign_video_captions": Rule(ids(pk=lambda s: s.sign_video.pk), read=ANY),
    "places:start": Rule(
        lambda s: {"city": s.city.slug, "pk": s.address_import.pk}, read=None, write=CITY_LEVEL, city_level=True
    ),
    # --- events (the event is an internal session of a group; the city-wide one is internal too) ---------
    "events:city_detail": Rule(
        ids(pk=lambda s: s.city_event.pk), read=CITY_LEVEL, city_level=True
    ),
    "events:event_ics": Rule(ids(pk=lambda s: s.event.pk), read=OFFICE_CITY),
    "events:document": Rule(ids(pk=lambda s: s.document.pk), read=OFFICE_CITY),
    "events:task_status": Rule(
        ids(pk=lambda s: s.action_item.pk), read=None, write=OFFICE, payload={"status": "done"}
    ),
    "events:detail": Rule(staff_page(pk=lambda s: s.event.pk), read=OFFICE_CITY),
    "events:minutes": Rule(staff_page(pk=lambda s: s.event.pk), read=OFFICE_CITY, internal=OFFICE_CITY),
    "events:minutes_pdf": Rule(staff_page(pk=lambda s: s.event.pk), read=OFFICE_CITY, internal=OFFICE_CITY),
    # The session's workspace is for who runs it (the office, or the group's chair); the city reads minutes.
    "events:session": Rule(staff_page(pk=lambda s: s.event.pk), read=OFFICE, internal=OFFICE, contact=OFFICE),
    "events:session_agenda": Rule(
        staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE, payload={"title": "Neu"}
    ),
    "events:session_agenda_remove": Rule(
        lambda s: {"slug": s.slug, "pk": s.event.pk, "item_pk": s.session_item.pk}, read=None, write=OFFICE
    ),
    "events:session_invite": Rule(staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE),
    "events:session_next": Rule(staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE),
    "events:session_attendance": Rule(staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE),
    "events:session_minutes": Rule(
        staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE, payload={"notes": "Protokoll"}
    ),
    "events:session_release": Rule(staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE),
    "events:session_task": Rule(
        staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE, payload={"title": "Aufgabe"}
    ),
    "events:staff_event": Rule(
        staff_page(pk=lambda s: s.event.pk), read=OFFICE_CITY, contact=OFFICE_CITY
    ),
    "events:event_edit": Rule(
        staff_page(pk=lambda s: s.event.pk), read=OFFICE, write=OFFICE, payload={"title": "Neu"}
    ),
    "events:registrations_csv": Rule(
        staff_page(pk=lambda s: s.event.pk), read=OFFICE_CITY, contact=OFFICE_CITY
    ),
    "events:event_cancel": Rule(
        staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE, payload={"cancel-reason": "Krank"}
    ),
    "events:event_postpone": Rule(
        staff_page(pk=lambda s: s.event.pk), read=None, write=OFFICE, payload={"postpone-reason": "Krank"}
    ),
    "events:registration_cancel": Rule(
        lambda s: {"slug": s.slug, "pk": s.event.pk, "reg_pk": s.registration.pk}, read=None, write=OFFICE
    ),
    "api:get_event": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, method="PATCH", payload={"title": "Neu"}
    ),
    "api:update_event": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, method="PATCH", payload={"title": "Neu"}
    ),
    "api:cancel_event": Rule(ids(event_id=lambda s: s.event.pk), read=None, write=OFFICE, payload={"reason": "x"}),
    "api:agenda": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, payload={"title": "Neu"}
    ),
    "api:add_agenda_item": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, payload={"title": "Neu"}
    ),
    "api:minutes": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, method="PUT",
        payload={"notes": "x"}, internal=OFFICE_CITY,
    ),
    "api:write_minutes": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE, method="PUT",
        payload={"notes": "x"}, internal=OFFICE_CITY,
    ),
    # Registering for an internal event: only who sees it (the registration itself is tested in events).
    "api:register": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE_CITY,
        payload={"name": "Neu", "email": "neu@test.example"}, contact=OFFICE_CITY,
    ),
    "api:registrations": Rule(
        ids(event_id=lambda s: s.event.pk), read=OFFICE_CITY, write=OFFICE_CITY,
        payload={"name": "Neu", "email": "neu@test.example"}, contact=OFFICE_CITY,
    ),
    "api:task_status": Rule(
        ids(item_id=lambda s: s.action_item.pk), read=None, write=OFFICE, payload={"status": "done"}
    ),
    "api:record_attendance": Rule(
        ids(event_id=lambda s: s.event.pk), read=None, write=OFFICE, payload={"statuses": {}}
    ),
    "api:release_minutes": Rule(ids(event_id=lambda s: s.event.pk), read=None, write=OFFICE, payload={}),
    "api:add_task": Rule(ids(event_id=lambda s: s.event.pk), read=None, write=OFFICE, payload={"title": "x"}),
    "api:postpone_event": Rule(
        ids(event_id=lambda s: s.event.pk), read=None, write=OFFICE, payload={"reason": "x"}
    ),
    # --- fund (the application is on a session's agenda; the award-team member sits in its team) ---------
    # The application is not funded: it is no public project, and its files are nobody's project photo.
    "fund:project": Rule(lambda s: {"slug": s.slug, "reference": s.application.reference}, read=NOBODY),
    "fund:project_photo": Rule(
        lambda s: {"slug": s.slug, "reference": s.application.reference, "file_id": s.attachment.pk}, read=NOBODY
    ),
    # The applicant's pages open with the private link only: an id with another link gives nothing.
    "fund:applicant_file": Rule(
        lambda s: {"token": "kein-gueltiger-link", "file_id": s.attachment.pk}, read=NOBODY
    ),
    "fund:applicant_letter": Rule(
        lambda s: {"token": "kein-gueltiger-link", "decision_id": s.decision.pk}, read=NOBODY
    ),
    "fund:detail": Rule(
        lambda s: {"slug": s.slug, "app_id": s.application.pk}, read=WITH_AWARD_TEAM, write=OFFICE,
        payload={"action": "complete"}, contact=OFFICE_CITY, internal=WITH_AWARD_TEAM,
    ),
    "fund:staff_pdf": Rule(lambda s: {"slug": s.slug, "app_id": s.application.pk}, read=WITH_AWARD_TEAM),
    "fund:file": Rule(
        lambda s: {"slug": s.slug, "app_id": s.application.pk, "file_id": s.attachment.pk}, read=WITH_AWARD_TEAM
    ),
    "fund:letter": Rule(
        lambda s: {"slug": s.slug, "app_id": s.application.pk, "decision_id": s.decision.pk}, read=WITH_AWARD_TEAM
    ),
    "fund:session": Rule(
        lambda s: {"slug": s.slug, "session_id": s.session.pk}, read=WITH_AWARD_TEAM, write=WITH_AWARD_TEAM,
        internal=WITH_AWARD_TEAM,
    ),
    "fund:minutes": Rule(lambda s: {"slug": s.slug, "session_id": s.session.pk}, read=WITH_AWARD_TEAM),
    "api:get_application": Rule(
        ids(app_id=lambda s: s.application.pk), read=WITH_AWARD_TEAM, contact=OFFICE_CITY, internal=WITH_AWARD_TEAM
    ),
    "api:complete": Rule(ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE),
    "api:request_changes": Rule(
        ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE, payload={"message": "Bitte ergänzen"}
    ),
    "api:add_note": Rule(
        ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE, payload={"text": "Notiz"}
    ),
    "api:schedule": Rule(ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE, payload={"session": 1}),
    "api:decide": Rule(
        ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE, payload={"outcome": "rejected"}
    ),
    "api:correct": Rule(
        ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE, payload={"amount": "1", "reason": "x"}
    ),
    "api:payout": Rule(
        ids(app_id=lambda s: s.application.pk), read=None, write=OFFICE_CITY,
        payload={"amount": "1", "paid_on": "2026-01-01"},
    ),
    "api:check_proof": Rule(
        ids(proof_id=lambda s: s.proof.pk), read=None, write=OFFICE_CITY, payload={"outcome": "accepted"}
    ),
    "api:get_session": Rule(ids(session_id=lambda s: s.session.pk), read=WITH_AWARD_TEAM, internal=WITH_AWARD_TEAM),
    "api:vote": Rule(ids(item_id=lambda s: s.item.pk), read=None, write=frozenset({"award_team"}),
                     payload={"choice": "yes"}),
    "api:recuse": Rule(ids(item_id=lambda s: s.item.pk), read=None, write=frozenset({"award_team"}), payload={}),
    "api:close_item": Rule(ids(item_id=lambda s: s.item.pk), read=None, write=OFFICE, payload={}),
    "api:close_session": Rule(ids(session_id=lambda s: s.session.pk), read=None, write=OFFICE),
    # Signing: the chair, or the office for a session held on paper; this one is neither.
    "api:sign": Rule(ids(session_id=lambda s: s.session.pk), read=None, write=NOBODY),
    # --- core ----------------------------------------------------------------------------------------
    # Each user revokes only their own tokens; the token belongs to someone outside the table.
    "core:api_token_revoke": Rule(lambda s: {"token_id": s.world.api_token.pk}, read=None, write=NOBODY),
    # A data export opens for its owner only (outside the table), or with the secret from its e-mail.
    "core:my_data_download": Rule(lambda s: {"pk": s.world.data_export.pk}, read=NOBODY),
    "core:privacy_export_download": Rule(
        lambda s: {"pk": s.world.data_export.pk, "token": "falsch"}, read=NOBODY
    ),
    "api:privacy_export_download": Rule(lambda s: {"export_id": s.world.data_export.pk}, read=NOBODY),
    # Data protection: the record of processing, the request log and the responsible parties.
    "core:processing_record": Rule(staff_page(party_id=lambda s: s.party.pk), read=OFFICE_CITY),
    "core:processing_record_pdf": Rule(staff_page(party_id=lambda s: s.party.pk), read=OFFICE_CITY),
    "core:subject_request": Rule(
        staff_page(pk=lambda s: s.subject_request.pk), read=OFFICE_CITY, internal=OFFICE_CITY,
        contact=OFFICE_CITY,
    ),
    "core:subject_request_export": Rule(staff_page(pk=lambda s: s.subject_request.pk), read=OFFICE_CITY),
    "core:subject_request_erase": Rule(
        staff_page(pk=lambda s: s.subject_request.pk), read=None, write=OFFICE_CITY
    ),
    "core:lift_restriction": Rule(
        staff_page(pk=lambda s: s.subject_request.pk, restriction_id=lambda s: s.restriction.pk),
        read=None, write=OFFICE_CITY, payload={"reason": "erledigt"},
    ),
    "core:party_edit": Rule(
        lambda s: {"city_slug": s.city.slug, "pk": s.party.pk}, read=CITY_LEVEL, write=CITY_LEVEL,
        city_level=True,
    ),
    "api:get_request": Rule(
        lambda s: {"slug": s.slug, "request_id": s.subject_request.pk}, read=OFFICE_CITY,
        internal=OFFICE_CITY, contact=OFFICE_CITY,
    ),
    "api:answer_request": Rule(
        lambda s: {"slug": s.slug, "request_id": s.subject_request.pk}, read=None, write=OFFICE_CITY,
        payload={"status": "answered", "answered_on": "2026-01-05"},
    ),
    # --- resources ------------------------------------------------------------------------------------
    # The bike is offered by the association that "actor_representative" speaks for; the booking request
    # comes from someone outside the table. Bookers' contact data is shown to nobody, on no page.
    "resources:resource": Rule(
        staff_page(pk=lambda s: s.resource.pk), read=ANY, write=frozenset({"staff", "actor_representative"}),
    ),
    "resources:close": Rule(
        staff_page(pk=lambda s: s.resource.pk), read=None, write=OFFICE | {"actor_representative"},
        payload={"reason": "repair", "starts_on": "2030-01-01", "ends_on": "2030-01-02"},
    ),
    "resources:resource_feed": Rule(staff_page(pk=lambda s: s.resource.pk), read=ANY),
    "resources:office_hours": Rule(staff_page(pk=lambda s: s.office_hours.pk), read=ANY),
    "resources:appointment": Rule(staff_page(pk=lambda s: s.office_hours.pk), read=ANY),
    "resources:appointment_done": Rule(staff_page(pk=lambda s: s.office_hours.pk), read=ANY),
    "resources:booking_action": Rule(
        lambda s: {"pk": s.resource_booking.pk, "action": "approve"}, read=None,
        write=OFFICE | {"actor_representative"},
    ),
    "api:get_resource": Rule(ids(resource_id=lambda s: s.resource.pk), read=ANY),
    "api:resource_busy": Rule(ids(resource_id=lambda s: s.resource.pk), read=ANY),
    "api:book_resource": Rule(
        ids(resource_id=lambda s: s.resource.pk), read=None, write=frozenset({"staff", "actor_representative"}),
        payload={"starts_at": "2030-01-07T10:00:00+01:00", "ends_at": "2030-01-07T12:00:00+01:00"},
    ),
    "api:get_resource_booking": Rule(
        ids(booking_id=lambda s: s.resource_booking.pk), read=OFFICE_CITY | {"actor_representative"},
    ),
    "api:resource_booking_step": Rule(
        lambda s: {"booking_id": s.resource_booking.pk, "action": "approve"}, read=None,
        write=OFFICE | {"actor_representative"},
    ),
    # The demo mailbox exists only with DEBUG on: nobody reaches it here.
    "core:mailbox_mail": Rule(ids(mail_id=lambda s: 1), read=NOBODY),
    "core:mailbox_file": Rule(ids(mail_id=lambda s: 1, index=lambda s: 0), read=NOBODY),
    # Counting an item: the office (or the chair, who is not in the table), after a confirmation page.
    "fund:count": Rule(
        staff_page(session_id=lambda s: s.session.pk, item_id=lambda s: s.item.pk), read=OFFICE,
        write=OFFICE, internal=OFFICE,
    ),
}
# fmt: on

# Every pattern of the Django admin names an object and is for administrators only.
ADMIN_PREFIX = "admin:"

SCOPE_ROLES = {
    "here": ROLES,
    "neighbour": ("staff", "city_staff"),
    "elsewhere": ("staff", "city_staff", "staff_other_quarter", "city_staff_other_city"),
}


def effective_role(role: str, scope: str) -> str:
    """The role a user holds for an object of `scope`, in the table's terms.

    "staff_other_quarter" stands for any logged-in user without a role for the object.
    """
    if scope == "here" or role in ("anonymous", "admin"):
        return role
    if scope == "neighbour":
        return "city_staff" if role == "city_staff" else "staff_other_quarter"
    return {"staff_other_quarter": "staff", "city_staff_other_city": "city_staff"}.get(
        role, "staff_other_quarter"
    )


def _is_id(name: str) -> bool:
    return name in ("pk", "id", "reference") or name.endswith(("_id", "_pk"))


def object_patterns() -> dict[str, str]:
    """{name: route} of every URL pattern with an object id (admin patterns without a name by route)."""
    found = {}

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x)
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and any(_is_id(k) for k in p.pattern.regex.groupindex):
                route = prefix + str(p.pattern)
                name = f"{namespace}:{p.name}" if p.name else f"{namespace}:{route}"
                found[name] = route

    walk(get_resolver(), "", "")
    return found


def test_every_object_url_is_in_the_table():
    patterns = object_patterns()
    missing = sorted(n for n in patterns if not n.startswith(ADMIN_PREFIX) and n not in RULES)
    assert not missing, f"URL patterns with an object id missing from the access table: {missing}"
    stale = sorted(set(RULES) - set(patterns))
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"
    empty = sorted(n for n, rule in RULES.items() if rule.read is None and rule.write is None)
    assert not empty, f"rows that check nothing: {empty}"


# --- the world, built once for the module -------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            built = build_world()
            for scope in built.scopes.values():
                scope.world = built
            yield built
            transaction.set_rollback(True)


def _client(user, client=None) -> Client:
    client = client or Client()
    if user is not None:
        device, _ = TOTPDevice.objects.get_or_create(user=user, defaults={"name": "test", "confirmed": True})
        client.force_login(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One logged-in client per role for the whole module (their sessions live in the module's transaction)."""
    with django_db_blocker.unblock():
        return {role: _client(user) for role, user in world.users.items()}


def _refused(response) -> bool:
    if response.status_code in (401, 403, 404):
        return True
    return response.status_code == 302 and "login" in response.get("Location", "")


def _answered(response) -> bool:
    return response.status_code < 400 and not _refused(response)


def _reveals(response, role, rule, where) -> None:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="ignore")
    if role not in rule.contact:
        assert CONTACT_MARK not in body, f"{where}: contact data shown to {role}"
    if role not in rule.internal:
        assert INTERNAL_MARK not in body, f"{where}: internal notes shown to {role}"


def _send(client, method, url, payload, api):
    if method == "GET":
        return client.get(url)
    if api:
        return client.generic(method, url, data=json.dumps(payload or {}), content_type="application/json")
    return client.post(url, payload or {})


@pytest.mark.parametrize("name", sorted(RULES))
def test_access_matrix(name, world, clients, db):
    rule = RULES[name]
    api = name.startswith("api:")
    scopes = ("here", "elsewhere") if rule.city_level else ("here", "neighbour", "elsewhere")
    for scope in scopes:
        url = reverse(name, kwargs=rule.args(world.scopes[scope]))
        for role in SCOPE_ROLES[scope]:
            eff = effective_role(role, scope)
            client, user = clients[role], world.users[role]
            if user is not None and "_auth_user_id" not in client.session:
                _client(user, client)  # a session store in the cache was cleared between tests
            where = f"{name} {scope} as {role} ({eff})"
            if rule.read is not None:
                response = client.get(url)
                if eff in rule.read:
                    assert _answered(response), f"{where}: GET answered {response.status_code}"
                else:
                    assert _refused(response), f"{where}: GET answered {response.status_code}"
                _reveals(response, eff, rule, where)
            if rule.write is not None and eff in rule.write and rule.harmless:
                response = _send(client, rule.method, url, rule.payload, api)
                assert _answered(response), f"{where}: {rule.method} answered {response.status_code}"
                _reveals(response, eff, rule, where)
            elif rule.write is not None and eff not in rule.write:
                before = AuditEntry.objects.filter(actor=user).count() if user else 0
                response = _send(client, rule.method, url, rule.payload, api)
                assert _refused(response), f"{where}: {rule.method} answered {response.status_code}"
                _reveals(response, eff, rule, where)
                if user:
                    assert AuditEntry.objects.filter(actor=user).count() == before, (
                        f"{where}: a write was recorded"
                    )


def _admin_targets(world):
    """(url name, kwargs) for the change, history and delete pages of one object of every admin model."""
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        for view in ("change", "history", "delete"):
            yield f"admin:{info}_{view}", {"object_id": obj.pk}


def test_the_admin_is_for_administrators_only(world, clients, db):
    targets = list(_admin_targets(world))
    assert len(targets) > 60
    for name, kwargs in targets:
        url = reverse(name, kwargs=kwargs)
        for role, client in clients.items():
            user = world.users[role]
            if user is not None and "_auth_user_id" not in client.session:
                _client(user, client)
            response = client.get(url)
            if role == "admin":
                # 403 where the admin itself allows no change or deletion (applications, audit entries).
                assert response.status_code in (200, 403), f"{name}: {response.status_code}"
            else:
                assert response.status_code == 302 and "login" in response["Location"], f"{name} as {role}"
