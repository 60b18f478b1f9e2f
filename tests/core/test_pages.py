from django.urls import reverse

from quartierwerk.core.demo import load as load_demo
from quartierwerk.core.models import Quarter, TeamMember


def test_home_lists_every_active_quarter_on_map_and_list(client, quarter, other_quarter):
    Quarter.objects.filter(pk=other_quarter.pk).update(is_active=False)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert quarter.name in html and other_quarter.name not in html
    assert 'id="quarters-map-data"' in html and '"FeatureCollection"' in html


def test_home_costs_fixed_queries(client, city, django_assert_max_num_queries):
    from tests.conftest import make_quarter

    for i in range(30):
        make_quarter(city, slug=f"q{i}", name=f"Quartier {i}")
    with django_assert_max_num_queries(4):
        assert client.get(reverse("core:home")).status_code == 200


def test_quarter_page_shows_contact_point_and_team(client, quarter, django_assert_max_num_queries):
    quarter.contact_address = "Stuttgarter Allee 12\n04209 Leipzig"
    quarter.opening_hours = "Di 10–13 Uhr"
    quarter.save()
    TeamMember.objects.create(quarter=quarter, name="Katrin Bergmann", role_title="Quartiersmanagerin")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("core:quarter", args=[quarter.slug]))
    html = response.content.decode()
    assert "Stuttgarter Allee 12" in html and "Di 10–13 Uhr" in html and "Katrin Bergmann" in html


def test_unknown_or_inactive_quarter_is_404(client, quarter):
    assert client.get("/q/nirgendwo/").status_code == 404
    Quarter.objects.filter(pk=quarter.pk).update(is_active=False)
    assert client.get(reverse("core:quarter", args=[quarter.slug])).status_code == 404


def test_footer_links_accessibility_and_easy_language_everywhere(client, quarter):
    for url in ["/", f"/q/{quarter.slug}/", "/account/login/", "/barrierefreiheit/", "/leichte-sprache/"]:
        html = client.get(url).content.decode()
        assert 'href="/barrierefreiheit/"' in html, url
        assert 'href="/leichte-sprache/"' in html, url


def test_german_is_default_and_english_switches(client, quarter):
    html = client.get("/").content.decode()
    assert 'lang="de"' in html and "Zum Inhalt springen" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert 'lang="en"' in html and "Skip to content" in html


def test_arabic_is_right_to_left(client, quarter):
    client.post("/i18n/setlang/", {"language": "ar", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="ar" dir="rtl"' in html


def test_accessibility_feedback_is_stored_and_mailed_to_admins(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    from quartierwerk.core.models import AccessibilityFeedback, User

    User.objects.create_superuser(email="admin@test.example", password="x" * 12)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barrierefreiheit/",
            {"page_url": "/q/x/", "message": "Der Kontrast ist zu schwach.", "email": ""},
        )
    assert response.status_code == 302
    assert AccessibilityFeedback.objects.get().message == "Der Kontrast ist zu schwach."
    assert [m.to for m in mailoutbox] == [["admin@test.example"]]


def test_accessibility_feedback_without_message_shows_error(client, db):
    response = client.post("/barrierefreiheit/", {"page_url": "", "message": "", "email": "nicht-gueltig"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"message", "email"}


def test_demo_is_idempotent_and_has_five_quarters_and_every_role(db):
    load_demo()
    load_demo()
    assert Quarter.objects.count() == 5
    from quartierwerk.core.demo import USERS
    from quartierwerk.core.models import User

    assert User.objects.count() == len(USERS)
    assert set(Quarter.objects.values_list("slug", flat=True)) == {
        "gruenau",
        "leipziger-osten",
        "connewitz",
        "leimen-innenstadt",
        "marburg-stadtwald",
    }
    assert all(q.boundary and q.min_lat for q in Quarter.objects.all())
