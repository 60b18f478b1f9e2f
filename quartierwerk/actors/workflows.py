"""The workflows of the actor directory, declared once: services enforce them, templates ask them.

- An organisation registered by its people waits for verification; staff verify or reject it; a duplicate
  is merged into the entry kept (from any state but "merged").
- A request to represent an organisation (a claim, or the registrant's own) is approved or rejected by staff.
- A volunteer engagement is recorded, then its certificate is signed.
- An uploaded import is previewed, then run or discarded.
"""

from django.utils.translation import gettext_lazy as _

from quartierwerk.core.workflow import Transition, Workflow, states

from . import rules
from .models import ImportBatch, Organisation, Representation, VolunteerEngagement

OrgStatus = Organisation.Status
RepStatus = Representation.Status
EngStatus = VolunteerEngagement.Status
ImportStatus = ImportBatch.Status


def _decides_for_organisation(user, representation) -> bool:
    return rules.can_verify_organisation(user, representation.organisation)


ORGANISATION = Workflow(
    name="actors.Organisation",
    state_field="status",
    transitions=[
        Transition(
            "verify",
            states(OrgStatus.PENDING),
            OrgStatus.VERIFIED,
            rules.can_verify_organisation,
            _("Verify entry"),
        ),
        Transition(
            "reject",
            states(OrgStatus.PENDING),
            OrgStatus.REJECTED,
            rules.can_verify_organisation,
            _("Reject"),
        ),
        Transition(
            "edit",
            states(OrgStatus.PENDING, OrgStatus.VERIFIED, OrgStatus.REJECTED),
            None,
            rules.can_edit_organisation,
        ),
        Transition(
            "merge",
            states(OrgStatus.PENDING, OrgStatus.VERIFIED, OrgStatus.REJECTED),
            OrgStatus.MERGED,
            rules.can_merge,
        ),
    ],
)

REPRESENTATION = Workflow(
    name="actors.Representation",
    state_field="status",
    transitions=[
        Transition(
            "approve", states(RepStatus.PENDING), RepStatus.APPROVED, _decides_for_organisation, _("Approve")
        ),
        Transition(
            "reject", states(RepStatus.PENDING), RepStatus.REJECTED, _decides_for_organisation, _("Reject")
        ),
    ],
)

ENGAGEMENT = Workflow(
    name="actors.VolunteerEngagement",
    state_field="status",
    transitions=[
        Transition(
            "sign",
            states(EngStatus.RECORDED),
            EngStatus.CERTIFIED,
            rules.can_sign_certificate,
            _("Sign certificate"),
        ),
    ],
)

IMPORT = Workflow(
    name="actors.ImportBatch",
    state_field="status",
    transitions=[
        Transition(
            "run",
            states(ImportStatus.PREVIEW),
            ImportStatus.IMPORTED,
            rules.can_import,
            _("Import the good rows"),
        ),
        Transition(
            "discard", states(ImportStatus.PREVIEW), ImportStatus.DISCARDED, rules.can_import, _("Discard")
        ),
    ],
)
