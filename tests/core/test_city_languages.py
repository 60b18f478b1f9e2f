"""Each city offers its own interface languages; right to left follows Django's language table."""

import re

import pytest
from django.conf.locale import LANG_INFO
from django.test import RequestFactory
from django.utils import translation

from quartierwerk.core import interface_languages
from quartierwerk.core.context_processors import site
from quartierwerk.core.models import City


def switch_codes(html: str) -> list[str]:
    form = re.search(r'<form class="language-switch".*?</form>', html, re.S).group(0)
    return re.findall(r'name="language" value="([\w-]+)"', form)


def page(client, path, language):
    client.cookies["django_language"] = language
    return client.get(path).content.decode()


def test_a_new_city_offers_every_interface_language(db):
    city = City.objects.create(name="Neustadt", slug="neustadt")
    assert city.languages == ["de", "en", "ar", "uk", "tr"]


def test_german_is_always_offered_and_unknown_codes_are_dropped(db):
    city = City.objects.create(name="Neustadt", slug="neustadt", languages=["tr", "xx", "uk"])
    assert city.languages == ["de", "uk", "tr"]


def test_the_switch_shows_only_the_citys_languages(client, quarter):
    html = page(client, f"/q/{quarter.slug}/", "de")
    assert switch_codes(html) == ["de", "en", "ar", "uk", "tr"]
    quarter.city.languages = ["de", "uk"]
    quarter.city.save()
    html = page(client, f"/q/{quarter.slug}/", "uk")
    assert switch_codes(html) == ["de", "uk"]
    assert '<html lang="uk" dir="ltr">' in html


def test_a_language_the_city_does_not_offer_falls_back_to_german(client, quarter):
    assert '<html lang="ar" dir="rtl">' in page(client, f"/q/{quarter.slug}/", "ar")
    quarter.city.languages = ["de", "en"]
    quarter.city.save()
    # Also the page cache follows the change: the Arabic copy stored above is not served again.
    html = page(client, f"/q/{quarter.slug}/", "ar")
    assert '<html lang="de" dir="ltr">' in html
    assert "Sprache" in html


def test_the_api_names_the_citys_languages(client, quarter):
    quarter.city.languages = ["tr", "de"]
    quarter.city.save()
    body = client.get(f"/api/v1/quarters/{quarter.slug}").json()
    assert body["languages"] == ["de", "tr"]


def test_admin_edits_the_languages_with_checkboxes(quarter):
    from quartierwerk.core.admin import CityForm

    city = quarter.city
    form = CityForm(data={"name": city.name, "slug": city.slug, "languages": ["uk"]}, instance=city)
    assert 'type="checkbox"' in str(form["languages"])
    assert form.is_valid(), form.errors
    form.save()
    city.refresh_from_db()
    assert city.languages == ["de", "uk"]


@pytest.mark.parametrize(
    "code, direction",
    [
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("ckb", "rtl"),
        ("he", "rtl"),
        ("ur", "rtl"),
        ("de", "ltr"),
        ("uk", "ltr"),
    ],
)
def test_direction_comes_from_djangos_language_table(code, direction):
    assert interface_languages.text_direction(code) == direction


def test_any_right_to_left_language_gets_rtl(settings, monkeypatch):
    """A made-up language that Django's table marks right to left: the page frame turns, nothing names it."""
    fake = {"bidi": True, "code": "qx", "name": "Fake right-to-left", "name_local": "Fake"}
    monkeypatch.setitem(LANG_INFO, "qx", fake)
    settings.LANGUAGES = [*settings.LANGUAGES, ("qx", "Fake")]
    settings.LANGUAGES_BIDI = []  # Django's own list must not be what decides
    request = RequestFactory().get("/")
    with translation.override("qx"):
        assert interface_languages.text_direction() == "rtl"
        context = site(request)
    assert context["text_direction"] == "rtl"
    assert [info["code"] for info in context["interface_languages"]][-1] == "qx"
    assert interface_languages.text_direction("qx-variant") == "rtl"
