from django.urls import reverse

from quartierwerk.core import rules
from tests.conftest import permission_matrix


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff": True,
        "city_staff_other_city": False,
        "admin": True,
    }
)
def test_who_may_open_the_staff_dashboard(role, allowed, user_with_role, quarter, client, login_as):
    user = user_with_role(role)
    assert rules.can_view_dashboard(user, quarter) is allowed
    login_as(user)
    response = client.get(reverse("core:dashboard", args=[quarter.slug]))
    if allowed:
        assert response.status_code == 200
        assert quarter.name in response.content.decode()
    elif role == "anonymous":
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    else:
        assert response.status_code == 403


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
def test_who_may_manage_the_quarter(role, allowed, user_with_role, quarter):
    assert rules.can_manage_quarter(user_with_role(role), quarter) is allowed


def test_city_staff_see_only_their_own_city(user_with_role, quarter, other_quarter):
    city_staff = user_with_role("city_staff")
    assert rules.can_view_dashboard(city_staff, quarter)
    assert not rules.can_view_dashboard(city_staff, other_quarter)


def test_staff_of_other_quarter_gets_403_not_data(user_with_role, quarter, client, login_as):
    login_as(user_with_role("staff_other_quarter"))
    response = client.get(reverse("core:dashboard", args=[quarter.slug]))
    assert response.status_code == 403
    assert quarter.name.encode() not in response.content


def test_dashboard_costs_fixed_queries(
    user_with_role, quarter, client, login_as, django_assert_max_num_queries
):
    login_as(user_with_role("staff"))
    # Session, user, quarter and roles, then one or two counting queries per module's panel (ten modules).
    with django_assert_max_num_queries(30):
        assert client.get(reverse("core:dashboard", args=[quarter.slug])).status_code == 200
