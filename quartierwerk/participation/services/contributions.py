"""What participants do: bring in ideas, comment, flag, support and place their dots.

Each write asks the same rule the page asks (`rules.may`), which reads what the running phase allows.
Support is unique per person in the database; dots are counted on a ballot per person and phase whose
row is locked while it changes and whose `used <= budget` the database checks.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, generations, geo
from quartierwerk.core.errors import Conflict, DomainError, NotAllowed, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.text import clean_email, clean_line, clean_text

from .. import rules
from ..models import Ballot, Comment, Dot, Flag, Idea, Revision, Support
from .similarity import schedule_embedding

MAX_PHOTO_BYTES = 8 * 1024 * 1024


def _account(user):
    return user if getattr(user, "is_authenticated", False) else None


def _running(process):
    phase = process.current_phase()
    if phase is not None:
        phase.process = process
    return phase


def _check(flag: str, user, phase, code, message: str) -> None:
    if not rules.may(flag, user, phase, code):
        raise NotAllowed(message)


def submit_idea(
    *,
    process,
    user=None,
    code=None,
    title,
    text,
    category,
    lat=None,
    lon=None,
    address="",
    photo=None,
    language="",
    email="",
) -> Idea:
    """Bring an idea into the running collecting phase (with an account or a redeemed code)."""
    phase = _running(process)
    _check("may_submit_idea", user, phase, code, _("Ideas cannot be brought in at the moment."))
    title = clean_line(title, max_length=160, field="title")
    text = clean_text(text, max_length=4000, field="text")
    if not title:
        raise DomainError(_("Please give your idea a short title."), field="title")
    if not text:
        raise DomainError(_("Please describe your idea."), field="text")
    if category not in Idea.Category.values:
        raise DomainError(_("Choose a category."), field="category")
    if (lat is None) != (lon is None):
        raise DomainError(_("Set the place on the map, or leave it empty."), field="lat")
    quarter = process.quarter
    if lat is not None and quarter is not None and quarter.boundary and not geo.contains(quarter, lat, lon):
        raise DomainError(_("The place lies outside the quarter. Please set it inside."), field="lat")
    cleaned = clean_upload(photo, kinds=("image",), max_bytes=MAX_PHOTO_BYTES) if photo else None
    account = _account(user)
    with atomic_with_files():
        idea = Idea(
            process=process,
            quarter=quarter,
            title=title,
            text=text,
            category=category,
            lat=lat,
            lon=lon,
            address=clean_line(address, max_length=250, field="address"),
            language=(language or "")[:8],
            author=account,
            code=None if account else code,
            email=clean_email(email) if email else "",
        )
        if cleaned:
            store(idea.photo, cleaned.content)
            idea.photo_type = cleaned.content_type
        idea.save()
        audit.record(account or _("code holder"), "participation.idea_submitted", idea)
        schedule_embedding(idea)
    return idea


def edit_idea(*, idea: Idea, by, title, text) -> Idea:
    """Correct an idea's wording; the earlier wording is kept in its history.

    Its author may do so while ideas are being collected; the office at any time.
    """
    own = rules.is_author(by, idea) and rules.can_submit_idea(by, _running(idea.process))
    require(rules.can_run_process(by, idea) or own, _("You may not change this idea."))
    title = clean_line(title, max_length=160, field="title")
    text = clean_text(text, max_length=4000, field="text")
    if not title or not text:
        raise DomainError(_("Title and text may not be empty."), field="text")
    with transaction.atomic():
        Revision.objects.create(idea=idea, title=idea.title, text=idea.text, edited_by=_account(by))
        idea.title, idea.text, idea.updated_at = title, text, timezone.now()
        idea.save(update_fields=["title", "text", "updated_at"])
        audit.record(by, "participation.idea_edited", idea)
        schedule_embedding(idea)
    return idea


def comment(*, idea: Idea, user=None, code=None, text, parent=None, language="") -> Comment:
    """A comment on an idea, or a reply to a comment (replies are not nested further)."""
    phase = _running(idea.process)
    _check("may_comment", user, phase, code, _("Comments are closed at the moment."))
    if idea.is_hidden:
        raise NotAllowed(_("This idea cannot be commented on."))
    text = clean_text(text, max_length=2000, field="text")
    if not text:
        raise DomainError(_("Please write a comment."), field="text")
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise DomainError(_("This reply belongs to another idea."), field="parent")
        parent = parent if parent.parent_id is None else parent.parent
    account = _account(user)
    with transaction.atomic():
        made = Comment.objects.create(
            idea=idea,
            parent=parent,
            author=account,
            code=None if account else code,
            by_office=bool(account and rules.can_run_process(account, idea)),
            text=text,
            language=(language or "")[:8],
        )
        Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
        generations.bump("participation", idea.quarter_id)
    return made


def edit_comment(*, comment: Comment, by, text) -> Comment:
    """The author corrects a comment; the earlier wording is kept."""
    require(rules.is_author(by, comment), _("You may only change your own comments."))
    text = clean_text(text, max_length=2000, field="text")
    if not text:
        raise DomainError(_("Please write a comment."), field="text")
    with transaction.atomic():
        Revision.objects.create(idea_id=comment.idea_id, comment=comment, text=comment.text, edited_by=by)
        comment.text, comment.edited_at = text, timezone.now()
        comment.save(update_fields=["text", "edited_at"])
        generations.bump("participation", comment.idea.quarter_id)
    return comment


def flag_comment(*, comment: Comment, user, reason="") -> bool:
    """A participant tells the office a comment breaks the rules; once per person. Answers whether counted."""
    require(rules.can_flag(user, comment.idea), _("Log in to report a comment."))
    reason = clean_line(reason, max_length=300, field="reason")
    try:
        with transaction.atomic():
            Flag.objects.create(comment=comment, user=user, reason=reason)
            Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    except IntegrityError:
        return False
    return True


def support(*, idea: Idea, user=None, code=None) -> bool:
    """Support an idea, once per person (the database refuses a second row). Answers whether it counted."""
    phase = _running(idea.process)
    _check("may_support", user, phase, code, _("Ideas cannot be supported at the moment."))
    if idea.is_hidden:
        raise NotAllowed(_("This idea cannot be supported."))
    account = _account(user)
    if account and idea.author_id == account.pk:
        raise Conflict(_("This is your own idea."))
    try:
        with transaction.atomic():
            Support.objects.create(idea=idea, user=account, code=None if account else code)
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    generations.bump("participation", idea.quarter_id)
    return True


def _ballot(phase, account, code) -> Ballot:
    """The person's ballot of this phase, created on first use (a concurrent twin is caught by the database)."""
    who = {"user": account} if account else {"code": code}
    ballot = Ballot.objects.filter(phase=phase, **who).first()
    if ballot is not None:
        return ballot
    try:
        with transaction.atomic():
            return Ballot.objects.create(phase=phase, budget=phase.process.dots_per_person, **who)
    except IntegrityError:
        return Ballot.objects.get(phase=phase, **who)


