"""The pages of the resource pool: search, a resource with its calendar, booking, my bookings, the owner's
requests, office-hour appointments in three steps without an account, the office's day, iCal feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.actors.models import Organisation, Representation
from quartierwerk.core import onetime, throttle
from quartierwerk.core.errors import DomainError, NotAllowed
from quartierwerk.core.views import quarter_or_404, staff_quarter

from . import feeds, rules, selectors, services
from .booking_rules import local_zone
from .forms import (
    AnswerForm,
    AppointmentForm,
    BookingForm,
    ClosureForm,
    HandOverForm,
    ResourceForm,
    ReturnForm,
    SearchForm,
)
from .models import Booking, Resource, Timeframe
from .workflows import BOOKING_FLOW

FEED_SALT = "quartierwerk.resources.booker_feed"


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


def _represented(user):
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        representations__user=user, representations__status=Representation.Status.APPROVED
    ).order_by("name")


def _resource(slug, pk, user) -> Resource:
    quarter = quarter_or_404(slug)
    resource = get_object_or_404(
        Resource.objects.select_related("owner", "category", "quarter", "quarter__city"),
        pk=pk,
        quarter=quarter,
    )
    if not rules.can_view_resource(user, resource):
        raise Http404
    return resource


def resource_list(request, slug):
    """Search the pool of a quarter by kind, free day and place."""
    quarter = quarter_or_404(slug)
    form = SearchForm(request.GET or None)
    params = form.cleaned_data if form.is_valid() else {}
    resources = selectors.search(
        quarter,
        kind=params.get("kind", ""),
        day=params.get("day"),
        place=params.get("place", ""),
        user=request.user,
    )
    return render(
        request,
        "resources/list.html",
        {
            "quarter": quarter,
            "form": form,
            "resources": resources,
            "can_offer": rules.can_offer(request.user, quarter),
            "can_manage": request.user.is_authenticated
            and selectors.managed_resources(request.user, quarter).exists(),
        },
    )


def _first_day(request) -> datetime.date:
    try:
        first = datetime.date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        first = timezone.localdate()
    return max(first, timezone.localdate())


@require_http_methods(["GET", "POST"])
def resource_page(request, slug, pk):
    """One resource: conditions, free and busy for two weeks, the booking form; for its owner, closures."""
    resource = _resource(slug, pk, request.user)
    if resource.is_office_hours:
        return redirect("resources:office_hours", slug, resource.pk)
    can_book = rules.can_book(request.user, resource)
    can_manage = rules.can_manage_resource(request.user, resource)
    form = BookingForm(request.POST or None, resource=resource, organisations=_represented(request.user))
    if request.method == "POST":
        if not can_book:
            raise PermissionDenied
        if form.is_valid():
            start, end = form.span()
            try:
                booking = services.book(
                    resource=resource,
                    user=request.user,
                    starts_at=start,
                    ends_at=end,
                    organisation=form.cleaned_data.get("organisation"),
                    purpose=form.cleaned_data.get("purpose", ""),
                    accept_terms=form.cleaned_data.get("accept_terms", False),
                    licence_confirmed=form.cleaned_data.get("licence_confirmed", False),
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                if booking.status == Booking.Status.APPROVED:
                    messages.success(
                        request, _("Booked. Your pick-up code: %(code)s") % {"code": booking.pickup_code}
                    )
                else:
                    messages.success(request, _("Your request has been sent to the owner."))
                return redirect("resources:my_bookings")
    first = _first_day(request)
    return render(
        request,
        "resources/resource.html",
        {
            "quarter": resource.quarter,
            "resource": resource,
            "days": selectors.calendar(resource, first, show_who=can_manage),
            "next_from": first + datetime.timedelta(days=selectors.CALENDAR_DAYS),
            "form": form,
            "can_book": can_book,
            "can_manage": can_manage,
            "closure_form": ClosureForm() if can_manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, slug):
    """An association (or the office) offers something to the pool."""
    quarter = quarter_or_404(slug)
    if not rules.can_offer(request.user, quarter):
        raise PermissionDenied
    office = bool(rules.can_manage_resource(request.user, Resource(quarter=quarter)))
    owners = _represented(request.user)
    form = ResourceForm(request.POST or None, owners=owners, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resource = services.offer(
            quarter=quarter,
            by=request.user,
            resource_fields={
                key: data[key]
                for key in (
                    "owner",
                    "kind",
                    "name",
                    "description",
                    "place",
                    "deposit",
                    "fee",
                    "bookable_by",
                    "needs_approval",
                    "buffer_minutes",
                    "terms",
                )
            },
            timeframe=Timeframe(
                weekdays="".join(sorted(data["weekdays"])),
                whole_days=data["whole_days"],
                opens_at=None if data["whole_days"] else data["opens_at"],
                closes_at=None if data["whole_days"] else data["closes_at"],
                max_hours=data.get("max_hours"),
                max_days=data.get("max_days"),
                lead_time_hours=data["lead_time_hours"],
                ahead_days=data["ahead_days"],
            ),
        )
        messages.success(request, _("Your offer is in the pool."))
        return redirect(resource.get_absolute_url())
    return render(request, "resources/offer.html", {"quarter": quarter, "form": form})


@login_required
@require_POST
def close(request, slug, pk):
    """The owner closes a resource for days (repair, holiday); bookings in that time are cancelled."""
    resource = _resource(slug, pk, request.user)
    form = ClosureForm(request.POST)
    if not rules.can_close(request.user, resource):
        raise PermissionDenied
    if form.is_valid():
        tz = local_zone()
        data = form.cleaned_data
        _closure, cancelled = services.close_for_repair(
            resource=resource,
            by=request.user,
            starts_at=datetime.datetime.combine(data["starts_on"], datetime.time(0), tzinfo=tz),
            ends_at=datetime.datetime.combine(
                data["ends_on"] + datetime.timedelta(days=1), datetime.time(0), tzinfo=tz
            ),
            note=data["note"],
            reason=data["reason"],
        )
        messages.success(
            request,
            _("Closed. %(n)s bookings were cancelled and their bookers told.") % {"n": len(cancelled)},
        )
    else:
        messages.error(request, _("Please check the dates of the closure."))
    return redirect(resource.get_absolute_url())


@login_required
@never_cache
def my_bookings(request):
    """What I (or my associations) booked, with the pick-up codes and a private calendar link."""
    bookings = list(selectors.bookings_of(request.user)[:200])
    for b in bookings:
        b.actions = BOOKING_FLOW.available(request.user, b)
    feed = reverse("resources:booker_feed", args=[onetime.sign(request.user.pk, salt=FEED_SALT)])
    return render(
        request,
        "resources/my_bookings.html",
        {"bookings": bookings, "feed_url": request.build_absolute_uri(feed)},
    )


@login_required
@never_cache
def requests_page(request, slug):
    """The owner's requests: approve or refuse, hand over with the code, take back with a condition note."""
    quarter = quarter_or_404(slug)
    bookings = list(selectors.requests_for(request.user, quarter)[:300])
    if not bookings and not selectors.managed_resources(request.user, quarter).exists():
        raise PermissionDenied
    for b in bookings:
        b.actions = BOOKING_FLOW.available(request.user, b)
    return render(
        request,
        "resources/requests.html",
        {
            "quarter": quarter,
            "bookings": bookings,
            "answer_form": AnswerForm(),
            "code_form": HandOverForm(),
            "return_form": ReturnForm(),
        },
    )


