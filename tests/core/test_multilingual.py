"""Content in several languages: what offices write, entered beside German, read in the visitor's language
where it exists and marked with the language it is actually in (WCAG 3.1.2)."""

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from quartierwerk.core import multilingual, services
from quartierwerk.core.errors import DomainError, NotAllowed
from quartierwerk.core.models import Quarter, TeamMember
from quartierwerk.events import services as event_services
from quartierwerk.events.models import Event, Venue
from tests.conftest import permission_matrix

pytestmark = pytest.mark.django_db

SUMMARY_DE = "Wir sind das Quartiersbüro in Grünau."
SUMMARY_AR = "نحن مكتب إدارة الحي في غروناو."
TITLE_DE = "Stadtteilfest am Teich"
TITLE_AR = "مهرجان الحي عند البحيرة"
DESCRIPTION_DE = "Mit Musik und Kuchen für alle."


def _get(client, url, language):
    client.cookies["django_language"] = language
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def _lang_of(html: str, text: str) -> tuple[str, str]:
    """The lang and dir of the element that holds `text`."""
    match = re.search(r'<span lang="([^"]+)" dir="([^"]+)">' + re.escape(text) + "</span>", html)
    assert match, f"{text!r} is not marked with its language"
    return match.group(1), match.group(2)


@pytest.fixture
def event(quarter):
    starts = timezone.now() + datetime.timedelta(days=5)
    return Event.objects.create(
        quarter=quarter,
        city=quarter.city,
        title=TITLE_DE,
        description=DESCRIPTION_DE,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        translations={"ar": {"title": TITLE_AR}},
    )


# --- reading --------------------------------------------------------------------------------------------------


def test_pick_gives_the_visitors_language_where_it_exists_and_german_otherwise(event):
    with translation.override("ar"):
        title, description = multilingual.pick(event, "title"), multilingual.pick(event, "description")
    assert (title, title.lang, title.dir) == (TITLE_AR, "ar", "rtl")
    assert (description, description.lang, description.dir) == (DESCRIPTION_DE, "de", "ltr")
    with translation.override("tr"):
        assert multilingual.pick(event, "title").lang == "de"


@pytest.mark.parametrize("code", ["ar", "fa", "ckb", "he", "ur"])
def test_every_right_to_left_language_gets_rtl_not_only_arabic(code):
    assert multilingual.LocalText("x", code).dir == "rtl"


def test_the_filter_marks_text_with_the_language_it_is_in(event):
    template = Template('{{ event|localized:"title" }}|{{ event|localized:"description" }}')
    with translation.override("ar"):
        html = template.render(Context({"event": event}))
    assert _lang_of(html, TITLE_AR) == ("ar", "rtl")
    assert _lang_of(html, DESCRIPTION_DE) == ("de", "ltr")


def test_the_filter_escapes_and_leaves_empty_text_empty(event):
    event.description = "<b>fett</b>"
    assert "&lt;b&gt;" in Template('{{ e|localized:"description" }}').render(Context({"e": event}))
    event.description = ""
    assert Template('{{ e|localized:"description" }}').render(Context({"e": event})) == ""


def test_residents_texts_carry_the_language_they_were_written_in(quarter):
    from quartierwerk.reports.models import Category, Report

    category = Category.objects.create(code="lamp", name="Straßenlaterne")
    report = Report(quarter=quarter, category=category, description="Лампа не світить", written_in="uk")
    html = Template('{{ r|localized:"description" }}').render(Context({"r": report}))
    assert _lang_of(html, "Лампа не світить") == ("uk", "ltr")


# --- the pages ------------------------------------------------------------------------------------------------


