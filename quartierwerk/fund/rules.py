"""Who may do what in the fund: one predicate per permission, composed from the core predicates.

Targets are a Quarter or any fund object with `quarter_id` (Fund, Application, AwardSession, AgendaItem).
"""

import rules
from django.utils import timezone

from quartierwerk.core.rules import (
    is_admin,
    is_award_team_member,
    is_city_staff,
    is_staff_of_quarter,
)

VOTING_ROLES = ("chair", "member", "deputy")


def _fund_of(target):
    from .models import AgendaItem, Application, AwardSession, Fund

    if isinstance(target, Fund):
        return target
    if isinstance(target, Application | AwardSession):
        return target.fund
    if isinstance(target, AgendaItem):
        return target.session.fund
    return None


def seat_roles(user, fund) -> set[str]:
    """The roles the user currently holds in the fund's award-team group (through a Person of theirs)."""
    if fund is None or fund.award_team_id is None or not getattr(user, "is_authenticated", False):
        return set()
    cache = user.__dict__.setdefault("_qw_fund_seats", {})
    if fund.award_team_id not in cache:
        from django.db.models import Q

        from quartierwerk.actors.models import GroupMembership

        today = timezone.localdate()
        cache[fund.award_team_id] = set(
            GroupMembership.objects.filter(
                group_id=fund.award_team_id, person__user=user, start_date__lte=today
            )
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .values_list("role", flat=True)
        )
    return cache[fund.award_team_id]


def seat_person(user, fund):
    """The person through whom the user holds a current voting seat in the fund's award team, or None."""
    if fund is None or fund.award_team_id is None or not getattr(user, "is_authenticated", False):
        return None
    from django.db.models import Q

    from quartierwerk.actors.models import GroupMembership

    today = timezone.localdate()
    seat = (
        GroupMembership.objects.filter(
            group_id=fund.award_team_id, person__user=user, role__in=VOTING_ROLES, start_date__lte=today
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person")
        .first()
    )
    return seat.person if seat else None


def forget_seats(user) -> None:
    user.__dict__.pop("_qw_fund_seats", None)


@rules.predicate
def sits_in_award_team(user, target) -> bool:
    """A current chair, member or deputy seat in the fund's award team."""
    return bool(seat_roles(user, _fund_of(target)) & set(VOTING_ROLES))


@rules.predicate
def chairs_award_team(user, target) -> bool:
    return "chair" in seat_roles(user, _fund_of(target))


@rules.predicate
def is_applicant(user, target) -> bool:
    """The user applied for the item's application (their account, or their e-mail address)."""
    from .models import AgendaItem, Application

    application = target.application if isinstance(target, AgendaItem) else target
    if not isinstance(application, Application) or not getattr(user, "is_authenticated", False):
        return False
    return application.user_id == user.pk or application.email.lower() == user.email.lower()


@rules.predicate
def has_recused(user, item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    # Uses the prefetched recusals when the page loaded them.
    return any(r.user_id == user.pk for r in item.recusals.all())


@rules.predicate
def item_is_open(user, item) -> bool:
    return item.is_open and item.session.status == item.session.Status.PLANNED


@rules.predicate
def session_on_paper(user, item) -> bool:
    from .models import AwardSession

    session = item if isinstance(item, AwardSession) else item.session
    return session.on_paper


@rules.predicate
def is_owner(user, application) -> bool:
    return getattr(user, "is_authenticated", False) and application.user_id == user.pk


@rules.predicate
def application_editable(user, application) -> bool:
    return application.is_editable


@rules.predicate
def office_decides(user, application) -> bool:
    """Small grants up to the office's limit, and every application the award team has recommended."""
    from .models import Application, Decision
    from .services import decision_level

    if application.status == Application.Status.RECOMMENDED:
        return True
    return decision_level(application.fund, application.requested_amount) == Decision.Level.OFFICE


is_voting_member = is_award_team_member & sits_in_award_team

# The public fund page, rules and funded projects.
can_view_fund = rules.always_allow
# Applicants edit their own draft (by account here; by private link in the views).
can_edit_own_application = is_owner & application_editable
# The office: inbox, completeness check, notes, agenda, decisions, fund settings.
can_manage_fund = is_staff_of_quarter | is_admin
can_triage = can_manage_fund
can_configure_fund = can_manage_fund
can_add_note = can_manage_fund
can_schedule = can_manage_fund
can_decide = can_manage_fund
# The decide buttons and the office's decision: its own below its limit, or after a recommendation.
can_decide_now = can_decide & office_decides
can_correct_amount = can_manage_fund
# Read the applications and their documents: office, city, administrators, and the award team.
can_view_applications = is_staff_of_quarter | is_city_staff | is_admin | is_voting_member
can_see_contact = is_staff_of_quarter | is_city_staff | is_admin
can_view_internal_notes = is_staff_of_quarter | is_city_staff | is_admin | is_voting_member
# The money: the city pays and checks.
can_record_payout = is_staff_of_quarter | is_city_staff | is_admin
can_check_proof = is_staff_of_quarter | is_city_staff | is_admin
can_view_budget = is_staff_of_quarter | is_city_staff | is_admin | is_voting_member
can_export = is_staff_of_quarter | is_city_staff | is_admin
# Award sessions.
can_view_session = is_staff_of_quarter | is_city_staff | is_admin | is_voting_member
can_plan_session = can_manage_fund
can_vote = is_voting_member & ~is_applicant & ~has_recused & item_is_open
can_recuse = is_voting_member & item_is_open
can_enter_paper_votes = (is_staff_of_quarter | is_admin) & session_on_paper
can_count_votes = is_staff_of_quarter | is_admin | chairs_award_team
can_close_item = can_count_votes & item_is_open
can_close_session = can_plan_session | chairs_award_team
can_sign_minutes = chairs_award_team | ((is_staff_of_quarter | is_admin) & session_on_paper)
