"""Sessions of a group: agenda with documents, invitations and the next session."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.text import clean_line, clean_text

from .. import ical, workflows
from ..models import (
    AgendaDocument,
    AgendaItem,
    Event,
    Minutes,
)
from .common import _minutes_for_update, _session, current_members


@transaction.atomic
def add_agenda_item(
    *, by, event: Event, title: str, description: str = "", is_public: bool = True
) -> AgendaItem:
    """Add an item at the end of a session's agenda."""
    _session(event, by)
    title = clean_line(title, max_length=300, truncate=True)
    if not title:
        raise DomainError(_("Please give the agenda item a title."), field="title")
    last = event.agenda_items.aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        event=event,
        position=last + 1,
        title=title,
        description=clean_text(description, max_length=5000, truncate=True),
        is_public=is_public,
    )
    audit.record(by, "events.agenda_item_added", event, item=item.pk, title=title)
    return item


@transaction.atomic
def plan_next_session(*, by, event: Event, starts_at: datetime.datetime) -> Event:
    """The chair (or the office) schedules the group's next session like this one: same place, length, visibility."""
    _session(event, by)
    if starts_at <= event.starts_at:
        raise DomainError(_("The next session must come after this one."), field="starts_at")
    nxt = Event.objects.create(
        city=event.city,
        quarter=event.quarter,
        title=event.title,
        kind=event.kind,
        topic=event.topic,
        starts_at=starts_at,
        ends_at=starts_at + event.duration,
        venue=event.venue,
        online_url=event.online_url,
        group=event.group,
        languages=event.languages,
        childcare=event.childcare,
        is_public=event.is_public,
        quorum=event.quorum,
        created_by=by if getattr(by, "pk", None) else None,
    )
    Minutes.objects.create(event=nxt)
    audit.record(by, "events.next_session_planned", nxt, after=event.pk, starts_at=starts_at)
    return nxt


@transaction.atomic
def remove_agenda_item(*, by, item: AgendaItem) -> None:
    """Take an item off the agenda before the minutes are released; the others close ranks."""
    event = item.event
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
    title = item.title
    item.delete()
    for position, rest in enumerate(event.agenda_items.order_by("position", "pk"), start=1):
        if rest.position != position:
            rest.position = position
            rest.save(update_fields=["position"])
    audit.record(by, "events.agenda_item_removed", event, title=title)


@atomic_with_files()
def attach_document(*, by, item: AgendaItem, uploaded, title: str = "") -> AgendaDocument:
    """Attach a checked document (PDF, DOCX, ODT) or image to an agenda item."""
    _session(item.event, by)
    clean = clean_upload(uploaded, kinds=("document", "image"), max_bytes=settings.UPLOAD_MAX_BYTES)
    doc = AgendaDocument(
        item=item,
        title=clean_line(title, max_length=200, truncate=True) or clean.original_name,
        content_type=clean.content_type,
        size=clean.size,
    )
    store(doc.file, clean.content)
    doc.save()
    audit.record(by, "events.document_attached", item.event, item=item.pk, document=doc.pk)
    return doc


def invite_members(*, by, event: Event) -> int:
    """Send the invitation with the agenda (and open tasks) to every current member with an e-mail address."""
    from quartierwerk.actors.services import withdraw_url

    _session(event, by)
    from ..selectors import open_action_items_of_group

    items = list(event.agenda_items.all())
    open_tasks = list(open_action_items_of_group(event.group_id, before=event.starts_at))
    attachment = [("termin.ics", ical.single_event(event), "text/calendar")]
    count = 0
    with transaction.atomic():
        for seat in current_members(event.group_id):
            person = seat.person
            # A person who withdrew (or was anonymised) is on no invitation list any more.
            if not person.email or person.withdrawn_at or person.anonymised_at:
                continue
            queue_templated_mail(
                seat.person.email,
                "events/mail/invitation",
                {
                    "event": event,
                    "person": seat.person,
                    "agenda": items,
                    "open_tasks": open_tasks,
                    "event_url": settings.SITE_URL + event.get_absolute_url(),
                    "withdraw_link": withdraw_url(person),
                },
                attachments=attachment,
            )
            count += 1
        audit.record(by, "events.members_invited", event, count=count)
    return count
