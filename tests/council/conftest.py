"""Fixtures of the council tests: the Connewitz procedure of the demo, built in the test quarter."""

import datetime

import pytest

from quartierwerk.core import clock
from quartierwerk.core.demo import Demo
from quartierwerk.council import demo
from quartierwerk.council.models import Organization, Paper, PaperQuarter, ResolutionPoint
from quartierwerk.council.services import body_for


@pytest.fixture
def procedure(quarter):
    """The demo's Connewitz procedure (motion, statement, revision, decision, final report) in `quarter`."""
    demo._connewitz(Demo(quarters={"connewitz": quarter}))
    return Paper.objects.get(kind=Paper.Kind.DECISION, reference="VII-A-00692-B")


def make_decision(
    quarter, *, reference="VII-A-01000", deadline_in=60, status="open", confirmed=True
) -> Paper:
    """A decision of `quarter` with one open point whose deadline lies `deadline_in` days ahead."""
    body = body_for(quarter.city)
    office, _created = Organization.objects.get_or_create(
        body=body,
        kind=Organization.Kind.OFFICE,
        name="Amt für Stadterneuerung",
        defaults={"email": "amt@example.org"},
    )
    paper = Paper.objects.create(body=body, kind=Paper.Kind.DECISION, reference=reference, name="Beschluss")
    PaperQuarter.objects.create(paper=paper, quarter=quarter, confirmed=confirmed)
    ResolutionPoint.objects.create(
        paper=paper,
        number=1,
        text="Die Verwaltung setzt das um.",
        responsible_office=office,
        deadline=clock.today() + datetime.timedelta(days=deadline_in),
        status=status,
    )
    return paper
