"""One spelling of an e-mail address wherever it identifies an account: log-in, lockout, uniqueness.

Addresses are compared without regard to letter case (the database holds a unique index on `Lower(email)`),
so the log-in lockout must count `Anna@Example.org` and `anna@example.org` as the same account.
"""

from django.contrib.auth import get_user_model


def canonical_email(address) -> str:
    """The address as accounts store and compare it: trimmed and in lower case."""
    return str(address or "").strip().lower()


def axes_username(request, credentials) -> str:
    """The account name django-axes counts failed log-ins under (AXES_USERNAME_CALLABLE)."""
    if credentials:
        field = get_user_model().USERNAME_FIELD
        return canonical_email(credentials.get("username", credentials.get(field, "")))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return canonical_email(data.get("username", ""))
