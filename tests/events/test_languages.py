"""One list of languages (BCP 47, German Sign Language is gsg) stored as a JSON list of codes."""

import json

import pytest
from django.db import connection
from django.utils import translation

from quartierwerk.core.languages import Language, clean_codes
from quartierwerk.events import selectors
from quartierwerk.events.forms import EventForm
from quartierwerk.events.models import Event

BEFORE = ("events", "0003_minutes_version")


def _migrate_events(target):
    """Move the events schema to `target` (None: the newest of every app, since going back also unapplied the
    apps that depend on events) and return the Event model of that state."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = [target] if target else executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps.get_model("events", "Event")


@pytest.mark.django_db(transaction=True)
def test_migration_turns_strings_into_code_lists_and_dgs_into_gsg(quarter):
    from django.utils import timezone

    OldEvent = _migrate_events(BEFORE)
    now = timezone.now()
    stored = {"sign": ",de,dgs,", "plain": ",de,", "empty": "", "many": ",ar,de-simple,ar,tr,"}
    ids = {
        name: OldEvent.objects.create(
            title=name,
            languages=value,
            quarter_id=quarter.pk,
            city_id=quarter.city_id,
            starts_at=now,
            ends_at=now,
        ).pk
        for name, value in stored.items()
    }
    _migrate_events(None)
    got = {name: Event.objects.get(pk=pk).languages for name, pk in ids.items()}
    assert got == {"sign": ["de", "gsg"], "plain": ["de"], "empty": ["de"], "many": ["ar", "de-simple", "tr"]}
    assert _migrate_events(BEFORE).objects.get(pk=ids["sign"]).languages == ",de,dgs,", "the way back"
    _migrate_events(None)


def test_one_list_for_events_and_organisations():
    from quartierwerk.actors.models import Language as ActorLanguage
    from quartierwerk.events.models import LANGUAGE_CHOICES

    assert ActorLanguage is Language
    assert dict(LANGUAGE_CHOICES) == dict(Language.choices)
    assert "gsg" in Language.values and "dgs" not in Language.values
    with translation.override("de"):
        assert str(Language("gsg").label) == "Deutsche Gebärdensprache"
        assert str(Language("de-simple").label) == "Leichte Sprache"


def test_old_and_unknown_codes_are_cleaned():
    assert clean_codes(",de,dgs,de,") == ["de", "gsg"]
    assert clean_codes(["gsg", "xx", " en "]) == ["gsg", "en"]


def test_event_form_offers_the_one_list():
    codes = [code for code, _label in EventForm.base_fields["languages"].choices]
    assert codes == Language.values


@pytest.mark.django_db
def test_calendar_filter_matches_whole_codes_and_old_links(make_event):
    signed = make_event("Mit Gebärden", languages=["de", "gsg"])
    easy = make_event("Leicht", languages=["de-simple"])
    make_event("Deutsch", languages=["de"])
    qs = Event.objects.all()

    def found(code):
        return set(
            selectors.CalendarFilters.from_query({"language": code}).apply(qs).values_list("title", flat=True)
        )

    assert found("gsg") == found("dgs") == {signed.title}
    assert found("de-simple") == {easy.title}
    assert found("de") == {"Mit Gebärden", "Deutsch"}


@pytest.mark.django_db
def test_api_stores_and_returns_code_lists(client, user_with_role, quarter):
    from quartierwerk.core.models import ApiToken

    _token, key = ApiToken.issue(user_with_role("staff"), "test")
    payload = {
        "quarter": quarter.slug,
        "title": "Sprachcafé",
        "kind": "workshop",
        "starts_at": "2030-05-04T17:00:00+02:00",
        "ends_at": "2030-05-04T20:00:00+02:00",
        "languages": ["de", "dgs", "ar"],
    }
    response = client.post(
        "/api/v1/events/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    event = Event.objects.get(title="Sprachcafé")
    assert event.languages == ["de", "gsg", "ar"]
    detail = client.get(f"/api/v1/events/{event.pk}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert detail.json()["languages"] == ["de", "gsg", "ar"]
