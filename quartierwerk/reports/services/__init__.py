"""Every write on reports: filing, supporting, the office's handling, private-link steps and Open311 keys.

The functions live in modules by sub-domain; this package names them all, so `services.create_report` and
the like keep working wherever they are used.
"""

from quartierwerk.core.errors import Conflict, DomainError, InvalidTransition, NotAllowed

from .answers import BODY_STATUSES, add_reporter_info, body_answer, reporter_says_fixed, respond_to_solution
from .api_clients import OPEN311_KEY_CACHE, create_api_client, revoke_api_client
from .common import MAX_DESCRIPTION, MAX_PHOTO_BYTES, MAX_PHOTOS, clean_photos, follow_url
from .handling import (
    HIDEABLE_UPDATES,
    answer,
    assign,
    change_status,
    convert_to_idea,
    forward,
    ideas_awaiting_project,
    link_project,
    merge,
    moderate,
    set_category,
    set_kind,
    set_photo_mode,
    set_photo_public,
    set_update_public,
)
from .intake import check_location, clean_attributes, create_report
from .supports import confirm_support, support, supported_by

__all__ = [
    "BODY_STATUSES",
    "HIDEABLE_UPDATES",
    "MAX_DESCRIPTION",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTOS",
    "OPEN311_KEY_CACHE",
    "Conflict",
    "DomainError",
    "InvalidTransition",
    "NotAllowed",
    "add_reporter_info",
    "answer",
    "assign",
    "body_answer",
    "change_status",
    "check_location",
    "clean_attributes",
    "clean_photos",
    "confirm_support",
    "convert_to_idea",
    "create_api_client",
    "create_report",
    "follow_url",
    "forward",
    "ideas_awaiting_project",
    "link_project",
    "merge",
    "moderate",
    "reporter_says_fixed",
    "respond_to_solution",
    "revoke_api_client",
    "set_category",
    "set_kind",
    "set_photo_mode",
    "set_photo_public",
    "set_update_public",
    "support",
    "supported_by",
]
