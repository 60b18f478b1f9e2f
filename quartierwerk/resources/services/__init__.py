"""Every write of the resource pool (views, API, commands and the demo call these)."""

from .appointments import book_appointment, confirm_appointment, expire_unconfirmed, free_slots
from .bookings import (
    approve,
    book,
    cancel,
    close_for_repair,
    hand_over,
    offer,
    refuse,
    send_reminders,
    take_back,
)

__all__ = [
    "approve",
    "book",
    "book_appointment",
    "cancel",
    "close_for_repair",
    "confirm_appointment",
    "expire_unconfirmed",
    "free_slots",
    "hand_over",
    "offer",
    "refuse",
    "send_reminders",
    "take_back",
]
