"""The council pages in every interface language; the council's German texts keep their `lang`."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADINGS = {
    "de": "Beschlusspunkte",
    "en": "Resolution points",
    "ar": "بنود القرار",
    "uk": "Пункти рішення",
    "tr": "Karar maddeleri",
}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_the_paper_page_in_every_interface_language(client, procedure, quarter, language):
    quarter.city.languages = sorted(HEADINGS)
    quarter.city.save()
    client.cookies["django_language"] = language
    page = client.get(reverse("council:paper", args=[procedure.pk]), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert f'<html lang="{language}"' in html
    assert HEADINGS[language] in html
    assert '<h1><span lang="de">Beschluss: Nachbarschaften' in html  # the council's own words stay German
    overview = client.get(reverse("council:quarter", args=[quarter.slug]), HTTP_ACCEPT_LANGUAGE=language)
    assert overview.status_code == 200
