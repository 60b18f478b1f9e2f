"""No internal code on a page: every kind of history entry and every status reads as words in each language,
none of them left in English in another language."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.template import Context, Template
from django.utils import translation

from quartierwerk.core.history import SENTENCES

PACKAGE = Path(__file__).resolve().parents[2] / "quartierwerk"
CODE = re.compile(r"\b[a-z]+\.[a-z_]+\b")


def recorded_kinds() -> set[str]:
    """Every audit kind the code records (a literal code, or a literal prefix with the known endings)."""
    kinds = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text()
        kinds |= set(re.findall(r'audit\.record\(\s*[^"]*?"([a-z0-9_]+\.[a-z0-9_]+)"', text, re.S))
    # The kinds chosen at run time: proof reminders and a reporter's answer.
    kinds |= {"fund.proof_reminder_sent", "fund.proof_overdue_sent", "reports.confirmed", "reports.reopened"}
    kinds |= {"council.suggestion_confirmed", "council.suggestion_dropped"}
    return kinds


def test_every_recorded_kind_has_a_sentence():
    assert recorded_kinds() - set(SENTENCES) == set()


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk", "tr"])
def test_every_history_entry_renders_as_a_sentence(language):
    template = Template("{% load history %}{{ action|history }}")
    kinds = sorted(recorded_kinds()) + ["unknown.kind_from_elsewhere"]
    with translation.override("en"):
        english = {action: template.render(Context({"action": action})) for action in kinds}
    with translation.override(language):
        for action in kinds:
            text = template.render(Context({"action": action}))
            assert text and not CODE.search(text), (action, text)
            if language != "en":
                assert text != english[action], f"{action}: no sentence in {language}"


def _statuses():
    for model in apps.get_models():
        if not model.__module__.startswith("quartierwerk."):
            continue
        for name in ("Status", "Result", "Outcome", "Review"):
            choices = getattr(model, name, None)
            if isinstance(choices, type) and issubclass(choices, models.TextChoices):
                for value, label in choices.choices:
                    yield f"{model.__name__}.{name}.{value}", label


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk", "tr"])
def test_every_status_has_a_name_in_each_language(language):
    with translation.override(language):
        names = {key: str(label) for key, label in _statuses()}
    with translation.override("en"):
        english = {key: str(label) for key, label in _statuses()}
    assert names
    for key, name in names.items():
        value = key.rsplit(".", 1)[1]
        assert name and not CODE.search(name), (key, name)
        if language != "en":
            # No status keeps its English name in another language (German is the first language).
            assert name != english[key] or name.lower() == value.lower() == "status", (key, name)
