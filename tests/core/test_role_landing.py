"""After log-in each role lands where its work is; residents see API tokens only when they ask for them."""

import pytest
from django.urls import reverse

from quartierwerk.core.models import ApiToken


@pytest.mark.parametrize(
    "role",
    [
        "resident",
        "actor_representative",
        "award_team",
        "staff",
        "staff_other_quarter",
        "city_staff",
        "city_staff_other_city",
        "admin",
    ],
)
def test_every_role_lands_on_my_work(role, client, login_as, user_with_role):
    login_as(user_with_role(role))
    assert client.get(reverse("core:after_login"))["Location"] == reverse("core:staff_home")


def test_anonymous_after_login_is_asked_to_log_in(client, db):
    assert client.get(reverse("core:after_login"))["Location"].startswith(reverse("core:login"))


def test_a_resident_logging_in_through_the_form_lands_on_my_work(client, user_with_role):
    user = user_with_role("resident")
    response = client.post(
        reverse("core:login"), {"username": user.email, "password": "test-password-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("core:staff_home")
    assert "Meine Arbeit" in response.content.decode()


def test_the_office_of_one_quarter_lands_on_its_work_with_the_way_to_the_dashboard(
    client, login_as, user_with_role, quarter
):
    from quartierwerk.reports import services
    from quartierwerk.reports.models import Category

    from ..reports.conftest import LAT, LON, jpeg_with_gps

    category = Category.objects.create(code="streetlight", name="Straßenbeleuchtung", group="Straße")
    services.create_report(
        quarter=quarter, category=category, description="Laterne", lat=LAT, lon=LON, photos=[jpeg_with_gps()]
    )
    login_as(user_with_role("staff"))
    response = client.get(reverse("core:after_login"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:staff_home")
    page = response.content.decode()
    assert reverse("core:dashboard", args=[quarter.slug]) in page
    assert reverse("reports:photo_checks", args=[quarter.slug]) in page and "Zu prüfende Fotos" in page
    assert reverse("reports:inbox", args=[quarter.slug]) + "?view=new" in page


def test_residents_see_api_tokens_only_on_request(client, login_as, user_with_role):
    login_as(user_with_role("resident"))
    assert 'action="/account/tokens/"' not in client.get(reverse("core:profile")).content.decode()
    assert ApiToken.objects.count() == 0
    page = client.get(reverse("core:profile") + "?developer=1").content.decode()
    assert "API-Token" in page and 'action="/account/tokens/"' in page
