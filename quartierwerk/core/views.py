"""Pages of the core: city and quarter home, staff dashboard, accounts, accessibility, health."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from quartierwerk import modules

from . import geo, interface_languages, selectors, services
from . import rules as core_rules
from .errors import DomainError
from .forms import (
    AccessibilityFeedbackForm,
    ApiTokenForm,
    LoginForm,
    ProfileForm,
    QuarterPageForm,
    RegistrationForm,
    TokenForm,
)
from .models import ApiToken, AuditEntry, Quarter, TeamMember
from .places import rules as places_rules

PENDING_LOGIN = "qw_pending_login"
TOTP_SESSION_KEY = "qw_totp_key"


def quarter_or_404(slug: str) -> Quarter:
    # The city's logo is served on its own (core:city_logo); pages need only whether there is one.
    return get_object_or_404(
        Quarter.objects.select_related("city").defer("city__logo"), slug=slug, is_active=True
    )


def home(request):
    """City home: every quarter on a map and in a list."""
    quarters = list(Quarter.objects.filter(is_active=True).select_related("city").defer("city__logo"))
    features = geo.feature_collection(geo.quarter_feature(q) for q in quarters if q.boundary)
    return render(
        request,
        "core/home.html",
        {"quarters": quarters, "map_data": features, "city_links": modules.city_links()},
    )


def quarter_home(request, slug):
    """A quarter's public page: who we are, contact point, team, map, what the quarter offers."""
    quarter = quarter_or_404(slug)
    team = TeamMember.objects.filter(quarter=quarter)
    return render(
        request,
        "core/quarter.html",
        {
            "quarter": quarter,
            "team": team,
            "map_data": geo.feature_collection([geo.quarter_feature(quarter)]) if quarter.boundary else None,
            "links": modules.quarter_links(quarter),
            "can": core_rules.capabilities(request.user, quarter),
            "picture": (interface_languages.quarter_facts(slug) or {}).get("picture"),
        },
    )


def staff_quarter(request, slug) -> Quarter:
    """The quarter named in the URL, if the user may work in its staff area; raises otherwise."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    if not core_rules.can_view_dashboard(request.user, quarter):
        raise PermissionDenied
    return quarter


@login_required
def dashboard(request, slug):
    """Staff dashboard of one quarter: what needs attention today."""
    quarter = staff_quarter(request, slug)
    recent = AuditEntry.objects.filter(quarter=quarter).select_related("actor")[:10]
    return render(
        request,
        "core/dashboard.html",
        {
            "quarter": quarter,
            "panels": modules.dashboard_panels(request, quarter),
            "privacy_requests": selectors.request_counts(quarter)
            if core_rules.can_handle_subject_requests(request.user, quarter)
            else None,
            "recent": recent,
            "can": core_rules.capabilities(request.user, quarter),
            "may_import_addresses": places_rules.can_import_addresses(request.user, quarter.city),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def quarter_page_edit(request, slug):
    """Staff change the texts of the public quarter page, in German and the other languages the city offers."""
    quarter = staff_quarter(request, slug)
    if not core_rules.can_manage_quarter(request.user, quarter):
        raise PermissionDenied
    form = QuarterPageForm(request.POST or None, quarter=quarter)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_quarter_page(by=request.user, quarter=quarter, **form.service_fields())
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The quarter page has been changed."))
            return redirect("core:quarter", quarter.slug)
    return render(request, "core/staff/quarter_page_form.html", {"quarter": quarter, "form": form})


def favicon(request):
    """The site icon for browsers that ask for /favicon.ico whatever the page names."""
    from django.templatetags.static import static

    return HttpResponseRedirect(static("favicon.svg"))


@login_required
def staff_home(request):
    """ "My work": what needs this person first – reports, applications, registrations, sessions, tasks – and
    the office's open work in each quarter they work in (see quartierwerk.landing)."""
    from quartierwerk import landing

    sections, office = landing.my_work(request.user)
    return render(
        request,
        "core/staff_home.html",
        {
            "sections": sections,
            "office": office,
            "summary": landing.summary(sections, office),
            "may_manage_parties": core_rules.may_manage_parties(request.user),
        },
    )


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _finish_login(request, user, device=None):
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    if device is not None:
        otp_login(request, device)
    response = HttpResponseRedirect(_safe_next(request, reverse("core:after_login")))
    if user.preferred_language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request):
    """Step one of log-in: e-mail and password. The same message for every failure (no enumeration)."""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                return _finish_login(request, user)
            request.session.cycle_key()
            request.session[PENDING_LOGIN] = {"user": user.pk, "next": _safe_next(request, "")}
            return redirect("core:login_verify")
        form.add_error(
            None, _("E-mail address or password is not correct, or the account is not confirmed yet.")
        )
    return render(request, "core/login.html", {"form": form, "next": request.GET.get("next", "")}, status=200)


