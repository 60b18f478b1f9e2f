"""Domain errors: raised by services when a move is not allowed; views turn them into clear messages."""


class DomainError(Exception):
    """A request the domain refuses, with a message meant for the person who made it."""

    status = 400  # the HTTP status the API answers with

    def __init__(self, message, *, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)


class InvalidTransition(DomainError):
    """A workflow step that the current state does not allow."""


class NotAllowed(DomainError):
    """The actor may not do this (a permission refusal raised inside a service)."""

    status = 403


class Conflict(DomainError):
    """The request collides with the current state (a duplicate, a full budget, a taken slot)."""

    status = 409


def require(allowed: bool, message=None) -> None:
    """Raise NotAllowed (with a clear message) unless `allowed`; services call it before they write."""
    if not allowed:
        from django.utils.translation import gettext as _

        raise NotAllowed(message or _("You may not do this."))
