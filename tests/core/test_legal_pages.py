"""The privacy statement, the Impressum and the Art. 30 records, generated from the register and the
stored responsible parties: German and English, per quarter, per controller arrangement."""

import pytest
from django.urls import reverse

from quartierwerk.core import services
from quartierwerk.core.legal_pages import record_pdf
from quartierwerk.core.models import ControllerArrangement, ResponsibleParty
from quartierwerk.core.pdf import pdf_text
from quartierwerk.core.processing import activities
from tests.conftest import permission_matrix


@pytest.fixture
def city_party(city):
    return ResponsibleParty.objects.create(
        city=city,
        kind="city",
        name="Stadt Beispielstadt, Amt für Stadterneuerung",
        is_public_body=True,
        address="Rathausplatz 1\n04109 Beispielstadt",
        email="amt@stadt.example.org",
        represented_by="die Oberbürgermeisterin",
        dpo_name="Dr. Erika Datenschutz",
        dpo_email="dsb@stadt.example.org",
        data_protection_authority="Landesbeauftragte für Datenschutz\nAufsichtsweg 2",
    )


@pytest.fixture
def operator(city):
    return ResponsibleParty.objects.create(
        city=city,
        kind="operator",
        name="Stadtteilwerk West gGmbH",
        is_public_body=False,
        address="Trägerstraße 5\n04209 Beispielstadt",
        email="info@traeger.example.org",
        register_entry="Amtsgericht Beispielstadt HRB 0000",
        dpo_name="Max Mustermann",
        dpo_email="dsb@traeger.example.org",
    )


def arrange(quarter, arrangement, operator=None):
    quarter.arrangement = arrangement
    quarter.operator_party = operator
    quarter.save()


def german(client):
    client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    return client


def english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


def test_statement_lists_every_purpose_of_the_register_with_basis_and_retention(client, quarter, city_party):
    html = english(client).get(reverse("core:quarter_privacy", args=[quarter.slug])).content.decode()
    assert "Privacy statement" in html and city_party.name in html and "Dr. Erika Datenschutz" in html
    declared = activities()
    assert len(declared) > 10
    for activity in declared:
        assert str(activity.purpose).replace("'", "&#x27;") in html, activity.purpose
    # Retention and legal holds come from the register.
    assert "Proof that a data-protection request was answered in time" in html
    assert "Art. 6 (1) c GDPR" in html and "Aufsichtsweg 2" in html


def test_statement_in_german(client, quarter, city_party):
    html = german(client).get(reverse("core:quarter_privacy", args=[quarter.slug])).content.decode()
    assert 'lang="de"' in html
    assert "Datenschutzerklärung" in html and "Ihre Rechte" in html and "Rechtsgrundlage" in html
    assert "Verantwortlich" in html


def test_processor_arrangement_names_the_city_as_controller_and_the_operator_as_processor(
    client, quarter, city_party, operator
):
    arrange(quarter, ControllerArrangement.PROCESSOR, operator)
    html = english(client).get(reverse("core:quarter_privacy", args=[quarter.slug])).content.decode()
    assert "Controller (Art. 4 No. 7 GDPR)" in html
    assert f"{operator.name} runs the office on behalf of the controller" in html
    assert "joint controllers" not in html
    # A processor has no legal basis of its own: the statement shows the public task only.
    assert "Art. 6 (1) f GDPR" not in html


def test_joint_controllers_with_a_private_operator_show_legitimate_interest_for_the_operator(
    client, quarter, city_party, operator
):
    arrange(quarter, ControllerArrangement.JOINT, operator)
    html = english(client).get(reverse("core:quarter_privacy", args=[quarter.slug])).content.decode()
    assert "joint controllers (Art. 26 GDPR)" in html and "essence of their arrangement" in html
    assert "Max Mustermann" in html and "Dr. Erika Datenschutz" in html
    assert f"{operator.name}: Art. 6 (1) f GDPR: legitimate interest" in html
    assert f"{city_party.name}: Art. 6 (1) e GDPR: task in the public interest" in html


def test_city_wide_statement_links_each_quarter(client, quarter, city_party):
    html = english(client).get(reverse("core:privacy")).content.decode()
    assert city_party.name in html
    assert reverse("core:quarter_privacy", args=[quarter.slug]) in html


def test_impressum_shows_operator_and_city_in_both_languages(client, quarter, city_party, operator):
    arrange(quarter, ControllerArrangement.PROCESSOR, operator)
    url = reverse("core:quarter_impressum", args=[quarter.slug])
    html = english(client).get(url).content.decode()
    assert "§ 5 of the German Digital Services Act" in html
    assert operator.name in html and "Amtsgericht Beispielstadt HRB 0000" in html and city_party.name in html
    assert "Operator of the neighbourhood office" in html
    html = german(client).get(url).content.decode()
    assert "Impressum" in html and "Träger des Quartiersbüros" in html and "Vertreten durch" in html