@never_cache
@require_http_methods(["GET", "POST"])
def login_verify(request):
    """Step two of log-in for accounts with a second factor: the TOTP code."""
    pending = request.session.get(PENDING_LOGIN)
    if not pending:
        return redirect("core:login")
    from .models import User

    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
    if device is None:
        request.session.pop(PENDING_LOGIN, None)
        return redirect("core:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            request.session.pop(PENDING_LOGIN, None)
            if pending.get("next"):
                request.POST = request.POST.copy()
                request.POST["next"] = pending["next"]
            return _finish_login(request, user, device)
        form.add_error("token", _("The code is not correct or has expired. Try the current code."))
    return render(request, "core/login_verify.html", {"form": form})


@login_required
def after_login(request):
    """Where a fresh log-in lands, for every role: "My work". It lists what needs the person first (their
    reports, applications, registrations, sessions, tasks, votes) and then, for the office, city staff and
    administrators, the open work of each quarter they look after, with the way to its dashboard. One page
    for everyone, so that a second quarter or a new role never changes where a person starts."""
    return redirect("core:staff_home")


@require_POST
def logout_view(request):
    logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("core:home")


@never_cache
@require_http_methods(["GET", "POST"])
def register(request):
    form = RegistrationForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.register(
            email=data["email"],
            password=data["password"],
            display_name=data["display_name"],
            language=data["preferred_language"],
            quarter=data["quarter"],
        )
        return render(request, "core/register_done.html", {"email": data["email"]})
    return render(request, "core/register.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """A button, not the GET itself, confirms: mail scanners that open links must not activate accounts."""
    if request.method == "POST":
        user = services.confirm_email(token)
    else:
        user = services.confirmation_user(token)
    if user is None:
        return render(request, "core/confirm_email.html", {"confirmed": False}, status=400)
    confirmed = user.email_confirmed_at is not None
    return render(request, "core/confirm_email.html", {"confirmed": confirmed, "ask": not confirmed})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("core:profile")
    tokens = ApiToken.objects.filter(user=request.user, revoked_at__isnull=True)
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    return render(
        request,
        "core/profile.html",
        {
            "form": form,
            "tokens": tokens,
            "token_form": ApiTokenForm(),
            "has_device": has_device,
            # Residents see the API tokens only when they ask for developer settings; staff always.
            "developer": request.GET.get("developer") == "1"
            or core_rules.role_set(request.user).needs_second_factor,
        },
    )


@login_required
@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("core:profile")
    _token, key = services.issue_api_token(user=request.user, name=form.cleaned_data["name"])
    return render(request, "core/api_token_created.html", {"key": key})


@login_required
@require_POST
def api_token_revoke(request, token_id):
    if not services.revoke_api_token(user=request.user, token_id=token_id):
        raise Http404
    messages.success(request, _("The token has been revoked."))
    return redirect("core:profile")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up a TOTP second factor: show the key as QR code and text, confirm with a first code."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if confirmed and request.user.is_verified():
        return render(request, "core/two_factor.html", {"confirmed": True})
    if confirmed:
        # A device exists but this session has not used it: ask for the code.
        form = TokenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["token"]):
                otp_login(request, confirmed)
                return redirect("core:after_login")
            form.add_error("token", _("The code is not correct or has expired. Try the current code."))
        return render(request, "core/login_verify.html", {"form": form})
    # The new key waits in the session (not in the database) until a first code confirms it.
    key = request.session.get(TOTP_SESSION_KEY) or random_hex(20)
    request.session[TOTP_SESSION_KEY] = key
    device = services.unsaved_totp_device(request.user, key)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        stored = services.confirm_totp_device(user=request.user, key=key, token=form.cleaned_data["token"])
        if stored is not None:
            del request.session[TOTP_SESSION_KEY]
            otp_login(request, stored)
            messages.success(request, _("The second factor is set up."))
            return redirect("core:after_login")
        form.add_error("token", _("The code is not correct. Check the time on your phone and try again."))
    import base64

    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=4, dark="#000", light="#fff")
    return render(
        request,
        "core/two_factor.html",
        {"form": form, "secret": secret, "qr": qr, "required": request.GET.get("required")},
    )


@require_http_methods(["GET", "POST"])
def accessibility(request):
    """Erklärung zur Barrierefreiheit with the feedback form BITV 2.0 asks for."""
    form = AccessibilityFeedbackForm(request.POST or None, initial={"page_url": request.GET.get("page", "")})
    if request.method == "POST" and form.is_valid():
        services.submit_accessibility_feedback(**form.cleaned_data)
        messages.success(request, _("Thank you. Your message has been sent to the people responsible."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


def easy_language(request):
    return render(request, "core/easy_language.html")


def ping(request):
    """A constant answer through the whole middleware stack: the benchmark's reference row."""
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    """Liveness and readiness: the database answers and the task queue is reachable."""
    checks = {}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # report any failure, do not raise
        checks["database"] = f"error: {type(exc).__name__}"
        ok = False
    try:
        from django_tasks import task_backends

        checks["tasks_backend"] = type(task_backends["default"]).__name__
        if "DatabaseBackend" in checks["tasks_backend"]:
            from django_tasks_db.models import DBTaskResult

            checks["tasks_waiting"] = DBTaskResult.objects.filter(status="READY").count()
        checks["tasks"] = "ok"
    except Exception as exc:  # report any failure, do not raise
        checks["tasks"] = f"error: {type(exc).__name__}"
        ok = False
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)
