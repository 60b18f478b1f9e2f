"""JSON API of the events module, mounted under /api/v1/events/: the same rules as the pages.

Public callers see public events only; registrants' personal data is only in the registrations endpoint,
for the office. Internal sessions, their agenda and minutes are answered with 404 to anyone who may not see them.
The endpoints are declared by sub-domain (`events`, `sessions`, `registrations`, `action_items`) on one router;
their operation ids are the ones they had before the split, so generated clients keep their method names.
"""

from . import action_items, events, registrations, sessions  # noqa: F401 - they declare the endpoints
from .common import router

__all__ = ["router"]
