"""Fixed query counts with 2,000 actors, and full-text search that uses the database index."""

import pytest
from django.db import connection
from django.urls import reverse

from quartierwerk.actors import search, selectors
from quartierwerk.actors.models import Group, GroupMembership, Organisation, Person
from quartierwerk.core import mapgrid

KINDS = ["association", "initiative", "school", "youth_facility", "social_service"]


@pytest.fixture
def many_actors(quarter):
    orgs = []
    for i in range(2000):
        org = Organisation(
            quarter=quarter,
            name=f"Akteur {i:04d} {'Beratungsladen' if i % 7 == 0 else 'Treffpunkt'}",
            slug=f"akteur-{i}",
            kind=KINDS[i % 5],
            topics=["youth"] if i % 2 else ["integration"],
            languages=["de", "ar"] if i % 3 == 0 else ["de"],
            offers=["counselling"] if i % 4 == 0 else ["rooms"],
            lat=51.05,
            lon=12.05,
            public_fields=["location", "address"],
            tags=["netzwerk"] if i % 10 == 0 else [],
        )
        org.refresh_derived()
        mapgrid.set_cells(org)
        orgs.append(org)
    Organisation.objects.bulk_create(orgs, batch_size=500)
    persons = []
    for i in range(500):
        p = Person(
            quarter=quarter, first_name=f"Vorname{i}", last_name=f"Nachname{i}", email=f"p{i}@example.org"
        )
        p.refresh_derived()
        persons.append(p)
    Person.objects.bulk_create(persons)
    group = Group.objects.create(quarter=quarter, name="Netzwerk Grünau", slug="netzwerk")
    GroupMembership.objects.bulk_create(
        [GroupMembership(group=group, organisation=o) for o in Organisation.objects.all()[:300]]
    )
    return group


@pytest.mark.django_db
def test_public_directory_list_map_and_api_cost_fixed_queries(
    client, quarter, many_actors, django_assert_max_num_queries
):
    s = quarter.slug
    with django_assert_max_num_queries(4):
        response = client.get(
            reverse("actors:directory", args=[s]) + "?language=ar&offer=counselling&q=Beratungsladen"
        )
    assert response.context["page_obj"].paginator.count == len(
        [i for i in range(2000) if i % 3 == 0 and i % 4 == 0 and i % 7 == 0]
    )
    with django_assert_max_num_queries(2):
        data = client.get(reverse("actors:directory_geojson", args=[s])).json()
    assert len(data["features"]) == selectors.MAP_LIMIT and data["truncated"] is True
    with django_assert_max_num_queries(3):
        data = client.get(f"/api/v1/actors/organisations?quarter={s}&kind=school&page=2&page_size=100").json()
    assert data["count"] == 400 and len(data["results"]) == 100
    with django_assert_max_num_queries(3):
        client.get(reverse("actors:city_directory") + "?topic=youth")
    with django_assert_max_num_queries(3):
        client.get(reverse("actors:group", args=[s, many_actors.slug]))
    with django_assert_max_num_queries(3):
        client.get(f"/api/v1/actors/groups/{many_actors.pk}")


@pytest.mark.django_db
def test_staff_search_and_lists_cost_fixed_queries(
    client, login_as, quarter, staff, many_actors, django_assert_max_num_queries
):
    login_as(staff)
    s = quarter.slug
    client.get(reverse("actors:staff_index", args=[s]))  # warm the session
    with django_assert_max_num_queries(16):
        response = client.get(reverse("actors:staff_index", args=[s]) + "?search=Nachname12&tag=netzwerk")
    results = response.context["results"]
    assert {p.last_name for p in results["persons"]} >= {"Nachname12", "Nachname120"}
    assert response.context["page_obj"].paginator.count == 200
    with django_assert_max_num_queries(10):
        client.get(reverse("actors:staff_persons", args=[s]) + "?q=Vorname4")
    with django_assert_max_num_queries(10):
        client.get(reverse("actors:staff_groups", args=[s]))
    with django_assert_max_num_queries(10):
        client.get(reverse("actors:staff_group", args=[s, many_actors.pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("actors:staff_duplicates", args=[s]))
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/actors/staff/search?quarter={s}&q=Akteur 0100")
    with django_assert_max_num_queries(10):
        client.get(f"/api/v1/actors/persons?quarter={s}&q=Nachname")
    from django.test import RequestFactory

    from quartierwerk.actors.manifest import dashboard_panel
    from quartierwerk.core.rules import role_set

    request = RequestFactory().get("/")
    request.user = staff
    role_set(staff)
    with django_assert_max_num_queries(1):
        panel = dashboard_panel(request, quarter)
    assert panel.rows[2][1] == 2000


@pytest.mark.django_db
def test_search_uses_the_full_text_index(quarter, many_actors):
    qs = search.matching(Organisation.objects.filter(quarter=quarter), "beratungs")
    assert qs.count() == len(range(0, 2000, 7))
    sql, params = search.matching(Organisation.objects.order_by(), "beratungs").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE actors_organisation")
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(r[0] for r in cursor.fetchall())
            assert "actors_organisation_search_vector_gin" in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(str(r) for r in cursor.fetchall())
            assert "VIRTUAL TABLE INDEX" in plan and "actors_organisation_fts" in plan, plan


@pytest.mark.django_db
def test_search_index_follows_updates_and_deletes(quarter, staff):
    from quartierwerk.actors import services

    org = services.create_organisation(
        by=staff, quarter=quarter, data={"name": "Stadtteilgarten", "kind": "initiative"}
    )
    assert list(search.matching(Organisation.objects.all(), "stadtteilg")) == [org]
    services.update_organisation(by=staff, organisation=org, data={"name": "Gemeinschaftsbeet"})
    assert not search.matching(Organisation.objects.all(), "stadtteilg").exists()
    assert search.matching(Organisation.objects.all(), "gemeinschaft").exists()
    # Umlauts, quotes and operators in the query are harmless.
    assert search.matching(Organisation.objects.all(), 'gemeinschafts*" ) (').count() == 1
    assert search.matching(Organisation.objects.all(), 'gemeinschaftsbeet" OR * NEAR(').count() == 0
    assert selectors.DirectoryFilter(q="   ").apply(Organisation.objects.all()).count() == 1
    org.delete()
    assert not search.matching(Organisation.objects.all(), "gemeinschaft").exists()


@pytest.mark.django_db
def test_search_finds_labels_in_german_and_english_whatever_language_saved_them(quarter, staff):
    from django.utils import translation

    from quartierwerk.actors import services

    with translation.override("en"):
        services.create_organisation(
            by=staff,
            quarter=quarter,
            data={"name": "Treff", "kind": "youth_facility", "offers": ["counselling"]},
        )
    for word in ("Beratung", "counselling", "Jugendeinrichtung", "youth facility"):
        assert search.matching(Organisation.objects.all(), word).count() == 1, word
