"""JSON API of the actors module, mounted under /api/v1/actors/.

Public endpoints return only what an organisation made public; the staff endpoints ask the same rules as
the staff pages. Lists are paginated (`page`, `page_size` ≤ 100) and cost a fixed number of queries.
The endpoints live in one module per sub-domain; importing them registers them on `router`, in this order.
"""

from . import directory, groups, persons, staff  # noqa: F401 - registers the endpoints
from .common import router

__all__ = ["router"]
