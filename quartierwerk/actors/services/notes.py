"""Notes and contact activity, saved directory filters, invitations to a contact list."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import Conflict, DomainError, require
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.models import Quarter
from quartierwerk.core.text import clean_line

from .. import rules
from ..models import (
    ContactActivity,
    Person,
    SavedFilter,
)
from .cleaning import plain
from .privacy import withdraw_url


def add_activity(*, by, kind: str, text: str, on_date: date | None = None, organisation=None, person=None):
    """A note or a contact (met, called, e-mailed) in the log of an organisation or person."""
    subject = organisation or person
    if subject is None:
        raise DomainError(_("Say whom the note is about."))
    require(rules.can_add_note(by, subject))
    if kind not in ContactActivity.Kind.values or kind == ContactActivity.Kind.MERGED:
        raise DomainError(_("Choose a valid kind."), field="kind")
    text = plain(text)
    if not text:
        raise DomainError(_("Write what happened."), field="text")
    with transaction.atomic():
        activity = ContactActivity.objects.create(
            quarter_id=subject.quarter_id,
            organisation=organisation,
            person=person,
            kind=kind,
            text=text[:5000],
            date=on_date or timezone.localdate(),
            created_by=by,
        )
        audit.record(by, "actors.activity_added", subject, kind=kind)
    return activity


def save_filter(*, by, quarter: Quarter, name: str, params: dict) -> SavedFilter:
    require(rules.can_manage_actors(by, quarter))
    from ..selectors import DirectoryFilter

    name = clean_line(name, max_length=160, truncate=True)
    if not name:
        raise DomainError(_("Give the filter a name."), field="name")
    clean = DirectoryFilter.from_params(params, staff=True).as_params()
    try:
        with transaction.atomic():
            saved = SavedFilter.objects.create(quarter=quarter, name=name, params=clean, created_by=by)
            audit.record(by, "actors.filter_saved", saved, name=name)
    except IntegrityError:
        raise Conflict(_("A saved filter with this name exists already."), field="name")
    return saved


def delete_filter(*, by, saved: SavedFilter) -> None:
    require(rules.can_manage_actors(by, saved))
    with transaction.atomic():
        audit.record(by, "actors.filter_deleted", saved, name=saved.name)
        saved.delete()


def send_invitation(*, by, quarter: Quarter, contacts, subject: str, message: str, about: str = "") -> int:
    """Send one e-mail per address of a contact list (a group's or a saved filter's) through the outbox.

    Mails to persons carry their one-click withdrawal link; each address gets the mail once.
    """
    require(rules.can_export_contacts(by, quarter))
    subject = clean_line(subject, max_length=200, truncate=True)
    message = plain(message)
    if not subject or not message:
        raise DomainError(_("Write a subject and a message."), field="subject")
    persons = {p.pk: p for p in Person.objects.filter(pk__in=[c.person_id for c in contacts if c.person_id])}
    sent, seen = 0, set()
    with transaction.atomic():
        for contact in contacts:
            email = (contact.email or "").strip().lower()
            if not email or email in seen:
                continue
            seen.add(email)
            person = persons.get(contact.person_id)
            queue_templated_mail(
                email,
                "actors/mail/invitation",
                {
                    "subject": subject,
                    "message": message,
                    "contact": contact,
                    "quarter": quarter,
                    "sender": str(by),
                    "withdraw_link": withdraw_url(person) if person else "",
                },
                purpose="actors.invitation",
            )
            sent += 1
        audit.record(by, "actors.invitation_sent", quarter, quarter=quarter, about=about, recipients=sent)
    return sent
