"""German names keep their own direction on right-to-left pages: "Grünauer Nachbarn e. V." must not read
".Grünauer Nachbarn e. V" in Arabic."""

import pytest
from django.urls import reverse

from .conftest import make_org

AR = {"accept-language": "ar"}


@pytest.mark.django_db
def test_organisation_names_are_isolated_in_the_directory_and_on_their_page(client, quarter):
    org = make_org(quarter, name="Grünauer Nachbarn e. V.", is_public=True)
    listing = client.get(reverse("actors:directory", args=[quarter.slug]), headers=AR).content.decode()
    assert 'dir="rtl"' in listing
    assert "<bdi>Grünauer Nachbarn e. V.</bdi>" in listing
    page = client.get(reverse("actors:detail", args=[quarter.slug, org.slug]), headers=AR).content.decode()
    assert "<h1><bdi>Grünauer Nachbarn e. V.</bdi></h1>" in page
