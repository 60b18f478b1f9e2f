"""API authentication: personal tokens (Authorization: Bearer …) or the browser session (with CSRF)."""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from .models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(request, token)
        if user is None:
            # A wrong or revoked token is refused outright, never passed on to the session.
            raise AuthenticationError()
        return user


def user_for_token(request, token: str):
    if not token or not token.startswith("qw_"):
        return None
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if api_token is None:
        return None
    now = timezone.now()
    if api_token.last_used_at is None or (now - api_token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    request.user = api_token.user
    return api_token.user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token like any form."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class OptionalAuth:
    """Never refuses: a valid token or session sets request.user, otherwise the caller is anonymous."""

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = user_for_token(request, header[7:].strip())
            if user is None:
                return None  # a wrong token is refused, not silently treated as anonymous
            return user
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return AnonymousUser()
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
            # A session without a valid CSRF token gets no more than an anonymous caller.
            request.user = AnonymousUser()
            return request.user
        return user


token_auth = TokenAuth()
session_auth = SessionAuth(csrf=True)
# For endpoints that need a logged-in user.
AUTH_REQUIRED = [token_auth, session_auth]
# For public endpoints that show more to users with rights.
AUTH_OPTIONAL = [OptionalAuth()]


def api_user(request):
    """The user the API request acts for (after authentication ran)."""
    return getattr(request, "auth", None) or getattr(request, "user", None) or AnonymousUser()
