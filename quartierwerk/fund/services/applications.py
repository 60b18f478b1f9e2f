"""Applications from draft to submission: the private link, the wizard's saves, documents, the office's
completeness check and notes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, multilingual, onetime, throttle
from quartierwerk.core.errors import DomainError, InvalidTransition, require
from quartierwerk.core.files import atomic_with_files, clean_upload, store
from quartierwerk.core.text import clean_email, clean_for_column, clean_line, clean_text

from .. import checks, limits, rules
from ..models import (
    ZERO,
    Application,
    ApplicationVersion,
    Attachment,
    Category,
    CostItem,
    Fund,
    Note,
    StatusChange,
)
from ..workflows import step
from .common import RuleViolation, S, _locked, _mail_applicant, _move, private_link, to_money

ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024
# Shorter strings are not private links (they are 43 characters); refused before any query.
MIN_TOKEN_LENGTH = 20


MAX_ATTACHMENTS = 12


EDITABLE_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "organisation_name",
    "email",
    "phone",
    "is_of_age",
    "title",
    "summary",
    "description",
    "benefit",
    "start_date",
    "end_date",
    "location",
    "lat",
    "lon",
    "no_other_funding",
    "own_contribution",
    "other_funding",
    "category",
)


TEXT_FIELDS = (
    "applicant_name",
    "organisation_name",
    "phone",
    "title",
    "summary",
    "description",
    "benefit",
    "location",
)


START_LIMIT_PER_HOUR = 10  # new drafts per address (IP) and hour; each one sends an e-mail


LINK_LIMIT_PER_HOUR = 3  # new-link mails per e-mail address and hour


def _throttle_message() -> str:
    return _("Too many requests from here; please try again in an hour or contact the office.")


def start_application(
    *,
    fund: Fund,
    applicant_name: str,
    email: str,
    applicant_kind: str = Application.ApplicantKind.PRIVATE,
    organisation_name: str = "",
    user=None,
    language: str | None = None,
    client_address: str | None = None,
) -> tuple[Application, str]:
    """Open a draft and mail its private link; returns the draft and the clear token (shown once).

    With `client_address` (web form, API) the (limit+1)-th draft from one address within the hour is
    refused: each draft sends an e-mail.
    """
    if client_address is not None:
        throttle.check(
            "fund.start",
            client_address,
            limit=START_LIMIT_PER_HOUR,
            seconds=3600,
            message=_throttle_message(),
        )
    if not fund.is_open:
        raise InvalidTransition(_("The fund does not take applications at the moment."))
    if applicant_kind not in Application.ApplicantKind.values:
        raise DomainError(_("Please choose who applies."), field="applicant_kind")
    name = clean_line(applicant_name, max_length=160, truncate=True)
    if not name:
        raise DomainError(_("Please give your name."), field="applicant_name")
    email = clean_email(email, required=True)
    token, token_hash = onetime.issue()
    user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        earlier = Application.objects.filter(fund__quarter_id=fund.quarter_id, email__iexact=email).exclude(
            submitted_at__isnull=True
        )
        application = Application.objects.create(
            fund=fund,
            quarter_id=fund.quarter_id,
            applicant_name=name,
            email=email,
            applicant_kind=applicant_kind,
            organisation_name=clean_line(organisation_name, max_length=200, truncate=True),
            user=user,
            token_hash=token_hash,
            is_first_time=not earlier.exists(),
        )
        StatusChange.objects.create(application=application, to_status=S.DRAFT, actor=user, actor_label=name)
        audit.record(user or name, "fund.application_started", application)
        _mail_applicant(application, "draft_link", {"link": private_link(application, token)})
    return application, token


def application_for_token(token: str, *, for_write: bool = False) -> Application | None:
    """The application this private link opens (current link or the one mailed to replace it).

    Opening a page only reads. The first use of a new link in a write (`for_write`: a POST of a page, a
    writing API call) makes it the current link, and the link before it stops working.
    """
    application = onetime.find(
        Application.objects.select_related("fund", "quarter", "category", "round"),
        token,
        fields=("token_hash", "new_token_hash"),
        min_length=MIN_TOKEN_LENGTH,
    )
    if for_write and application is not None and onetime.matches(token, application.new_token_hash):
        with transaction.atomic():
            if onetime.promote(
                Application.objects.filter(pk=application.pk),
                token,
                current="token_hash",
                pending="new_token_hash",
            ):
                audit.record(None, "fund.link_replaced", application)
            application.token_hash, application.new_token_hash = application.new_token_hash, None
    return application


def resend_links(*, quarter, email: str) -> int:
    """Mail fresh private links for every application of this address in the quarter.

    Anybody can ask for this, so the current link stays valid until the new one is used; asking again only
    replaces the link that has not been used yet. The (limit+1)-th request for one address within the hour
    is refused.
    """
    throttle.check(
        "fund.link",
        email.strip().lower(),
        limit=LINK_LIMIT_PER_HOUR,
        seconds=3600,
        message=_throttle_message(),
    )
    count = 0
    with transaction.atomic():
        for application in Application.objects.select_for_update().filter(
            quarter=quarter, email__iexact=email.strip()
        ):
            token, application.new_token_hash = onetime.issue()
            application.save(update_fields=["new_token_hash"])
            audit.record(None, "fund.link_renewed", application)
            _mail_applicant(application, "new_link", {"link": private_link(application, token)})
            count += 1
    return count


def _placed(application: Application, data: dict) -> dict:
    """The project's place: a location the city's register knows gives the point when none is given (the API
    sends only the location); a point must lie in the fund's quarter (the message names the right one)."""
    from quartierwerk.core.places import selectors as places

    if "lat" not in data and "lon" not in data and data.get("location") is not None:
        if data["location"] != application.location:
            found = places.resolve(application.quarter.city_id, data["location"])
            data = {**data, "lat": found.lat if found else None, "lon": found.lon if found else None}
    if "lat" in data or "lon" in data:
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise DomainError(_("Give both latitude and longitude, or neither."), field="lat")
        if lat is not None:
            check = places.check_place(application.quarter, float(lat), float(lon))
            if not check.inside:
                raise DomainError(check.message, field="lat")
    return data


