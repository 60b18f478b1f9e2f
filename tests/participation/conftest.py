"""Fixtures of the participation tests: a published process whose running phase a test chooses."""

from datetime import timedelta

import pytest

from quartierwerk.core import clock
from quartierwerk.participation import services
from quartierwerk.participation.models import Idea, Phase, Process

LAT, LON = 51.05, 12.05  # inside the test quarter's square
KINDS = ("information", "collecting", "commenting", "prioritising", "evaluation", "results")


def run_phase(process: Process, kind: str) -> Phase:
    """Move the timeline so that the phase of `kind` runs today (the others lie before and after it)."""
    today = clock.today()
    phases = list(process.phases.order_by("starts_on", "id"))
    now = next(i for i, p in enumerate(phases) if p.kind == kind)
    for i, phase in enumerate(phases):
        start = today + timedelta(days=10 * (i - now) - 2)
        Phase.objects.filter(pk=phase.pk).update(starts_on=start, ends_on=start + timedelta(days=9))
    return Phase.objects.select_related("process__quarter", "process__city").get(process=process, kind=kind)


def make_process(quarter, *, kinds=KINDS, published=True, dots=5) -> Process:
    process = Process.objects.create(
        city=quarter.city,
        quarter=quarter,
        title="Ideen für den Park",
        goal="Der Park wird neu gestaltet.",
        concept_who="Alle im Quartier",
        dots_per_person=dots,
        status=Process.Status.PUBLISHED if published else Process.Status.DRAFT,
    )
    today = clock.today()
    for i, kind in enumerate(kinds):
        start = today + timedelta(days=10 * i - 2)
        Phase.objects.create(process=process, kind=kind, starts_on=start, ends_on=start + timedelta(days=9))
    return process


def make_idea(process, n=0, **extra) -> Idea:
    fields = {
        "process": process,
        "quarter": process.quarter,
        "title": f"Idee {n}",
        "text": f"Beschreibung {n}",
        "category": "green",
        "lat": LAT,
        "lon": LON,
        "language": "de",
        **extra,
    }
    return Idea.objects.create(**fields)


@pytest.fixture
def process(quarter):
    """A published process of every kind of phase, collecting running today."""
    made = make_process(quarter)
    run_phase(made, "collecting")
    return made


@pytest.fixture
def idea(process):
    return make_idea(process)


@pytest.fixture
def staff(user_with_role):
    return user_with_role("staff")


@pytest.fixture
def code_for():
    """Factory: a redeemed one-time code of a process."""

    def make(process, by):
        raw = services.generate_codes(process=process, by=by, count=1)[0]
        return raw, services.redeem_code(process=process, raw=raw)

    return make
