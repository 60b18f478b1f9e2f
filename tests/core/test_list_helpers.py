"""The helpers that keep long lists cheap give exactly what Django's own calls give."""

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from quartierwerk.actors.models import Offer, Organisation
from quartierwerk.core.choices import choice_labels
from quartierwerk.core.links import row_url
from quartierwerk.events.models import Event
from quartierwerk.reports.models import Report


@pytest.mark.parametrize("language", ["de", "en", "ar"])
@pytest.mark.parametrize(
    ("model", "field"),
    [(Report, "status"), (Event, "kind"), (Event, "status"), (Organisation, "kind")],
)
def test_cached_display_labels_equal_djangos_in_every_language(model, field, language):
    django_display = models.Model._get_FIELD_display
    model_field = model._meta.get_field(field)
    with translation.override(language):
        for value, _label in model_field.flatchoices:
            obj = model(**{field: value})
            assert getattr(obj, f"get_{field}_display")() == django_display(obj, model_field)
        # A value that is not a choice shows as itself, as in Django.
        obj = model(**{field: "no-such-choice"})
        assert getattr(obj, f"get_{field}_display")() == "no-such-choice"


def test_display_follows_the_active_language():
    report = Report(status=Report.Status.OPEN)
    with translation.override("en"):
        english = report.get_status_display()
    with translation.override("de"):
        german = report.get_status_display()
    assert english == "open"
    assert german != english


def test_choice_labels_per_language():
    with translation.override("de"):
        german = choice_labels(Offer)
    with translation.override("en"):
        english = choice_labels(Offer)
    assert set(german) == set(english) == set(Offer.values)
    assert german != english


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("reports:detail", ["gruenau", 12345]),
        ("actors:detail", ["leipziger-osten", "jugendclub-kirschberg"]),
        ("actors:city_detail", [7, "stadtteilladen"]),
        ("events:city_detail", [42]),
    ],
)
def test_row_url_equals_reverse(viewname, args):
    assert row_url(viewname, *args) == reverse(viewname, args=args)
