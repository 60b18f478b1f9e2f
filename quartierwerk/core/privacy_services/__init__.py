"""Services for personal data: export, erasure and retention, all driven by the register in `core.privacy`."""

from .erasure import ErasureResult, enforce_retention, erase
from .export import (
    build_zip,
    collect,
    confirm_email_export,
    downloadable,
    request_email_export,
    request_export,
)
from .holds import holds_for
from .reach import footprint, require_reach
from .subjects import for_email, for_person, for_user, rows_about

__all__ = [
    "ErasureResult",
    "build_zip",
    "collect",
    "confirm_email_export",
    "downloadable",
    "enforce_retention",
    "erase",
    "for_email",
    "for_person",
    "footprint",
    "for_user",
    "holds_for",
    "request_email_export",
    "request_export",
    "require_reach",
    "rows_about",
]
