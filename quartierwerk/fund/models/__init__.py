"""Neighbourhood fund (Verfügungsfonds): funds with their rules, rounds, applications, award sessions, votes,
decisions, the budget ledger, payouts and proof of use. Rows that matter for money are only ever added."""

# ruff: noqa: F401
# isort: skip_file
# The models register in the order they always had (funds, applications, sessions, decisions, money, proof).

from .funds import ZERO, Category, Fund, Round, money
from .applications import (
    Application,
    ApplicationQuerySet,
    ApplicationVersion,
    Attachment,
    CostItem,
    Note,
    StatusChange,
)
from .sessions import AgendaItem, Attendance, AwardSession, Recusal, Vote
from .decisions import Decision
from .bookings import LedgerEntry, Payout
from .proof import ProofOfUse