@login_required
@require_POST
def booking_action(request, pk, action):
    """One step of a booking: approve, refuse, hand_over, take_back, cancel."""
    booking = get_object_or_404(
        Booking.objects.select_related("resource", "resource__owner", "quarter"), pk=pk
    )
    if action not in BOOKING_FLOW.actions or not rules.can_view_booking(request.user, booking):
        raise Http404
    try:
        if action == "approve":
            services.approve(booking=booking, by=request.user, answer=request.POST.get("answer", ""))
            messages.success(request, _("Booking confirmed; the booker has the pick-up code."))
        elif action == "refuse":
            services.refuse(booking=booking, by=request.user, answer=request.POST.get("answer", ""))
            messages.success(request, _("Booking refused."))
        elif action == "hand_over":
            services.hand_over(booking=booking, by=request.user, code=request.POST.get("code", ""))
            messages.success(request, _("Handed over."))
        elif action == "take_back":
            booking = services.take_back(
                booking=booking, by=request.user, condition_note=request.POST.get("condition_note", "")
            )
            messages.success(request, _("Returned. Any time left of the booking is free again."))
        elif action == "cancel":
            services.cancel(booking=booking, by=request.user)
            messages.success(request, _("Booking cancelled."))
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except DomainError as exc:
        messages.error(request, str(exc))
    if action == "cancel" and rules.is_booker(request.user, booking):
        return redirect("resources:my_bookings")
    return redirect("resources:requests", booking.quarter.slug)


