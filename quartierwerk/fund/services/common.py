"""What every write of the fund shares: money from user input, the status move with its history row, the
row lock on an application and the mail to the applicant."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.core import audit
from quartierwerk.core.errors import DomainError
from quartierwerk.core.mail import queue_templated_mail
from quartierwerk.core.selectors import restriction_for

from .. import checks, limits, rules
from ..models import Application, StatusChange

S = Application.Status


CENT = Decimal("0.01")


class RuleViolation(DomainError):
    """An application that breaks the fund's rules; `problems` lists every reason."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(" ".join(p.message for p in problems), field=problems[0].field if problems else None)


def to_money(value, *, field: str = "", allow_zero: bool = True) -> Decimal:
    """A euro amount from user input; raises a clear DomainError for text, negatives or too many decimals."""
    if isinstance(value, str):
        value = value.strip().replace("€", "").replace(" ", "")
        if "," in value:
            value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise DomainError(_("“%(value)s” is not an amount of money.") % {"value": value}, field=field)
    if not amount.is_finite():
        raise DomainError(_("“%(value)s” is not an amount of money.") % {"value": value}, field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(_("Amounts must be more than zero."), field=field)
    if amount > limits.AMOUNT_MAX:
        raise DomainError(
            _("That amount is too large: at most %(max)s.") % {"max": checks.euro(limits.AMOUNT_MAX)},
            field=field,
        )
    if amount != amount.quantize(CENT):
        raise DomainError(_("Amounts have at most two decimal places (cents)."), field=field)
    return amount.quantize(CENT)


def _actor_label(actor) -> str:
    return (
        str(actor) if getattr(actor, "is_authenticated", False) else (actor if isinstance(actor, str) else "")
    )


def _move(application: Application, to_status: str, actor, note: str = "") -> None:
    from_status = application.status
    application.status = to_status
    application.save(update_fields=["status"])
    StatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor)[:200],
        note=note,
    )
    audit.record(actor, "fund.status_changed", application, status=[from_status, to_status], note=note)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("fund", "quarter", "category")
        .get(pk=application.pk)
    )


def private_link(application: Application, token: str) -> str:
    return settings.SITE_URL + reverse("fund:applicant", args=[token])


# Mails sent even while a restriction (Art. 18) or objection (Art. 21) is in force: the links the person
# asks for themselves, and what the procedure requires (a change request, the decision - an administrative
# act that must be notified -, the result of the proof-of-use check and the notice that it is overdue).
# The confirmation of a submission and the friendly reminder before the proof is due are held back.
MAILS_SENT_DESPITE_RESTRICTION = frozenset(
    {"draft_link", "new_link", "changes_requested", "decision", "proof_checked", "proof_overdue"}
)


def _mail_applicant(application: Application, template: str, context: dict, attachments=()) -> None:
    """Mail the applicant, unless the mail is not required and the address has a restriction in force."""
    if template not in MAILS_SENT_DESPITE_RESTRICTION and restriction_for(application.email) is not None:
        audit.record(None, "fund.mail_withheld", application, template=template)
        return
    queue_templated_mail(
        application.email,
        f"fund/mail/{template}",
        {"application": application, "quarter": application.quarter, "fund": application.fund, **context},
        attachments=attachments,
    )


def ensure_staff(user, quarter) -> None:
    if not rules.can_manage_fund(user, quarter):
        raise PermissionDenied