def update_application(*, application: Application, data: dict, cost_items=None, actor=None) -> Application:
    """Save the draft: any subset of the editable fields and, optionally, the whole cost plan.

    `cost_items` is a list of (description, amount); amounts are checked here again.
    """
    with transaction.atomic():
        application = _locked(application)
        if not application.is_editable:
            raise InvalidTransition(_("The application has been submitted and can no longer be changed."))
        data = _placed(application, data)
        changed = {}
        if data.get("written_in"):
            # An API client may say which language the texts are written in.
            written_in = multilingual.clean_written_in(data["written_in"])
            if written_in != application.written_in:
                changed["written_in"] = application.written_in = written_in
        for name, value in data.items():
            if name not in EDITABLE_FIELDS:
                continue
            if name in ("own_contribution", "other_funding"):
                value = to_money(value if value not in (None, "") else "0", field=name)
            elif name in TEXT_FIELDS:
                value = clean_for_column(Application, name, value)
            elif name == "category":
                if value is not None and not isinstance(value, Category):
                    value = Category.objects.filter(fund=application.fund, pk=value).first()
                if value is not None and value.fund_id != application.fund_id:
                    raise DomainError(_("Unknown kind of project."), field="category")
            elif name == "email":
                value = clean_email(value, required=True)
            elif name == "applicant_kind" and value not in Application.ApplicantKind.values:
                raise DomainError(_("Please choose who applies."), field="applicant_kind")
            if getattr(application, name) != value:
                changed[name] = value
                setattr(application, name, value)
        if cost_items is not None:
            if len(cost_items) > limits.COST_LINES_MAX:
                raise DomainError(
                    _("A cost plan has at most %(max)d lines.") % {"max": limits.COST_LINES_MAX},
                    field="cost_items",
                )
            lines = []
            for position, (description, amount) in enumerate(cost_items):
                description = clean_line(
                    description, max_length=limits.COST_LINE_DESCRIPTION_MAX, field="cost_items"
                )
                if not description:
                    raise DomainError(
                        _("Every line of the cost plan needs a description."), field="cost_items"
                    )
                lines.append(
                    CostItem(
                        application=application,
                        position=position,
                        description=description,
                        amount=to_money(amount, field="cost_items", allow_zero=False),
                    )
                )
            # Draft lines are replaced as a whole; the submitted versions keep every earlier plan.
            application.cost_items.all().delete()
            CostItem.objects.bulk_create(lines)
            changed["cost_items"] = [[line.description, line.amount] for line in lines]
        _refresh_sums(application)
        if application.total_cost > limits.TOTAL_MAX:
            raise DomainError(
                _("The total cost may be at most %(max)s.") % {"max": checks.euro(limits.TOTAL_MAX)},
                field="cost_items",
            )
        application.save()
        if changed:
            audit.record(actor, "fund.draft_saved", application, fields=sorted(changed))
    return application


def _refresh_sums(application: Application) -> None:
    total = sum((i.amount for i in application.cost_items.all()), ZERO)
    application.total_cost = total
    application.requested_amount = max(ZERO, total - application.own_contribution - application.other_funding)


