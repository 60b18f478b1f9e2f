"""The helpers that keep long lists cheap give exactly what Django's own calls give."""

import pytest
from django.db import models
from django.urls import reverse
from django.utils import translation

from quartierwerk.actors.models import Offer, Organisation
from quartierwerk.core import choices
from quartierwerk.core.choices import choice_labels
from quartierwerk.core.links import row_url
from quartierwerk.events.models import Event
from quartierwerk.reports.models import Report


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk", "tr"])
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
            assert choices.display(obj, field) == django_display(obj, model_field)
        # A value that is not a choice shows as itself, as in Django.
        obj = model(**{field: "no-such-choice"})
        assert choices.display(obj, field) == "no-such-choice"


def test_display_follows_the_active_language():
    report = Report(status=Report.Status.OPEN)
    with translation.override("en"):
        english = choices.display(report, "status")
    with translation.override("de"):
        german = choices.display(report, "status")
    assert english == "open"
    assert german != english


def test_no_django_method_is_patched():
    """Every model keeps Django's own generated `get_FOO_display()`; the cached labels are asked for by name."""
    from functools import partialmethod

    from django.apps import apps

    assert models.Model._get_FIELD_display.__module__ == "django.db.models.base"
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            generated = model.__dict__.get(f"get_{field.name}_display")
            if field.choices and generated is not None:
                assert isinstance(generated, partialmethod), (model, field.name)
                assert generated.func is models.Model._get_FIELD_display, (model, field.name)


def test_label_filter_and_status_badge():
    from django.template import engines

    template = engines["django"].from_string(
        '{{ r|label:"status" }}|{% status_badge r %}|{% status_badge o %}{{ missing|label:"status" }}'
    )
    with translation.override("en"):
        html = template.render({"r": Report(status="solved"), "o": Organisation(status="merged")})
    assert html == (
        'solved|<span class="kern-badge kern-badge--success status-solved"><span class="kern-label">solved</span></span>'
        '|<span class="kern-badge kern-badge--neutral status-merged"><span class="kern-label">Merged into another entry</span></span>'
    )


def test_badge_tones_name_real_states():
    from django.apps import apps

    for (label, field), tones in choices.STATUS_TONES.items():
        values = {value for value, _label in apps.get_model(label)._meta.get_field(field).flatchoices}
        assert set(tones) <= values, label
        assert set(tones.values()) <= {"ok", "warn", "error"}


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
