"""The minutes of a session: written as a draft, then released and read-only."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition
from quartierwerk.core.text import clean_text

from .. import workflows
from ..models import (
    Event,
    Minutes,
)
from .common import _history, _minutes_for_update, _session


@transaction.atomic
def save_minutes(
    *, by, event: Event, notes: str = "", items: dict | None = None, version: int | None = None
) -> Minutes:
    """Write the minutes: general notes and per agenda item discussion, decision and the votes counted.

    `version` is the version the editor started from; if another person saved in between, nothing is
    overwritten (the same person's own draft, saved a moment earlier as they typed, is simply updated).
    """
    _session(event, by)
    minutes = _minutes_for_update(event)
    workflows.enforce(
        workflows.MINUTES,
        by,
        minutes,
        "edit",
        refused=_("You may not manage this session."),
        invalid=_("Released minutes cannot be changed."),
    )
    if version is not None and version != minutes.version and minutes.written_by_id != by.pk:
        who = minutes.written_by or _("someone else")
        raise Conflict(
            _(
                "%(who)s saved the minutes in the meantime (version %(version)s). Your text has not been "
                "saved: copy it, reload the page and add it again."
            )
            % {"who": who, "version": minutes.version}
        )
    minutes.notes = clean_text(notes, max_length=20000, truncate=True)
    minutes.written_by = by
    minutes.updated_at = timezone.now()
    minutes.version += 1
    minutes.save()
    agenda = {item.pk: item for item in event.agenda_items.all()}
    for item_id, values in (items or {}).items():
        item = agenda.get(int(item_id))
        if item is None:
            raise DomainError(_("This agenda item belongs to another session."))
        item.discussion = clean_text(values.get("discussion", ""), max_length=20000, truncate=True)
        item.decision = clean_text(values.get("decision", ""), max_length=5000, truncate=True)
        for name in ("votes_yes", "votes_no", "votes_abstain"):
            value = values.get(name)
            if value in (None, ""):
                setattr(item, name, None)
                continue
            try:
                number = int(value)
            except (TypeError, ValueError):
                raise DomainError(_("Votes must be whole numbers."), field=name) from None
            if number < 0 or number > 10000:
                raise DomainError(_("Votes must be whole numbers."), field=name)
            setattr(item, name, number)
        item.save()
    audit.record(by, "events.minutes_saved", event)
    return minutes


@transaction.atomic
def release_minutes(*, by, event: Event) -> Minutes:
    """The chair (or the office) releases the minutes; from then on they are read-only."""
    _session(event, by)
    minutes = _minutes_for_update(event)
    step = workflows.enforce(
        workflows.MINUTES,
        by,
        minutes,
        "release",
        refused=_("You may not manage this session."),
        invalid=_("The minutes are already released."),
    )
    if event.starts_at > timezone.now():
        raise InvalidTransition(_("The minutes can be released once the session has taken place."))
    if not (minutes.notes or event.agenda_items.exclude(discussion="", decision="").exists()):
        raise InvalidTransition(_("The minutes are empty; write them before releasing."))
    old = minutes.status
    minutes.status = step.target
    minutes.released_by = by
    minutes.released_at = timezone.now()
    minutes.save()
    _history(by=by, subject="minutes", old=old, new=minutes.status, event=event)
    audit.record(by, "events.minutes_released", event)
    return minutes
