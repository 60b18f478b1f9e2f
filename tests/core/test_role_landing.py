"""After log-in each role lands where its work is; residents see API tokens only when they ask for them."""

import pytest
from django.urls import reverse

from quartierwerk.core.models import ApiToken


@pytest.mark.parametrize("role", ["resident", "actor_representative", "award_team"])
def test_residents_associations_and_award_team_land_on_my_work(role, client, login_as, user_with_role):
    login_as(user_with_role(role))
    assert client.get(reverse("core:after_login"))["Location"] == reverse("core:staff_home")


def test_office_lands_on_its_dashboard(client, login_as, user_with_role, quarter):
    login_as(user_with_role("staff"))
    assert client.get(reverse("core:after_login"))["Location"] == reverse(
        "core:dashboard", args=[quarter.slug]
    )


def test_residents_see_api_tokens_only_on_request(client, login_as, user_with_role):
    login_as(user_with_role("resident"))
    assert 'action="/account/tokens/"' not in client.get(reverse("core:profile")).content.decode()
    assert ApiToken.objects.count() == 0
    page = client.get(reverse("core:profile") + "?developer=1").content.decode()
    assert "API-Token" in page and 'action="/account/tokens/"' in page
