"""The HTML pages of the news module (URL names live in ../urls.py)."""

from .public import city_list, image, post_list, post_page
from .staff import staff_edit, staff_list, staff_new, staff_pdf, staff_status

__all__ = [
    "city_list",
    "image",
    "post_list",
    "post_page",
    "staff_edit",
    "staff_list",
    "staff_new",
    "staff_pdf",
    "staff_status",
]