# --- office hours -----------------------------------------------------------------------------------------


def _office_hours(slug, pk) -> Resource:
    quarter = quarter_or_404(slug)
    return get_object_or_404(
        Resource.objects.select_related("quarter"),
        pk=pk,
        quarter=quarter,
        kind=Resource.Kind.OFFICE_HOURS,
        is_published=True,
    )


def office_hours(request, slug, pk):
    """Step 1 of 3: pick a free 20-minute slot in the next two weeks."""
    resource = _office_hours(slug, pk)
    today = timezone.localdate()
    days = []
    for n in range(selectors.CALENDAR_DAYS):
        day = today + datetime.timedelta(days=n)
        slots = services.free_slots(resource, day)
        if slots:
            days.append((day, [s.astimezone(local_zone()) for s in slots]))
    return render(
        request,
        "resources/office_hours.html",
        {"quarter": resource.quarter, "resource": resource, "days": days},
    )


@require_http_methods(["GET", "POST"])
def appointment(request, slug, pk):
    """Step 2 of 3: who comes, how we reach them, which language."""
    resource = _office_hours(slug, pk)
    try:
        start = datetime.datetime.fromisoformat(request.POST.get("start") or request.GET.get("start", ""))
    except ValueError:
        return redirect("resources:office_hours", slug, pk)
    if start.tzinfo is None:
        start = start.replace(tzinfo=local_zone())
    form = AppointmentForm(request.POST or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        if not throttle.hit(
            "resources-appointment", request.META.get("REMOTE_ADDR", ""), limit=10, seconds=3600
        ):
            form.add_error(None, _("Too many appointments from here. Please try again later or call us."))
        else:
            data = form.cleaned_data
            try:
                booking, _code = services.book_appointment(
                    resource=resource,
                    starts_at=start,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    purpose=data["purpose"],
                    language=data["language"],
                    wants_interpreter=data.get("wants_interpreter", False),
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                request.session["resources_appointment"] = booking.pk
                return redirect("resources:appointment_done", slug, pk)
    return render(
        request,
        "resources/appointment.html",
        {
            "quarter": resource.quarter,
            "resource": resource,
            "form": form,
            "start": start.astimezone(local_zone()),
        },
    )


@never_cache
def appointment_done(request, slug, pk):
    """Step 3 of 3: the slot is held; confirm by the link in the e-mail (or we call back)."""
    resource = _office_hours(slug, pk)
    booking = Booking.objects.filter(
        pk=request.session.get("resources_appointment"), resource=resource
    ).first()
    if booking is None:
        return redirect("resources:office_hours", slug, pk)
    return render(
        request,
        "resources/appointment_done.html",
        {
            "quarter": resource.quarter,
            "resource": resource,
            "booking": booking,
            "start": booking.starts_at.astimezone(local_zone()),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_appointment(request, code):
    """The link in the e-mail: a button confirms (a mail scanner opening the link confirms nothing)."""
    error = booking = None
    if request.method == "POST":
        try:
            booking = services.confirm_appointment(code)
        except DomainError as exc:
            error = str(exc)
    return render(
        request,
        "resources/confirm.html",
        {
            "booking": booking,
            "error": error,
            "start": booking.starts_at.astimezone(local_zone()) if booking else None,
        },
    )


@login_required
def appointments_today(request, slug):
    """The office's day: who comes when, in which language, with or without interpreter."""
    quarter = staff_quarter(request, slug)
    try:
        day = datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    appointments = list(selectors.appointments_on(quarter, day))
    return render(
        request,
        "resources/appointments.html",
        {
            "quarter": quarter,
            "day": day,
            "appointments": appointments,
            "previous": day - datetime.timedelta(days=1),
            "next": day + datetime.timedelta(days=1),
        },
    )


# --- iCal ----------------------------------------------------------------------------------------------------


def resource_feed(request, slug, pk):
    """Busy times of a resource (no names) as iCalendar."""
    resource = _resource(slug, pk, request.user)
    body = feeds.resource_calendar(resource)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def booker_feed(request, code):
    """A person's own bookings as iCalendar, behind a signed private link."""
    from quartierwerk.core.models import User

    user_pk = onetime.unsign(code, salt=FEED_SALT)
    user = User.objects.filter(pk=user_pk, is_active=True).first() if user_pk else None
    if user is None:
        raise Http404
    body = feeds.booker_calendar(user)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
