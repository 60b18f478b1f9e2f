"""Pages of the fund: public fund page and funded projects, the application wizard behind a private link,
the office's inbox and application page, award-team sessions, budget, figures, exports and settings.
"""

# ruff: noqa: F401

from .accounts import budget, export, figures
from .applicant import applicant, applicant_file, applicant_letter, applicant_pdf, proof, withdraw
from .configuration import fund_settings
from .office import application_detail, inbox, staff_application_pdf, staff_file, staff_letter
from .public import apply, home, lost_link, project, project_photo
from .sessions import minutes, session_detail, sessions
from .wizard import check, edit
