"""Request middleware: idle session timeout and the second-factor requirement for staff and admins."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .rules import role_set

IDLE_KEY = "qw_last_seen"
# Touch the session at most once a minute, so an idle timeout does not cost a write per request.
TOUCH_EVERY = 60


class IdleTimeoutMiddleware:
    """Log out a session that has been idle longer than SESSION_IDLE_TIMEOUT seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(IDLE_KEY, now)
            if now - last > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                request.idle_logged_out = True
            elif now - last >= TOUCH_EVERY or IDLE_KEY not in request.session:
                request.session[IDLE_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Staff, city staff and admins must set up and use TOTP before they may go anywhere else."""

    ALLOWED_PREFIXES = ("/static/", "/media/", "/i18n/", "/healthz", "/account/logout", "/account/two-factor")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and not user.is_verified()
            and role_set(user).needs_second_factor
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "A second factor is required for this account."}, status=403)
            return redirect(f"{reverse('core:two_factor')}?required=1")
        return self.get_response(request)


class QueryCountMiddleware:
    """Add `X-Query-Count` to every response (enabled by QW_COUNT_QUERIES=1, for the benchmark)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import connections

        counter = {"n": 0}

        def count(execute, sql, params, many, context):
            counter["n"] += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(count):
            response = self.get_response(request)
        response["X-Query-Count"] = str(counter["n"])
        return response