def test_the_arabic_visitor_reads_the_quarter_page_in_arabic(client, quarter):
    quarter.summary = SUMMARY_DE
    quarter.translations = {"ar": {"summary": SUMMARY_AR}}
    quarter.save()
    TeamMember.objects.create(
        quarter=quarter, name="Anna Beispiel", role_title="Quartiersmanagerin", translations={}
    )
    html = _get(client, reverse("core:quarter", args=[quarter.slug]), "ar").content.decode()
    assert _lang_of(html, SUMMARY_AR) == ("ar", "rtl")
    assert SUMMARY_DE not in html
    # The role has no Arabic version: it is German, and says so.
    assert _lang_of(html, "Quartiersmanagerin") == ("de", "ltr")


def test_with_only_german_content_the_german_block_is_marked_german(client, quarter):
    quarter.summary = SUMMARY_DE
    quarter.save()
    html = _get(client, reverse("core:quarter", args=[quarter.slug]), "ar").content.decode()
    assert 'lang="ar"' in html  # the page
    assert _lang_of(html, SUMMARY_DE) == ("de", "ltr")


def test_the_arabic_visitor_reads_the_event_in_arabic_with_the_german_description_marked(client, event):
    detail = _get(client, event.get_absolute_url(), "ar").content.decode()
    assert _lang_of(detail, TITLE_AR) == ("ar", "rtl")
    assert _lang_of(detail, DESCRIPTION_DE) == ("de", "ltr")
    calendar = _get(client, reverse("events:calendar", args=[event.quarter.slug]), "ar").content.decode()
    assert _lang_of(calendar, TITLE_AR) == ("ar", "rtl")
    german = _get(client, reverse("events:calendar", args=[event.quarter.slug]), "de").content.decode()
    assert _lang_of(german, TITLE_DE) == ("de", "ltr")
    assert TITLE_AR not in german


def test_the_office_written_access_notes_of_a_venue_are_marked_german_on_an_arabic_page(client, event):
    notes = "Eingang ebenerdig, Klingel links"
    event.venue = Venue.objects.create(quarter=event.quarter, name="Nachbarschaftstreff", access_notes=notes)
    event.save()
    detail = _get(client, event.get_absolute_url(), "ar").content.decode()
    assert _lang_of(detail, notes) == ("de", "ltr")


def test_feeds_carry_the_title_in_the_requested_language(client, event):
    ics = _get(client, reverse("events:event_ics", args=[event.pk]), "ar").content.decode()
    assert TITLE_AR in ics
    ics_de = _get(client, reverse("events:event_ics", args=[event.pk]), "de").content.decode()
    assert TITLE_AR not in ics_de and TITLE_DE in ics_de
    rss = _get(client, reverse("events:quarter_rss", args=[event.quarter.slug]), "ar").content.decode()
    assert TITLE_AR in rss


def test_a_city_without_arabic_shows_german(client, quarter, event):
    quarter.city.languages = ["de", "en"]
    quarter.city.save()
    html = _get(client, event.get_absolute_url(), "ar").content.decode()
    assert _lang_of(html, TITLE_DE) == ("de", "ltr")


def test_a_translation_written_later_is_on_the_next_anonymous_page(client, quarter, user_with_role):
    """The page cache is keyed by language; the write's audit entry starts a new generation of the page."""
    url = reverse("core:quarter", args=[quarter.slug])
    services.update_quarter_page(by=user_with_role("staff"), quarter=quarter, summary=SUMMARY_DE)
    assert SUMMARY_DE in _get(client, url, "ar").content.decode()
    assert SUMMARY_DE in _get(client, url, "ar").content.decode()  # now from the cache
    services.update_quarter_page(
        by=user_with_role("staff"), quarter=quarter, translations={"ar": {"summary": SUMMARY_AR}}
    )
    assert SUMMARY_AR in _get(client, url, "ar").content.decode()
    assert SUMMARY_AR not in _get(client, url, "de").content.decode()


def test_an_event_translation_through_the_service_is_on_the_next_cached_calendar(
    client, event, user_with_role
):
    url = reverse("events:calendar", args=[event.quarter.slug])
    assert TITLE_AR in _get(client, url, "ar").content.decode()
    event_services.update_event(
        by=user_with_role("staff"), event=event, translations={"ar": {"title": "عيد الحي"}}
    )
    html = _get(client, url, "ar").content.decode()
    assert "عيد الحي" in html and TITLE_AR not in html


