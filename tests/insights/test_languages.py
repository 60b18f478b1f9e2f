"""The office's pages and the city's overview in every interface language, Arabic right to left."""

import pytest
from django.urls import reverse

from .conftest import make_contacts

pytestmark = pytest.mark.django_db

HEADINGS = {
    "de": ("Kontaktprotokoll", "Alle Quartiere von"),
    "en": ("Contact log", "All quarters of"),
    "ar": ("سجل الاتصالات", "جميع أحياء"),
    "uk": ("Журнал звернень", "Усі квартали міста"),
    "tr": ("Temas kaydı", "şehrinin tüm mahalleleri"),
}


@pytest.mark.parametrize("language", sorted(HEADINGS))
def test_pages_in_every_language(language, client, login_as, quarter, user_with_role):
    quarter.city.languages = list(HEADINGS)
    quarter.city.save()
    make_contacts(quarter, 4)
    login_as(user_with_role("admin"))
    client.cookies["django_language"] = language
    log, city = HEADINGS[language]
    page = client.get(reverse("insights:contact_log", args=[quarter.slug]), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200 and log in page.content.decode()
    overview = client.get(reverse("insights:city", args=[quarter.city.slug]), HTTP_ACCEPT_LANGUAGE=language)
    html = overview.content.decode()
    assert city in html
    assert (f'lang="{language}" dir="rtl"' in html) is (language == "ar")
