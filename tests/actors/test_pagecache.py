"""The directory from the anonymous page cache: an organisation added through the service is listed next."""

import pytest
from django.urls import reverse

from quartierwerk.actors import services

pytestmark = pytest.mark.django_db


def test_a_new_organisation_is_in_the_next_anonymous_directory(client, quarter, staff):
    url = reverse("actors:directory", args=[quarter.slug])
    client.get(url)
    client.get(url)
    services.create_organisation(
        by=staff, quarter=quarter, data={"name": "Stadtteilgarten", "kind": "initiative"}
    )
    assert "Stadtteilgarten" in client.get(url).content.decode()
    assert "Stadtteilgarten" in client.get(reverse("actors:city_directory")).content.decode()
