"""Every write of the fund, by sub-domain: applications, sessions and votes, decisions and money, proof of
use, the fund's settings and retention. Import from here: `from quartierwerk.fund import services`.
"""

# ruff: noqa: F401

from .applications import (
    ATTACHMENT_MAX_BYTES,
    EDITABLE_FIELDS,
    LINK_LIMIT_PER_HOUR,
    MAX_ATTACHMENTS,
    START_LIMIT_PER_HOUR,
    TEXT_FIELDS,
    add_attachment,
    add_note,
    application_for_token,
    mark_complete,
    request_changes,
    resend_links,
    start_application,
    submit_application,
    update_application,
    withdraw,
)
from .common import (
    CENT,
    MAILS_SENT_DESPITE_RESTRICTION,
    RuleViolation,
    S,
    ensure_staff,
    private_link,
    to_money,
)
from .configuration import SETTINGS_FIELDS, add_category, add_round, create_fund, start_next_year, update_fund
from .money import correct_amount, decide, decision_level, record_payout
from .proof import check_proof, send_reminders, submit_proof
from .retention import PSEUDONYM, apply_retention
from .sessions import (
    Count,
    Tally,
    cast_vote,
    close_item,
    close_session,
    count_votes,
    declare_recusal,
    plan_session,
    record_vote,
    schedule,
    sign_minutes,
    tally,
)
