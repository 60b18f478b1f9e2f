"""JSON API of the fund module, mounted under /api/v1/fund/.

Public: the fund and its funded projects. Applicants: their application through the private token
(header `X-Application-Token`), no account needed. Office, city, award team: the same rules as the web.
"""

# The endpoints register on the one router as their modules are imported, in this order.
from . import applicant, office, sessions  # noqa: F401
from .common import router

__all__ = ["router"]