def add_attachment(*, application: Application, uploaded, kind: str, actor=None, proof=None) -> Attachment:
    """Check a file by its content and attach it to the draft (or to a proof of use)."""
    if kind not in Attachment.Kind.values:
        raise DomainError(_("Unknown kind of document."), field="kind")
    kinds = (
        ("image",) if kind in (Attachment.Kind.PHOTO, Attachment.Kind.PROOF_PHOTO) else ("image", "document")
    )
    with atomic_with_files():
        application = _locked(application)
        if proof is None and not application.is_editable:
            raise InvalidTransition(_("Documents can only be added while the application is a draft."))
        if application.attachments.count() >= MAX_ATTACHMENTS * 2:
            raise DomainError(_("Too many documents."), field="file")
        clean = clean_upload(uploaded, kinds=kinds, max_bytes=ATTACHMENT_MAX_BYTES)
        attachment = Attachment(
            application=application,
            proof=proof,
            kind=kind,
            original_name=clean_line(clean.original_name, max_length=200, truncate=True) or "file",
            content_type=clean.content_type,
            size=clean.size,
        )
        store(attachment.file, clean.content)
        attachment.save()
        audit.record(actor, "fund.attachment_added", application, name=attachment.original_name, kind=kind)
    return attachment


def _snapshot(application: Application) -> dict:
    data = {name: getattr(application, name) for name in EDITABLE_FIELDS if name != "category"}
    data["category"] = application.category.name if application.category else ""
    data["cost_items"] = [[i.description, str(i.amount)] for i in application.cost_items.all()]
    data["total_cost"] = application.total_cost
    data["requested_amount"] = application.requested_amount
    data["attachments"] = [a.original_name for a in application.attachments.filter(proof__isnull=True)]
    return audit._plain(data)


def _reference(application: Application) -> str:
    year = application.fund.year
    prefix = f"VF-{application.quarter.slug[:3].upper()}-{year}-"
    # Unique by the database; the pk keeps numbers short and never reused.
    return f"{prefix}{application.pk:04d}"


def submit_application(
    *, application: Application, consent: bool, actor=None, today=None, link_token: str = ""
) -> Application:
    """Submit (or resubmit) a draft: every rule must hold; gives a reference number and mails a PDF copy.

    `link_token` is the private link the applicant submitted through: the confirmation (which goes only to
    the applicant) repeats it, so the mail that says where to follow the application also carries the way.
    """
    from .. import pdf

    today = today or timezone.localdate()
    with transaction.atomic():
        application = _locked(application)
        submitted = step(application, "submit", _("This application has already been submitted."))
        figures = checks.application_problems(application, today=today, consent=bool(consent))
        if figures.errors:
            raise RuleViolation(figures.errors)
        resubmission = application.status == S.CHANGES_REQUESTED
        fund = application.fund
        if application.round_id is None or not resubmission:
            application.round = None if fund.continuous_submission else checks.open_round(fund, today)
        application.consent_text = fund.consent_text
        application.consent_given_at = timezone.now()
        # The texts are in the language of the page they were submitted from, unless a client said otherwise.
        application.written_in = application.written_in or multilingual.clean_written_in()
        application.submitted_at = application.submitted_at or timezone.now()
        if not application.reference:
            application.reference = _reference(application)
        if resubmission:
            application.version += 1
        _refresh_sums(application)
        application.save()
        ApplicationVersion.objects.create(
            application=application, number=application.version, data=_snapshot(application)
        )
        _move(
            application,
            submitted,
            actor or application.applicant_name,
            note=_("Version %(n)s") % {"n": application.version},
        )
        attachments = [
            (f"{application.reference}.pdf", pdf.application_pdf(application), "application/pdf"),
        ]
        context = {
            "resubmission": resubmission,
            "link": private_link(application, link_token) if link_token else "",
        }
        _mail_applicant(application, "submitted", context, attachments=attachments)
    return application


def withdraw(*, application: Application, actor=None, reason: str = "") -> Application:
    with transaction.atomic():
        application = _locked(application)
        withdrawn = step(application, "withdraw", _("The application can no longer be withdrawn."))
        _move(application, withdrawn, actor, note=clean_text(reason))
    return application


def request_changes(*, application: Application, message: str, actor) -> Application:
    """The completeness check found something missing: the draft reopens for the applicant."""
    require(rules.can_triage(actor, application))
    message = clean_text(message)
    if not message:
        raise DomainError(_("Please say what the applicant should change."), field="message")
    with transaction.atomic():
        application = _locked(application)
        reopened = step(
            application, "request_changes", _("Changes can only be requested before the decision.")
        )
        _move(application, reopened, actor, note=message)
        _mail_applicant(application, "changes_requested", {"message": message})
    return application


def mark_complete(*, application: Application, actor, note: str = "") -> Application:
    require(rules.can_triage(actor, application))
    with transaction.atomic():
        application = _locked(application)
        complete = step(application, "complete", _("Only a submitted application can be marked complete."))
        _move(application, complete, actor, note=clean_text(note))
    return application


def add_note(*, application: Application, text: str, actor, kind: str = Note.Kind.ADVICE) -> Note:
    require(rules.can_add_note(actor, application))
    text = clean_for_column(Note, "text", text)
    if not text:
        raise DomainError(_("The note is empty."), field="text")
    if kind not in Note.Kind.values:
        raise DomainError(_("Unknown kind of note."), field="kind")
    with transaction.atomic():
        note = Note.objects.create(application=application, text=text, author=actor, kind=kind)
        audit.record(actor, "fund.note_added", application, kind=kind)
    return note
