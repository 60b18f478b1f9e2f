"""Reads of the core shared by pages, API and other modules: who is responsible, the request log."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ControllerArrangement, ProcessingRestriction, Quarter, ResponsibleParty, SubjectRequest


def add_one_month(day: datetime.date) -> datetime.date:
    """The same date a month later, or the month's last day when it has no such date (Art. 12 (3) GDPR,
    periods per Regulation 1182/71 Art. 3 (2) c)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PartyRole:
    """One party responsible for a quarter's data and in what capacity."""

    party: ResponsibleParty
    role: str  # "controller", "joint_controller" or "processor"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self.role])

    @property
    def is_controller(self) -> bool:
        return self.role != "processor"


ROLE_LABELS = {
    "controller": _("Controller (Art. 4 No. 7 GDPR)"),
    "joint_controller": _("Joint controller (Art. 26 GDPR)"),
    "processor": _("Processor on behalf of the controller (Art. 28 GDPR)"),
}


def city_administration(city_id: int) -> ResponsibleParty | None:
    return ResponsibleParty.objects.filter(city_id=city_id, kind=ResponsibleParty.Kind.CITY).first()


def city_administrations() -> QuerySet:
    return ResponsibleParty.objects.filter(kind=ResponsibleParty.Kind.CITY).select_related("city")


def responsible_parties(quarter: Quarter) -> list[PartyRole]:
    """Who is responsible for the quarter's data as its contract states: controllers first."""
    city = city_administration(quarter.city_id)
    operator = quarter.operator_party
    roles: list[PartyRole] = []
    if quarter.arrangement == ControllerArrangement.JOINT and operator:
        roles = [PartyRole(p, "joint_controller") for p in (city, operator) if p]
    else:
        if city:
            roles.append(PartyRole(city, "controller"))
        if operator and quarter.arrangement == ControllerArrangement.PROCESSOR:
            roles.append(PartyRole(operator, "processor"))
    return roles


def quarters_with_parties() -> QuerySet:
    return Quarter.objects.filter(is_active=True).select_related("city", "operator_party")


# The request log --------------------------------------------------------------------------------------


def subject_requests(quarter: Quarter) -> QuerySet:
    """The quarter's request log: open ones first, by deadline (one query)."""
    return SubjectRequest.objects.filter(quarter=quarter).select_related("logged_by", "user")


def request_counts(quarter: Quarter, today: datetime.date | None = None) -> dict[str, int]:
    """Open and overdue requests of a quarter, for the staff dashboard (one query)."""
    today = today or timezone.localdate()
    return SubjectRequest.objects.filter(quarter=quarter, status=SubjectRequest.Status.OPEN).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today))
    )


def restrictions_in_force() -> QuerySet:
    """Restrictions (Art. 18) and objections (Art. 21) currently in force."""
    return ProcessingRestriction.objects.filter(lifted_on__isnull=True)


def restricted_emails() -> QuerySet:
    """The (lower-case) e-mail addresses whose processing is restricted or objected to, as a subquery."""
    return restrictions_in_force().values("email")


def restriction_for(email: str) -> ProcessingRestriction | None:
    """The restriction or objection in force for an address, if any (for flags in staff views)."""
    email = (email or "").strip().lower()
    if not email:
        return None
    return restrictions_in_force().filter(email=email).select_related("request").first()


# Written in place of a restricted person's name in lists and exports that keep the row (a seat, an amount).
RESTRICTED_LABEL = _("(processing restricted, Art. 18/21 GDPR)")


def is_restricted(email_path: str = "email") -> Exists:
    """True for rows whose e-mail address has a restriction or objection in force: filter or annotate
    other modules' querysets with it to leave such people out of lists and exports, or to flag them."""
    return Exists(restrictions_in_force().filter(email=Lower(OuterRef(email_path))))
