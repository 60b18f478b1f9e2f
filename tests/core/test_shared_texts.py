"""Texts every language reads from the catalogues: the accessibility statement, and our words before Django's."""

import pytest
from django.utils import translation


@pytest.mark.parametrize("code, expected", [("uk", "Усі"), ("de", "Alle"), ("tr", "Tümü")])
def test_our_catalogue_wins_over_djangos_admin_for_shared_texts(code, expected):
    with translation.override(code):
        assert translation.gettext("All") == expected


def get(client, code):
    client.cookies["django_language"] = code
    response = client.get("/barrierefreiheit/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_accessibility_statement_in_german_without_the_binding_note(client):
    html = get(client, "de")
    assert "<h1>Erklärung zur Barrierefreiheit</h1>" in html
    assert "Stand der Vereinbarkeit mit den Anforderungen" in html
    assert "Schlichtungsverfahren" in html
    assert "German version" not in html and "deutsche Fassung" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, heading, binding",
    [
        ("ar", "بيان إمكانية الوصول", "النسخة الألمانية"),
        ("uk", "Заява про доступність", "німецька версія"),
        ("tr", "Erişilebilirlik beyanı", "Almanca metin"),
        ("en", "Accessibility statement", "Only the German version is binding."),
    ],
)
def test_accessibility_statement_in_every_language_says_the_german_version_binds(
    client, code, heading, binding
):
    html = get(client, code)
    assert f"<h1>{heading}</h1>" in html
    assert binding in html
    assert "Stand der Vereinbarkeit" not in html and "Schlichtungsverfahren" not in html
