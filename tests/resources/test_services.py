"""The life of a booking: request, approval, hand-over with the code, early return; closures; appointments."""

import datetime

import pytest

from quartierwerk.core.errors import Conflict, DomainError, NotAllowed
from quartierwerk.core.models import OutboxMail
from quartierwerk.resources import services
from quartierwerk.resources.models import Booking, Closure

from .conftest import at, next_weekday

pytestmark = pytest.mark.django_db


def _book(bike, user, day, start=10, hours=2, **extra):
    return services.book(
        resource=bike,
        user=user,
        starts_at=at(day, start),
        ends_at=at(day, start) + datetime.timedelta(hours=hours),
        accept_terms=True,
        **extra,
    )


def test_association_books_owner_approves_hands_over_and_takes_back_early(bike, booker, booker_org, owner):
    day = next_weekday(2)
    booking = _book(bike, booker, day, organisation=booker_org)
    assert booking.status == Booking.Status.REQUESTED and booking.terms_accepted_at
    assert booking.blocked_until == booking.ends_at + datetime.timedelta(minutes=30)

    booking = services.approve(booking=booking, by=owner)
    assert booking.status == Booking.Status.APPROVED and len(booking.pickup_code) == 6
    assert booking.pickup_code in OutboxMail.objects.get(purpose="resources.approved").body

    with pytest.raises(DomainError, match="does not match"):
        services.hand_over(booking=booking, by=owner, code="WRONG1")
    booking = services.hand_over(booking=booking, by=owner, code=booking.pickup_code.lower())
    assert booking.status == Booking.Status.HANDED_OVER

    back_at = at(day, 11)
    booking = services.take_back(booking=booking, by=owner, condition_note="Kette geölt", now=back_at)
    assert booking.status == Booking.Status.RETURNED and booking.ends_at == back_at
    # The rest of the slot is free again (after the turnaround buffer).
    later = services.book(
        resource=bike, user=booker, starts_at=at(day, 11, 30), ends_at=at(day, 12), accept_terms=True
    )
    assert later.status == Booking.Status.REQUESTED


def test_overlap_and_buffer_are_refused_with_a_clear_message(bike, booker, owner):
    day = next_weekday(2)
    _book(bike, booker, day)
    with pytest.raises(Conflict, match="just been booked"):
        _book(bike, owner, day, start=12, hours=1)  # inside the 30-minute buffer
    assert _book(bike, owner, day, start=13, hours=1).pk


def test_terms_and_permission_are_checked(bike, booker, user_with_role):
    day = next_weekday(2)
    with pytest.raises(DomainError, match="terms"):
        services.book(resource=bike, user=booker, starts_at=at(day, 10), ends_at=at(day, 11))
    with pytest.raises(NotAllowed):
        _book(bike, user_with_role("resident"), day)


def test_a_vehicle_needs_the_driving_licence_confirmed(bike, booker):
    bike.kind = bike.Kind.VEHICLE
    bike.save()
    day = next_weekday(2)
    with pytest.raises(DomainError, match="driving licence"):
        _book(bike, booker, day)
    assert _book(bike, booker, day, licence_confirmed=True).licence_confirmed_at


def test_only_the_owner_decides(bike, booker, user_with_role):
    booking = _book(bike, booker, next_weekday(2))
    with pytest.raises(NotAllowed):
        services.approve(booking=booking, by=booker)
    services.refuse(booking=booking, by=user_with_role("staff"), answer="Leider in Reparatur.")
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REFUSED


def test_closure_for_repair_cancels_affected_bookings_and_tells_each_booker(
    bike, booker, owner, user_with_role
):
    day = next_weekday(2)
    first = _book(bike, booker, day)
    second = _book(bike, owner, day, start=14)
    untouched = _book(bike, owner, day + datetime.timedelta(days=1))
    closure, cancelled = services.close_for_repair(
        resource=bike, by=owner, starts_at=at(day, 0), ends_at=at(day, 23), note="Platter Reifen"
    )
    assert {b.pk for b in cancelled} == {first.pk, second.pk}
    assert Booking.objects.get(pk=untouched.pk).status == Booking.Status.REQUESTED
    mails = OutboxMail.objects.filter(purpose="resources.closed")
    assert sorted(m.to[0] for m in mails) == sorted([booker.email, owner.email])
    assert Closure.objects.get() == closure
    with pytest.raises(DomainError, match="closed"):
        _book(bike, booker, day, start=16)
    with pytest.raises(NotAllowed):
        services.close_for_repair(
            resource=bike, by=user_with_role("resident"), starts_at=at(day, 0), ends_at=at(day, 1)
        )