# --- writing --------------------------------------------------------------------------------------------------


def test_translations_are_cleaned_and_only_the_citys_languages_accepted(quarter):
    clean = multilingual.clean
    assert clean(Event, {"ar": {"title": "  عنوان <b>x</b> ", "description": ""}}, ["ar"]) == {
        "ar": {"title": "عنوان x"}
    }
    with pytest.raises(DomainError, match="fa"):
        clean(Event, {"fa": {"title": "x"}}, ["ar"])
    with pytest.raises(DomainError, match="starts_at"):
        clean(Event, {"ar": {"starts_at": "x"}}, ["ar"])
    with pytest.raises(DomainError):
        clean(Event, {"ar": {"title": "x" * 201}}, ["ar"])
    with pytest.raises(DomainError):
        clean(Event, ["ar"], ["ar"])
    # A language the city no longer offers is kept, not lost.
    assert clean(Event, {}, ["ar"], keep={"uk": {"title": "Свято"}}) == {"uk": {"title": "Свято"}}


def test_the_event_form_offers_one_group_per_language_the_city_offers(
    client, quarter, user_with_role, login_as
):
    quarter.city.languages = ["de", "ar", "tr"]
    quarter.city.save()
    login_as(user_with_role("staff"))
    html = client.get(reverse("events:event_create", args=[quarter.slug])).content.decode()
    assert 'name="i18n_ar_title"' in html and 'name="i18n_tr_description"' in html
    assert 'name="i18n_uk_title"' not in html
    assert re.search(r'name="i18n_ar_title"[^>]*lang="ar"|lang="ar"[^>]*name="i18n_ar_title"', html)
    starts = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        reverse("events:event_create", args=[quarter.slug]),
        {
            "title": TITLE_DE,
            "kind": "other",
            "topic": Event.Topic.NEIGHBOURHOOD,
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "recurrence": "none",
            "languages": ["de"],
            "is_public": "on",
            "i18n_ar_title": TITLE_AR,
            "i18n_tr_title": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title=TITLE_DE)
    assert event.translations == {"ar": {"title": TITLE_AR}}


def test_the_quarter_page_form_saves_german_and_arabic(client, quarter, user_with_role, login_as):
    quarter.city.languages = ["de", "ar"]
    quarter.city.save()
    login_as(user_with_role("staff"))
    url = reverse("core:quarter_page_edit", args=[quarter.slug])
    html = client.get(url).content.decode()
    assert 'name="i18n_ar_summary"' in html and 'name="i18n_en_summary"' not in html
    response = client.post(
        url, {"summary": SUMMARY_DE, "i18n_ar_summary": SUMMARY_AR, "i18n_ar_opening_hours": ""}
    )
    assert response.status_code == 302
    quarter.refresh_from_db()
    assert quarter.summary == SUMMARY_DE
    assert quarter.translations == {"ar": {"summary": SUMMARY_AR}}


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_change_the_quarter_page_and_its_translations(role, allowed, quarter, user_with_role):
    user = user_with_role(role)
    if allowed:
        services.update_quarter_page(by=user, quarter=quarter, translations={"ar": {"summary": SUMMARY_AR}})
        assert Quarter.objects.get(pk=quarter.pk).translations == {"ar": {"summary": SUMMARY_AR}}
    else:
        with pytest.raises(NotAllowed):
            services.update_quarter_page(by=user, quarter=quarter, translations={"ar": {"summary": "x"}})
        assert Quarter.objects.get(pk=quarter.pk).translations == {}