def test_every_footer_links_privacy_and_impressum(client, quarter, city_party):
    for url in ["/", "/account/login/", "/barrierefreiheit/", "/datenschutz/", "/impressum/"]:
        html = client.get(url).content.decode()
        assert 'href="/impressum/"' in html and 'href="/datenschutz/"' in html, url
    html = client.get(reverse("core:quarter", args=[quarter.slug])).content.decode()
    assert f'href="/q/{quarter.slug}/impressum/"' in html and f'href="/q/{quarter.slug}/datenschutz/"' in html


def test_edited_details_appear_without_a_deployment(client, quarter, city_party, user_with_role):
    services.save_responsible_party(
        by=user_with_role("city_staff"), city=quarter.city, party=city_party, data={"vat_id": "DE000000000"}
    )
    assert "DE000000000" in client.get(reverse("core:impressum")).content.decode()


# --- Art. 30 records ----------------------------------------------------------------------------------


def test_each_joint_controller_has_its_own_record(
    client, quarter, city_party, operator, login_as, user_with_role
):
    arrange(quarter, ControllerArrangement.JOINT, operator)
    english(login_as(user_with_role("staff")))
    listing = client.get(reverse("core:processing_records", args=[quarter.slug])).content.decode()
    for party in (city_party, operator):
        assert reverse("core:processing_record", args=[quarter.slug, party.pk]) in listing
    html = client.get(reverse("core:processing_record", args=[quarter.slug, operator.pk])).content.decode()
    assert "Processing activities (Art. 30 (1) GDPR)" in html
    assert "Joint controller (Art. 26 GDPR)" in html and city_party.name in html
    assert "Art. 6 (1) f GDPR" in html and "Technical and organisational measures" in html


def test_processor_record_follows_art_30_2(client, quarter, city_party, operator, login_as, user_with_role):
    arrange(quarter, ControllerArrangement.PROCESSOR, operator)
    english(login_as(user_with_role("staff")))
    html = client.get(reverse("core:processing_record", args=[quarter.slug, operator.pk])).content.decode()
    assert "carried out on behalf of the controller (Art. 30 (2) GDPR)" in html
    assert "Legal basis" not in html and city_party.name in html


def test_record_of_a_party_not_responsible_for_the_quarter_is_404(
    client, quarter, city_party, operator, login_as, user_with_role
):
    arrange(quarter, ControllerArrangement.CITY, None)
    login_as(user_with_role("staff"))
    assert client.get(reverse("core:processing_record", args=[quarter.slug, operator.pk])).status_code == 404


def test_record_pdf_renders_in_german(quarter, city_party, operator):
    arrange(quarter, ControllerArrangement.PROCESSOR, operator)
    data = record_pdf(quarter, city_party.pk)
    assert data.startswith(b"%PDF")
    from quartierwerk.core.legal_pages import _record_context

    text = pdf_text("core/pdf/processing_record.html", _record_context(quarter, city_party.pk), language="de")
    assert "Verzeichnis von Verarbeitungstätigkeiten" in text and city_party.name in text
    assert "Technische und organisatorische Maßnahmen" in text


def test_record_pdf_download(client, quarter, city_party, login_as, user_with_role):
    login_as(user_with_role("city_staff"))
    response = client.get(reverse("core:processing_record_pdf", args=[quarter.slug, city_party.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and response["Cache-Control"] == "private, no-store"


@permission_matrix(
    {
        "anonymous": False,
        "resident": False,
        "actor_representative": False,
        "award_team": False,
        "staff": True,
        "staff_other_quarter": False,
        "city_staff_other_city": False,
        "city_staff": True,
        "admin": True,
    }
)
def test_who_may_read_the_records(role, allowed, user_with_role, quarter, city_party, client, login_as):
    login_as(user_with_role(role))
    for name in ("core:processing_records",):
        assert (client.get(reverse(name, args=[quarter.slug])).status_code == 200) is allowed
    response = client.get(reverse("core:processing_record", args=[quarter.slug, city_party.pk]))
    assert (response.status_code == 200) is allowed
    assert (city_party.dpo_email in response.content.decode()) is allowed


def test_statement_and_impressum_cost_fixed_queries(
    client, city, quarter, city_party, operator, django_assert_max_num_queries
):
    from tests.conftest import make_quarter

    arrange(quarter, ControllerArrangement.JOINT, operator)
    for i in range(20):
        make_quarter(city, slug=f"q{i}", name=f"Quartier {i}")
    for url in (
        reverse("core:privacy"),
        reverse("core:impressum"),
        reverse("core:quarter_privacy", args=[quarter.slug]),
        reverse("core:quarter_impressum", args=[quarter.slug]),
    ):
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200