def test_category_limit_counts_bookings_on_other_resources(bike, booker, category, quarter, owner_org):
    from quartierwerk.resources.models import Resource, Timeframe

    trailer = Resource.objects.create(
        quarter=quarter, owner=owner_org, category=category, kind="equipment", name="Anhänger"
    )
    Timeframe.objects.create(
        resource=trailer, weekdays="0123456", opens_at=datetime.time(8), closes_at=datetime.time(20)
    )
    day = next_weekday(2)
    _book(bike, booker, day)
    with pytest.raises(DomainError, match="already have a booking"):
        services.book(resource=trailer, user=booker, starts_at=at(day, 11), ends_at=at(day, 12))


def test_resident_books_an_office_hour_slot_without_account_and_confirms(office_hours):
    day = next_weekday(1)
    slots = services.free_slots(office_hours, day)
    assert [s.strftime("%H:%M") for s in slots] == ["10:00", "10:20", "10:40", "11:00", "11:20", "11:40"]
    booking, code = services.book_appointment(
        resource=office_hours,
        starts_at=slots[1],
        name="Aylin Demir",
        email="aylin@example.org",
        language="Türkisch",
        wants_interpreter=True,
    )
    assert booking.status == Booking.Status.UNCONFIRMED and booking.wants_interpreter
    assert code in OutboxMail.objects.get(purpose="resources.appointment_confirm").body
    assert len(services.free_slots(office_hours, day)) == 5
    with pytest.raises(Conflict, match="just been booked"):
        services.book_appointment(resource=office_hours, starts_at=slots[1], name="B", phone="0341 123")
    assert services.confirm_appointment(code).status == Booking.Status.APPROVED


def test_unconfirmed_appointments_expire_and_free_their_slot(office_hours):
    day = next_weekday(1)
    start = at(day, 10)
    booking, code = services.book_appointment(
        resource=office_hours, starts_at=start, name="A", email="a@example.org"
    )
    later = booking.confirm_by + datetime.timedelta(minutes=1)
    other, _code = services.book_appointment(
        resource=office_hours, starts_at=start, name="B", phone="0341 555", now=later
    )
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.EXPIRED
    assert other.status == Booking.Status.REQUESTED
    with pytest.raises(Conflict):
        services.confirm_appointment(code)


def test_appointment_needs_a_way_to_reach_the_person(office_hours):
    with pytest.raises(DomainError, match="e-mail address or a phone"):
        services.book_appointment(resource=office_hours, starts_at=at(next_weekday(1), 10), name="A")


def test_the_scheduled_job_reminds_once_and_lets_unconfirmed_appointments_lapse(
    bike, booker, owner, office_hours
):
    from quartierwerk.resources.manifest import run_scheduled

    day = next_weekday(2)
    booking = services.approve(booking=_book(bike, booker, day), by=owner)
    appointment, _code = services.book_appointment(
        resource=office_hours, starts_at=at(next_weekday(1), 10), name="A", email="a@example.org"
    )
    the_day_before = booking.starts_at - datetime.timedelta(hours=20)
    assert services.send_reminders(now=the_day_before) == 1
    assert services.send_reminders(now=the_day_before) == 0
    assert OutboxMail.objects.filter(purpose="resources.reminder").count() == 1
    Booking.objects.filter(pk=appointment.pk).update(
        confirm_by=at(next_weekday(1), 0) - datetime.timedelta(days=8)
    )
    assert run_scheduled().startswith("1 unconfirmed appointments lapsed")
    assert Booking.objects.get(pk=appointment.pk).status == Booking.Status.EXPIRED