def set_dots(*, idea: Idea, points: int, user=None, code=None) -> Ballot:
    """Put `points` of the person's dots on an idea (0 takes them off); all dots together stay within budget.

    The ballot row is locked while the dots change, and `used <= budget` is a database check: thirty
    clicks at once spend the dots once.
    """
    phase = _running(idea.process)
    _check("may_dot_vote", user, phase, code, _("Dots cannot be placed at the moment."))
    if idea.is_hidden:
        raise NotAllowed(_("This idea cannot be voted on."))
    if not isinstance(points, int) or points < 0:
        raise DomainError(_("Give a number of dots, 0 or more."), field="points")
    account = _account(user)
    ballot = _ballot(phase, account, code)
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        dot = Dot.objects.filter(ballot=ballot, idea=idea).first()
        old = dot.points if dot else 0
        if ballot.used - old + points > ballot.budget:
            raise Conflict(
                _("You have %(left)d of %(budget)d dots left.")
                % {"left": ballot.budget - ballot.used, "budget": ballot.budget},
                field="points",
            )
        if points == old:
            return ballot
        if points == 0:
            dot.delete()
        elif dot is None:
            Dot.objects.create(ballot=ballot, idea=idea, points=points)
        else:
            Dot.objects.filter(pk=dot.pk).update(points=points)
        ballot.used = ballot.used - old + points
        ballot.save(update_fields=["used"])
        Idea.objects.filter(pk=idea.pk).update(dot_count=F("dot_count") + (points - old))
        generations.bump("participation", idea.quarter_id)
    return ballot


OFFLINE_CHANNELS = tuple(c for c in Idea.Channel.values if c != Idea.Channel.ONLINE)


def record_offline_idea(
    *, process, by, channel, title, text, category, note="", address="", lat=None, lon=None, language=""
) -> Idea:
    """Enter an idea said at a workshop, at the door, on a walk or written on a paper form (the office only).

    It carries its channel, so online and offline contributions are evaluated together and told apart.
    Unlike an online idea it can be entered after the collecting phase, once the forms reach the office.
    """
    require(rules.can_run_process(by, process), _("You may not enter ideas for this process."))
    if channel not in OFFLINE_CHANNELS:
        raise DomainError(_("Choose where the idea was collected."), field="channel")
    title = clean_line(title, max_length=160, field="title")
    text = clean_text(text, max_length=4000, field="text")
    if not title or not text:
        raise DomainError(_("Title and text may not be empty."), field="text")
    if category not in Idea.Category.values:
        raise DomainError(_("Choose a category."), field="category")
    if (lat is None) != (lon is None):
        raise DomainError(_("Set the place on the map, or leave it empty."), field="lat")
    quarter = process.quarter
    if lat is not None and quarter is not None and quarter.boundary and not geo.contains(quarter, lat, lon):
        raise DomainError(_("The place lies outside the quarter. Please set it inside."), field="lat")
    with transaction.atomic():
        idea = Idea.objects.create(
            process=process,
            quarter=quarter,
            channel=channel,
            channel_note=clean_line(note, max_length=200, field="note"),
            recorded_by=by,
            title=title,
            text=text,
            category=category,
            lat=lat,
            lon=lon,
            address=clean_line(address, max_length=250, field="address"),
            language=(language or "")[:8],
        )
        audit.record(by, "participation.idea_recorded", idea, channel=channel)
        generations.bump("participation", idea.quarter_id)
        schedule_embedding(idea)
    return idea
