"""Who may do what: role lookups and the core predicates every app composes its own rules from.

Predicates take `(user, target)` where the target is a Quarter or any object with `quarter_id`.
An object with no quarter belongs to the level of its city (`city_id`): city staff of that city see it,
city staff of another city do not, and an object with neither belongs to no one but administrators.
Role lookups cost one query per request.
"""

from dataclasses import dataclass, field

import rules
from django.db.models import Model

from .models import Membership, Quarter

ROLES = ("anonymous", "resident", "actor_representative", "award_team", "staff", "city_staff", "admin")


@dataclass
class RoleSet:
    """A user's roles, loaded once per request."""

    by_quarter: dict[int, set[str]] = field(default_factory=dict)
    city_ids: set[int] = field(default_factory=set)
    city_quarter_ids: set[int] = field(default_factory=set)
    is_admin: bool = False

    def roles_in(self, quarter_id: int | None) -> set[str]:
        roles = set(self.by_quarter.get(quarter_id, set())) if quarter_id else set()
        if quarter_id in self.city_quarter_ids:
            roles.add(Membership.Role.CITY_STAFF)
        if self.is_admin:
            roles.add("admin")
        return roles

    @property
    def staff_quarter_ids(self) -> set[int]:
        return {qid for qid, roles in self.by_quarter.items() if Membership.Role.STAFF in roles}

    @property
    def needs_second_factor(self) -> bool:
        return self.is_admin or bool(self.city_ids) or bool(self.staff_quarter_ids)


def role_set(user) -> RoleSet:
    """The user's roles, cached on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return RoleSet()
    cached = getattr(user, "_qw_roles", None)
    if cached is not None:
        return cached
    result = RoleSet(is_admin=user.is_superuser)
    for role, quarter_id, city_id in Membership.objects.filter(user=user).values_list(
        "role", "quarter_id", "city_id"
    ):
        if role == Membership.Role.CITY_STAFF:
            result.city_ids.add(city_id)
        else:
            result.by_quarter.setdefault(quarter_id, set()).add(role)
    if result.city_ids:
        result.city_quarter_ids = set(
            Quarter.objects.filter(city_id__in=result.city_ids).values_list("pk", flat=True)
        )
    user._qw_roles = result
    return result


def forget_roles(user) -> None:
    """Drop the cached roles after memberships changed."""
    if hasattr(user, "_qw_roles"):
        del user._qw_roles


def quarter_id_of(target) -> int | None:
    if target is None:
        return None
    if isinstance(target, Quarter):
        return target.pk
    if isinstance(target, int):
        return target
    if isinstance(target, Model) or hasattr(target, "quarter_id"):
        return getattr(target, "quarter_id", None)
    return None


def city_id_of(target) -> int | None:
    """The city an object belongs to: its own `city_id`, or its quarter's city."""
    if target is None or isinstance(target, int):
        return None
    if isinstance(target, Quarter):
        return target.city_id
    city_id = getattr(target, "city_id", None)
    if city_id is not None:
        return city_id
    if getattr(target, "quarter_id", None) is not None:
        quarter = getattr(target, "quarter", None)
        return getattr(quarter, "city_id", None)
    return None


def roles_here(user, target) -> set[str]:
    """The roles the user holds for the quarter of `target`."""
    return role_set(user).roles_in(quarter_id_of(target))


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_admin(user) -> bool:
    return role_set(user).is_admin


@rules.predicate
def is_staff_of_quarter(user, target) -> bool:
    return Membership.Role.STAFF in roles_here(user, target)


@rules.predicate
def is_city_staff(user, target) -> bool:
    """City staff of the city the target's quarter lies in, or of the city a city-wide object belongs to."""
    qid = quarter_id_of(target)
    rs = role_set(user)
    if qid:
        return qid in rs.city_quarter_ids
    return city_id_of(target) in rs.city_ids


@rules.predicate
def is_resident_of_quarter(user, target) -> bool:
    return Membership.Role.RESIDENT in roles_here(user, target)


@rules.predicate
def is_actor_representative(user, target) -> bool:
    return Membership.Role.ACTOR_REPRESENTATIVE in roles_here(user, target)


@rules.predicate
def is_award_team_member(user, target) -> bool:
    return Membership.Role.AWARD_TEAM in roles_here(user, target)


@rules.predicate
def is_staff_anywhere(user) -> bool:
    return bool(role_set(user).staff_quarter_ids)


# Composed rules of the core.
can_manage_quarter = is_staff_of_quarter | is_admin
can_view_dashboard = is_staff_of_quarter | is_city_staff | is_admin
can_see_internal = is_staff_of_quarter | is_city_staff | is_admin
can_manage_city = is_admin


@rules.predicate
def is_city_staff_of_party_city(user, party) -> bool:
    """City staff of the city a responsible party belongs to."""
    return party is not None and party.city_id in role_set(user).city_ids


# Data protection: the request log is kept by the office, its city and the administrators; the
# responsible parties (controller, DPO, Impressum) are the city's to edit.
can_handle_subject_requests = is_staff_of_quarter | is_city_staff | is_admin
can_view_processing_record = is_staff_of_quarter | is_city_staff | is_admin
can_edit_responsible_party = is_city_staff_of_party_city | is_admin
can_set_arrangement = is_city_staff | is_admin


def may_manage_parties(user) -> bool:
    """Whether the user may open the page of responsible parties at all (city staff or admin)."""
    rs = role_set(user)
    return rs.is_admin or bool(rs.city_ids)


def role_name(user, target=None) -> str:
    """The strongest role name of a user for a quarter (for tests, badges and demo output)."""
    if not is_authenticated(user):
        return "anonymous"
    roles = roles_here(user, target)
    for name in ("admin", "city_staff", "staff", "award_team", "actor_representative", "resident"):
        if name in roles:
            return name
    return "registered"


def capabilities(user, quarter) -> dict[str, bool]:
    """What this user may do in this quarter: the one place pages and the API ask."""
    return {
        "view_dashboard": can_view_dashboard(user, quarter),
        "manage_quarter": can_manage_quarter(user, quarter),
        "see_internal": can_see_internal(user, quarter),
        "is_award_team": is_award_team_member(user, quarter),
        "is_actor_representative": is_actor_representative(user, quarter),
        "is_resident": is_resident_of_quarter(user, quarter),
    }


@rules.predicate
def is_city_staff_anywhere(user) -> bool:
    return bool(role_set(user).city_ids)


@rules.predicate
def reaches_footprint(user, footprint) -> bool:
    """Every quarter and city-wide row of a person's data (`privacy_services.reach.Footprint`) is the user's:
    staff reach their quarters, city staff their city's quarters and city-wide rows. A person with no data in
    any quarter is reached by administrators only (they hold only an account, mails or log entries)."""
    if footprint is None or footprint.empty:
        return False
    rs = role_set(user)
    quarters_ok = footprint.quarter_ids <= (rs.staff_quarter_ids | rs.city_quarter_ids)
    return quarters_ok and footprint.city_ids <= rs.city_ids


# Erasing by address (staff page and API) and handing out a request's ZIP reach only subjects whose data
# lies where the staff member works; the page itself is open to every office and city staff member.
can_open_staff_erasure = is_staff_anywhere | is_city_staff_anywhere | is_admin
can_act_on_subject = reaches_footprint | is_admin
