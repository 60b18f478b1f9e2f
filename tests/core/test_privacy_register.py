"""The register of personal data: every field that looks personal is declared or on the reviewed allow-list."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from quartierwerk.core import privacy

# Field names that suggest personal data, and field types that hold it whatever their name.
LOOKS_PERSONAL = re.compile(
    r"(^|_)(e?mail|phone|name|address|street|postcode|birth|ip|user_agent|username|session|signed|label|answers"
    r"|note|message|text|description|comment|reason|token|key|data|location|lat|lon)($|_)"
)
PERSONAL_TYPES = (
    models.EmailField,
    models.GenericIPAddressField,
    models.FileField,
    models.TextField,
    models.JSONField,
)


def _points_at_a_person(f) -> bool:
    target = f.related_model._meta.label if f.is_relation and f.related_model else ""
    return target in ("core.User", "actors.Person")


def looks_personal(f) -> bool:
    if f.primary_key:
        return False
    if f.is_relation:
        return _points_at_a_person(f)
    if isinstance(f, (models.BooleanField, models.DateTimeField)):
        return False  # flags and timestamps say when, not who
    return isinstance(f, PERSONAL_TYPES) or bool(LOOKS_PERSONAL.search(f.name))


def _declared() -> dict[str, set[str]]:
    fields: dict[str, set[str]] = {}
    for d in privacy.register():
        fields.setdefault(d.model, set()).update(d.fields)
    for n in privacy.not_personal():
        fields.setdefault(n.model, set()).update(n.fields)
    return fields


def test_every_field_that_looks_personal_is_declared_or_allowed_with_a_reason():
    declared = _declared()
    missing = [
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        for f in [*m._meta.concrete_fields, *m._meta.many_to_many]
        if looks_personal(f) and f.name not in declared.get(m._meta.label, set())
    ]
    assert missing == [], (
        "Declare these in the app's privacy.py (or allow them there with a reason): " + ", ".join(missing)
    )


def test_the_detector_sees_a_new_personal_field():
    """A model added without a declaration would fail the test above: the detector flags typical fields."""
    samples = [
        models.EmailField(name="contact"),
        models.CharField(name="mobile_phone"),
        models.DateField(name="birth_date"),
        models.TextField(name="comment"),
        models.FileField(name="upload"),
        models.GenericIPAddressField(name="origin"),
    ]
    assert all(looks_personal(f) for f in samples)
    assert not looks_personal(models.PositiveIntegerField(name="capacity"))


def test_declarations_name_real_models_and_fields():
    for d in privacy.register():
        model = d.model_class()
        names = {f.name for f in model._meta.get_fields()}
        assert set(d.fields) <= names, (d.model, set(d.fields) - names)
        assert d.purpose and d.legal_basis in privacy.LEGAL_BASIS_LABELS
        for path in (d.subject.user, d.subject.email, d.subject.person):
            if path and path != "pk":
                model._meta.get_field(path.split("__")[0])
    for n in privacy.not_personal():
        names = {f.name for f in apps.get_model(n.model)._meta.get_fields()}
        assert set(n.fields) <= names, (n.model, set(n.fields) - names)
        assert str(n.reason)


def test_a_field_is_not_both_declared_and_allowed():
    declared = {(d.model, f) for d in privacy.register() for f in d.fields}
    allowed = {(n.model, f) for n in privacy.not_personal() for f in n.fields}
    assert declared & allowed == set()


def test_holds_and_keeps_say_why_and_until_when():
    for d in privacy.register():
        if d.erasure == privacy.Erasure.KEEP:
            assert d.hold is not None, d.model
        if d.hold:
            assert str(d.hold.reason) and d.hold.period.days > 0 and d.hold.start


@pytest.mark.django_db
def test_register_collects_each_module_explicitly():
    from quartierwerk.modules import MODULE_NAMES

    labels = {d.app_label for d in privacy.register()}
    assert set(MODULE_NAMES) <= labels
    assert {"core", "sessions", "admin", "axes", "django_tasks_database"} <= labels


def test_every_retention_rule_can_be_said_in_words():
    for d in privacy.register():
        for rule in d.retention:
            assert rule.describe(), d.model
    with translation.override("en"):
        assert privacy.Retention(period=timedelta(days=30)).describe() == "30 days"
    with translation.override("de"):
        assert privacy.Retention(period=timedelta(days=30)).describe() == "30 Tage"
