"""Staff pages of the directory answer ids that are no ids with a 400, never a 500."""

import pytest
from django.urls import reverse

BAD_IDS = ["abc", "9" * 20, "²", "-4"]


@pytest.fixture
def staff_client(client, login_as, staff):
    return login_as(staff)


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize(
    ("view", "args", "param"),
    [
        ("actors:staff_export", ["csv"], "saved"),
        ("actors:staff_invite", [], "group"),
        ("actors:staff_invite", [], "saved"),
    ],
)
def test_staff_query_ids_that_are_no_ids_are_400(staff_client, quarter, view, args, param, value):
    url = reverse(view, args=[quarter.slug, *args])
    assert staff_client.get(url, {param: value}).status_code == 400


@pytest.mark.parametrize("value", BAD_IDS)
@pytest.mark.parametrize("kind", ["person", "organisation"])
@pytest.mark.parametrize("field", ["keep", "duplicate"])
def test_merging_duplicates_with_ids_that_are_no_ids_is_400(
    staff_client, quarter, org, person, kind, field, value
):
    good = person.pk if kind == "person" else org.pk
    data = {"kind": kind, "keep": good, "duplicate": good, field: value}
    assert staff_client.post(reverse("actors:staff_duplicates", args=[quarter.slug]), data).status_code == 400


def test_an_unknown_but_valid_id_is_still_404(staff_client, quarter):
    url = reverse("actors:staff_invite", args=[quarter.slug])
    assert staff_client.get(url, {"group": str(2**63 - 1)}).status_code == 404
