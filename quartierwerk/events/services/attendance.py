"""Who came to a session, and whether it had a quorum."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError

from ..models import (
    Attendance,
    Event,
)
from .common import _session, current_members


@transaction.atomic
def record_attendance(*, by, event: Event, statuses: dict[int, str]) -> list[Attendance]:
    """Record who was present, excused or absent; only current members and guests of the group."""
    _session(event, by)
    seats = {
        seat.person_id: seat
        for seat in current_members(event.group_id, timezone.localtime(event.starts_at).date())
    }
    result = []
    for person_id, status in statuses.items():
        if status not in Attendance.Status.values:
            raise DomainError(_("Unknown attendance: %(status)s") % {"status": status})
        seat = seats.get(int(person_id))
        if seat is None:
            raise DomainError(_("This person is not a member of the group."))
        row, _created = Attendance.objects.update_or_create(
            event=event,
            person_id=seat.person_id,
            defaults={"status": status, "is_member": seat.role != "guest"},
        )
        result.append(row)
    audit.record(by, "events.attendance_recorded", event, count=len(result))
    return result


def quorum(event: Event, attendance=None, members=None) -> dict:
    """Members present, the number needed, and whether the session has a quorum."""
    members = list(members if members is not None else current_members(event.group_id))
    voting = [m for m in members if m.role != "guest"]
    rows = attendance if attendance is not None else list(event.attendance.all())
    present = sum(1 for a in rows if a.status == Attendance.Status.PRESENT and a.is_member)
    needed = event.quorum or (len(voting) // 2 + 1)
    return {"present": present, "members": len(voting), "needed": needed, "reached": present >= needed}