@permission_matrix(
    {
        "anonymous": 401,
        "resident": 403,
        "actor_representative": 403,
        "award_team": 403,
        "staff": 200,
        "staff_other_quarter": 403,
        "city_staff": 403,
        "city_staff_other_city": 403,
        "admin": 200,
    }
)
def test_who_may_change_translations_through_the_api(
    role, allowed, client, quarter, user_with_role, login_as
):
    login_as(user_with_role(role))
    response = client.patch(
        f"/api/v1/quarters/{quarter.slug}/page",
        data=json.dumps({"translations": {"ar": {"summary": SUMMARY_AR}}}),
        content_type="application/json",
    )
    assert response.status_code == allowed
    if allowed == 200:
        body = response.json()
        assert body["translations"]["ar"] == {"summary": SUMMARY_AR}


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": False,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_change_event_translations(role, allowed, event, user_with_role):
    from quartierwerk.events import rules

    user = user_with_role(role)
    assert bool(rules.can_manage_events(user, event)) is allowed
    if allowed:
        event_services.update_event(by=user, event=event, translations={"ar": {"description": "وصف"}})
        assert Event.objects.get(pk=event.pk).translations == {"ar": {"description": "وصف"}}
    else:
        with pytest.raises(DomainError):
            event_services.update_event(by=user, event=event, translations={"ar": {"title": "x"}})
        assert Event.objects.get(pk=event.pk).translations == {"ar": {"title": TITLE_AR}}


