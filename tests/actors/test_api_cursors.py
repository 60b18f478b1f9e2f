"""The directory API across every quarter pages by cursor: fixed queries, every entry once while others register."""

import pytest

from quartierwerk.actors.models import Organisation

from .conftest import make_org


def _orgs(quarters, n, *, name="Nachbarschaftstreff", start=0):
    """`n` entries spread over the quarters, all with the same name: only the id orders them."""
    orgs = [make_org(quarters[i % 2], name=f"{name} {start + i}") for i in range(n)]
    Organisation.objects.filter(pk__in=[o.pk for o in orgs]).update(name=name)
    return orgs


@pytest.mark.parametrize("rows", [3, 30])
def test_a_page_across_all_quarters_costs_the_same_queries_for_3_and_30_entries(
    client, quarter, other_quarter, rows, django_assert_num_queries
):
    _orgs([quarter, other_quarter], rows)
    first = client.get("/api/v1/actors/organisations?page_size=1").json()
    assert first["count"] is None and first["next"]
    with django_assert_num_queries(1):
        second = client.get(first["next"]).json()
    assert len(second["results"]) == 1


def test_walking_next_visits_every_entry_once_while_others_register(client, quarter, other_quarter):
    existing = {o.pk for o in _orgs([quarter, other_quarter], 13)}
    # Entries before and after the run of equal names, and new ones with the same name while paging.
    make_org(quarter, name="Aaa Verein")
    make_org(quarter, name="Zzz Verein")
    seen, url, n = [], "/api/v1/actors/organisations?page_size=3", 100
    while url:
        data = client.get(url).json()
        seen += [o["id"] for o in data["results"]]
        _orgs([quarter, other_quarter], 1, start=n)
        n += 1
        url = data["next"]
    assert len(seen) == len(set(seen))
    assert existing <= set(seen)


def test_groups_and_staff_lists_take_a_cursor_too(client, quarter, login_as, staff, group):
    data = client.get(f"/api/v1/actors/groups?quarter={quarter.slug}").json()
    assert data["results"] and data["next"] is None
    login_as(staff)
    data = client.get(f"/api/v1/actors/persons?quarter={quarter.slug}&page=1").json()
    assert data["count"] is not None
    assert client.get("/api/v1/actors/organisations?cursor=x").status_code == 400
