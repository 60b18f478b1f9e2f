"""Every write the actor directory allows: entries, self-service, groups, consent, privacy, merge, volunteering.

Views, API, commands and demo data call these functions; none of them saves a domain object directly.
The functions live in one module per sub-domain; this package names them all, so `services.X` keeps working.
"""

from .cleaning import (
    LINE_FIELDS,
    ORGANISATION_FIELDS,
    PERSON_FIELDS,
    PERSON_PUBLIC_FIELD_NAMES,
    PUBLIC_FIELD_NAMES,
    STAFF_ORGANISATION_FIELDS,
    TEXT_FIELDS,
    plain,
    plain_field,
    unique_slug,
)
from .groups import add_member, create_group, end_membership, update_group
from .merging import merge_organisations, merge_persons
from .notes import add_activity, delete_filter, save_filter, send_invitation
from .organisations import (
    REVIEW_AFTER_DAYS,
    claim_organisation,
    create_organisation,
    decide_representation,
    register_organisation,
    reject_organisation,
    remind_representatives,
    update_organisation,
    verify_organisation,
)
from .persons import add_relationship, create_person, end_relationship, update_person
from .privacy import (
    RETENTION_GRACE_DAYS,
    SECRET_FIELD_PARTS,
    WITHDRAW_SALT,
    enforce_retention,
    erase_person,
    export_person_data,
    export_person_pdf,
    person_for_withdraw_token,
    person_references,
    record_consent,
    withdraw_consent,
    withdraw_token,
    withdraw_url,
)
from .volunteering import certificate_pdf, record_engagement, sign_engagement

__all__ = [
    "LINE_FIELDS",
    "ORGANISATION_FIELDS",
    "PERSON_FIELDS",
    "PERSON_PUBLIC_FIELD_NAMES",
    "PUBLIC_FIELD_NAMES",
    "RETENTION_GRACE_DAYS",
    "REVIEW_AFTER_DAYS",
    "SECRET_FIELD_PARTS",
    "STAFF_ORGANISATION_FIELDS",
    "TEXT_FIELDS",
    "WITHDRAW_SALT",
    "add_activity",
    "add_member",
    "add_relationship",
    "certificate_pdf",
    "claim_organisation",
    "create_group",
    "create_organisation",
    "create_person",
    "decide_representation",
    "delete_filter",
    "end_membership",
    "end_relationship",
    "enforce_retention",
    "erase_person",
    "export_person_data",
    "export_person_pdf",
    "merge_organisations",
    "merge_persons",
    "person_for_withdraw_token",
    "person_references",
    "plain",
    "plain_field",
    "record_consent",
    "record_engagement",
    "register_organisation",
    "reject_organisation",
    "remind_representatives",
    "save_filter",
    "send_invitation",
    "sign_engagement",
    "unique_slug",
    "update_group",
    "update_organisation",
    "update_person",
    "verify_organisation",
    "withdraw_consent",
    "withdraw_token",
    "withdraw_url",
]