def test_the_api_says_which_language_each_text_is_in(client, quarter, event, user_with_role, login_as):
    quarter.summary = SUMMARY_DE
    quarter.save()
    body = client.get(f"/api/v1/quarters/{quarter.slug}", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert body["text_languages"]["summary"] == "de" and body["translations"] is None
    body = client.get(f"/api/v1/events/{event.pk}", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert (body["title"], body["text_languages"]) == (TITLE_AR, {"title": "ar", "description": "de"})
    assert body["translations"] is None
    login_as(user_with_role("staff"))
    body = client.get(f"/api/v1/events/{event.pk}", HTTP_ACCEPT_LANGUAGE="de").json()
    assert body["title"] == TITLE_DE
    assert body["translations"] == {
        "de": {"title": TITLE_DE, "description": DESCRIPTION_DE},
        "ar": {"title": TITLE_AR},
    }
    response = client.patch(
        f"/api/v1/events/{event.pk}",
        data=json.dumps({"translations": {"xx": {"title": "x"}}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "xx" in response.json()["detail"]


# --- query counts ---------------------------------------------------------------------------------------------


def _events_with_translations(quarter, n):
    starts = timezone.now() + datetime.timedelta(days=2)
    Event.objects.bulk_create(
        Event(
            quarter=quarter,
            city=quarter.city,
            title=f"Termin {i}",
            description="Beschreibung",
            starts_at=starts + datetime.timedelta(hours=i),
            ends_at=starts + datetime.timedelta(hours=i + 1),
            translations={"ar": {"title": f"موعد {i}"}} if i % 2 else {},
        )
        for i in range(n)
    )


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _get(client, url, "ar")  # per-process lookups (the quarter's languages) are warm for both counts
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url, "ar")
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return len(queries), json.dumps(response.json(), ensure_ascii=False)
    return len(queries), response.content.decode()


@pytest.mark.parametrize(
    "url_of",
    [
        lambda q: reverse("events:calendar", args=[q.slug]) + "?fresh=1",
        lambda q: reverse("events:quarter_rss", args=[q.slug]) + "?fresh=1",
        lambda q: reverse("events:quarter_ics", args=[q.slug]) + "?fresh=1",
        lambda q: f"/api/v1/events/?quarter={q.slug}",
    ],
    ids=["calendar", "rss", "ics", "api"],
)
def test_lists_with_translations_cost_the_same_queries_for_3_and_30_rows(client, quarter, url_of):
    _events_with_translations(quarter, 3)
    few, html = _count(client, url_of(quarter))
    assert "موعد 1" in html
    Event.objects.all().delete()
    _events_with_translations(quarter, 30)
    many, html = _count(client, url_of(quarter))
    assert html.count("موعد") > 3
    assert many == few


# --- residents' texts -----------------------------------------------------------------------------------------


def test_a_plain_answer_is_marked_with_the_language_it_was_written_in():
    html = Template("{{ a|localized:'ar' }}|{{ n|localized:'' }}").render(Context({"a": "حلال", "n": 3}))
    assert html == '<span lang="ar" dir="rtl">حلال</span>|<span lang="de" dir="ltr">3</span>'


@pytest.fixture
def streetlight(db):
    from quartierwerk.reports.models import Category

    return Category.objects.create(
        code="streetlight", name="Straßenlaterne", translations={"ar": {"name": "إنارة الشارع"}}
    )


def test_a_report_records_the_language_of_the_page_or_the_one_the_client_names(client, quarter, streetlight):
    from quartierwerk.reports.models import Report
    from tests.reports.conftest import LAT, LON

    payload = {
        "quarter": quarter.slug,
        "category": "streetlight",
        "description": "لا يعمل",
        "lat": LAT,
        "lon": LON,
    }
    response = client.post(
        "/api/v1/reports/", payload, content_type="application/json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert response.status_code == 201
    assert Report.objects.get(pk=response.json()["id"]).written_in == "ar"
    response = client.post(
        "/api/v1/reports/", {**payload, "written_in": "fa"}, content_type="application/json"
    )
    assert Report.objects.get(pk=response.json()["id"]).written_in == "fa"
    detail = client.get(f"/api/v1/reports/{response.json()['id']}", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert detail["written_in"] == "fa"
    assert (detail["category_name"], detail["category_name_language"]) == ("إنارة الشارع", "ar")
    bad = client.post("/api/v1/reports/", {**payload, "written_in": "xx"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "written_in"


def test_staff_see_the_language_a_report_was_written_in(
    client, quarter, streetlight, user_with_role, login_as
):
    from quartierwerk.reports import services as report_services
    from tests.reports.conftest import LAT, LON

    with translation.override("uk"):
        report = report_services.create_report(
            quarter=quarter, category=streetlight, description="Ліхтар не світить", lat=LAT, lon=LON
        )
    assert report.written_in == "uk"
    login_as(user_with_role("staff"))
    html = client.get(reverse("reports:staff_detail", args=[quarter.slug, report.pk])).content.decode()
    assert _lang_of(html, "Ліхтар не світить") == ("uk", "ltr")
    assert "Ukrainisch" in html or "Ukrainian" in html


def test_the_admin_offers_one_field_per_language_of_the_city(client, quarter, user_with_role, login_as):
    quarter.city.languages = ["de", "ar", "uk"]
    quarter.city.save()
    login_as(user_with_role("admin"))
    html = client.get(reverse("admin:core_quarter_change", args=[quarter.pk])).content.decode()
    assert 'name="i18n_ar_summary"' in html and 'name="i18n_uk_opening_hours"' in html
    assert 'name="i18n_tr_summary"' not in html and 'name="translations"' not in html


def test_the_admin_form_stores_what_is_typed_per_language(db):
    from django.forms import modelform_factory

    from quartierwerk.reports.models import Category

    fields = ["code", "name", "description", "kind", "duplicate_radius_m", "position", "is_active"]
    form_class = modelform_factory(Category, form=multilingual.TranslationsAdminForm, fields=fields)
    data = {"code": "lamp", "name": "Laterne", "kind": "problem", "duplicate_radius_m": 50, "position": 0}
    form = form_class({**data, "i18n_ar_name": " إنارة ", "i18n_tr_name": "", "is_active": "on"})
    assert form.is_valid(), form.errors
    category = form.save()
    assert category.translations == {"ar": {"name": "إنارة"}}
    too_long = form_class({**data, "code": "x", "i18n_uk_name": "я" * 121})
    assert not too_long.is_valid()
