"""The application wizard behind a private link: drafts, live rule checks, bad input, submission, changes."""

import base64
import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from quartierwerk.core.errors import InvalidTransition
from quartierwerk.core.models import OutboxMail
from quartierwerk.fund import pdf, services
from quartierwerk.fund.models import Application, ApplicationVersion, Round


def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def minimal_pdf():
    from weasyprint import HTML

    return HTML(string="<p>Angebot Tischlerei</p>").write_pdf()


def cost_post(lines, own="0", other="0", no_other=False, more=False):
    data = {
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "40",
        "own_contribution": own,
        "other_funding": other,
    }
    for i, (d, a) in enumerate(lines):
        data[f"lines-{i}-description"] = d
        data[f"lines-{i}-amount"] = a
    if no_other:
        data["no_other_funding"] = "on"
    if more:
        data["more"] = "1"
    return data


@pytest.fixture
def draft(client, fund):
    response = client.post(
        reverse("fund:apply", args=[fund.quarter.slug]),
        {
            "applicant_kind": "association",
            "applicant_name": "Dirk Lehmann",
            "organisation_name": "Grünauer Nachbarn e. V.",
            "email": "verein@example.org",
        },
    )
    assert response.status_code == 302
    token = response["Location"].split("/fund/a/")[1].split("/")[0]
    application = Application.objects.get()
    application.token = token
    return application


def test_starting_stores_only_the_token_hash_and_mails_the_link(draft):
    assert draft.token_hash == Application.hash_token(draft.token) and draft.token not in draft.token_hash
    mail = OutboxMail.objects.get(purpose="fund/mail/draft_link")
    assert mail.to == ["verein@example.org"] and f"/fund/a/{draft.token}/" in mail.body


def test_wrong_token_is_404(client, draft):
    assert client.get(reverse("fund:applicant", args=["x" * 43])).status_code == 404
    assert client.get(reverse("fund:edit", args=["x" * 43, "costs"])).status_code == 404


def test_live_check_shows_rule_violation_while_typing(client, draft):
    url = reverse("fund:check", args=[draft.token])
    html = client.post(url, cost_post([("Holz", "4000"), ("Farbe", "1.500,50")])).content.decode()
    assert "5.500,50" in html  # total in German format
    assert "above the maximum" in html or "über dem Höchstbetrag" in html
    html = client.post(url, cost_post([("Holz", "400")])).content.decode()
    assert 'class="fund-ok"' in html


def test_cost_plan_with_bad_amounts_keeps_the_draft(client, draft):
    url = reverse("fund:edit", args=[draft.token, "costs"])
    assert client.post(url, cost_post([("Holz", "400")])).status_code == 302
    for bad in ("-50", "abc", "12.345.678,999"):
        response = client.post(url, cost_post([("Holz", bad)]))
        assert response.status_code == 200
        assert "kern-error" in response.content.decode()
    draft.refresh_from_db()
    assert [str(i.amount) for i in draft.cost_items.all()] == ["400.00"]  # nothing lost


def test_cost_plan_that_does_not_add_up_is_named(client, draft):
    url = reverse("fund:check", args=[draft.token])
    html = client.post(url, cost_post([("Holz", "400")], own="300", other="200")).content.decode()
    assert "does not add up" in html or "geht nicht auf" in html


def test_service_refuses_non_numeric_and_negative_amounts(draft):
    from quartierwerk.core.errors import DomainError

    for bad in ("zehn", "-1", "1e3000", "NaN", "0.001"):
        with pytest.raises(DomainError):
            services.update_application(application=draft, data={}, cost_items=[("Holz", bad)])
    with pytest.raises(DomainError):
        services.update_application(application=draft, data={"own_contribution": "-5"})


def test_file_that_is_not_what_its_name_says_is_refused(client, draft):
    url = reverse("fund:edit", args=[draft.token, "documents"])
    fake = SimpleUploadedFile(
        "kostenplan.pdf", b"MZ\x90\x00 this is no pdf at all", content_type="application/pdf"
    )
    response = client.post(url, {"kind": "cost_plan", "file": fake})
    assert response.status_code == 200
    assert "kostenplan.pdf" in response.content.decode() and draft.attachments.count() == 0
    photo = SimpleUploadedFile("hof.jpg", png_bytes(), content_type="image/jpeg")
    assert client.post(url, {"kind": "photo", "file": photo}).status_code == 302
    real = SimpleUploadedFile("angebot.pdf", minimal_pdf(), content_type="application/pdf")
    assert client.post(url, {"kind": "cost_plan", "file": real}).status_code == 302
    assert sorted(draft.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/jpeg",
    ]


def _complete_draft(client, draft, lines=(("Holz", "400"),)):
    client.post(
        reverse("fund:edit", args=[draft.token, "project"]),
        {
            "title": "Hochbeete <script>alert(1)</script>",
            "summary": "Hochbeete im Hof",
            "benefit": "Alle gärtnern",
        },
    )
    client.post(reverse("fund:edit", args=[draft.token, "costs"]), cost_post(list(lines)))


def test_submission_gives_reference_mail_and_pdf(client, draft):
    _complete_draft(client, draft)
    response = client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.reference.startswith("VF-GRU-")
    assert draft.title == "Hochbeete"  # markup (and script content) stripped from stored plain text
    assert draft.consent_given_at and "Ich willige ein" in draft.consent_text
    mail = OutboxMail.objects.get(purpose="fund/mail/submitted")
    attachment = mail.attachments[0]
    data = base64.b64decode(attachment["content_b64"])
    assert data.startswith(b"%PDF") and attachment["filename"] == f"{draft.reference}.pdf"
    text = pdf.pdf_text("fund/pdf/application.html", pdf.application_context(draft))
    assert draft.reference in text and "Hochbeete" in text and "400,00" in text
    html = client.get(reverse("fund:applicant", args=[draft.token])).content.decode()
    assert draft.reference in html and "<script>" not in html
    # The confirmation goes to the applicant alone and carries the private link it promises; the link opens
    # the application (as a fresh visitor without the session of the wizard).
    assert mail.to == [draft.email]
    link = re.search(r"https?://\S+/fund/a/\S+/", mail.body)
    assert link and link.group(0).endswith(f"/fund/a/{draft.token}/"), mail.body
    opened = Client().get(urlsplit(link.group(0)).path)
    assert opened.status_code == 200 and draft.reference in opened.content.decode()
    # No more changes after submission.
    assert client.get(reverse("fund:edit", args=[draft.token, "costs"])).status_code == 302
    with pytest.raises(InvalidTransition):
        services.update_application(application=draft, data={"title": "x"})


def test_submission_without_consent_or_with_violations_keeps_the_draft(client, draft):
    _complete_draft(client, draft, lines=(("Holz", "9000"),))
    response = client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    assert response.status_code == 200
    assert "9.000,00" in response.content.decode()
    response = client.post(reverse("fund:edit", args=[draft.token, "submit"]), {})
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.reference is None and draft.cost_items.count() == 1


def test_passed_deadline_is_named_and_draft_kept(client, draft, fund):
    Round.objects.filter(fund=fund).update(deadline=datetime.date.today() - datetime.timedelta(days=1))
    _complete_draft(client, draft)
    response = client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "deadline" in html or "Einreichungsfrist" in html
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.title


def test_change_request_reopens_and_keeps_both_versions(client, draft, staff):
    _complete_draft(client, draft)
    client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    draft.refresh_from_db()
    services.request_changes(application=draft, message="Bitte Angebot beilegen", actor=staff)
    mail = OutboxMail.objects.get(purpose="fund/mail/changes_requested")
    assert "Bitte Angebot beilegen" in mail.body
    html = client.get(reverse("fund:applicant", args=[draft.token])).content.decode()
    assert "Bitte Angebot beilegen" in html
    client.post(reverse("fund:edit", args=[draft.token, "costs"]), cost_post([("Holz", "350")]))
    assert (
        client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"}).status_code == 302
    )
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.version == 2
    versions = list(ApplicationVersion.objects.filter(application=draft).order_by("number"))
    assert [v.data["requested_amount"] for v in versions] == ["400.00", "350.00"]
    statuses = list(draft.status_changes.values_list("to_status", flat=True))
    assert statuses == ["draft", "submitted", "changes_requested", "submitted"]


def test_private_applicant_must_be_of_age(fund, make_application):
    from quartierwerk.fund import checks

    application = make_application("draft", applicant_kind="private", is_of_age=False)
    figures = checks.application_problems(application)
    assert any(p.field == "is_of_age" for p in figures.errors)


def test_building_projects_at_most_half_of_the_cost(fund, categories, make_application):
    from quartierwerk.fund import checks

    application = make_application("draft", amounts=("3000.00",), category=categories["building"])
    messages = [p.message for p in checks.application_problems(application).errors]
    assert any("50 %" in m for m in messages)
    application = services.update_application(application=application, data={"own_contribution": "1500"})
    assert not checks.application_problems(application).errors


def test_subsidiary_fund_needs_confirmation(fund, make_application):
    from quartierwerk.fund import checks

    fund.subsidiary_only = True
    fund.save()
    application = make_application("draft")
    assert any(p.field == "no_other_funding" for p in checks.application_problems(application).errors)


def test_lost_link_mails_a_new_link_without_revealing_addresses(client, draft):
    url = reverse("fund:lost_link", args=[draft.quarter.slug])
    r1 = client.post(url, {"email": "verein@example.org"})
    r2 = client.post(url, {"email": "niemand@example.org"})
    assert r1.status_code == r2.status_code == 302
    assert OutboxMail.objects.filter(purpose="fund/mail/new_link").count() == 1


def _new_link(draft) -> str:
    import re

    mail = OutboxMail.objects.filter(purpose="fund/mail/new_link").latest("pk")
    return re.search(r"/fund/a/([-\w]+)/", mail.body).group(1)


def test_a_strangers_lost_link_request_does_not_lock_the_applicant_out(client, draft):
    client.post(reverse("fund:lost_link", args=[draft.quarter.slug]), {"email": "verein@example.org"})
    # Anybody who knows the address can ask; the link the applicant holds keeps working.
    assert client.get(reverse("fund:applicant", args=[draft.token])).status_code == 200
    new = _new_link(draft)
    assert new != draft.token
    draft.refresh_from_db()
    assert new not in draft.new_token_hash and draft.new_token_hash == Application.hash_token(new)
    # Opening the new link only reads: both links work until the new one is used to save something.
    assert client.get(reverse("fund:applicant", args=[new])).status_code == 200
    assert client.get(reverse("fund:applicant", args=[draft.token])).status_code == 200
    # The first post with the new link retires the old one.
    project = {"title": "Hochbeete", "summary": "Hochbeete im Hof", "benefit": "Alle gärtnern"}
    assert client.post(reverse("fund:edit", args=[new, "project"]), project).status_code == 302
    assert client.get(reverse("fund:applicant", args=[draft.token])).status_code == 404
    assert client.post(reverse("fund:edit", args=[draft.token, "project"]), project).status_code == 404
    assert client.get(reverse("fund:applicant", args=[new])).status_code == 200
    draft.refresh_from_db()
    assert draft.token_hash == Application.hash_token(new) and draft.new_token_hash is None
    assert draft.title == "Hochbeete"


def test_opening_a_freshly_mailed_link_writes_nothing(client, draft):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quartierwerk.core.models import AuditEntry

    client.post(reverse("fund:lost_link", args=[draft.quarter.slug]), {"email": "verein@example.org"})
    new = _new_link(draft)
    audits = AuditEntry.objects.count()
    for url in (
        reverse("fund:applicant", args=[new]),
        reverse("fund:edit", args=[new, "project"]),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        writes = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
            and "django_session" not in q["sql"]
            and "axes_" not in q["sql"]
        ]
        assert writes == [], url
    draft.refresh_from_db()
    assert draft.new_token_hash == Application.hash_token(new) and AuditEntry.objects.count() == audits
    assert client.get(reverse("fund:applicant", args=[draft.token])).status_code == 200


def test_the_api_retires_the_old_link_on_the_first_write_only(client, draft):
    client.post(reverse("fund:lost_link", args=[draft.quarter.slug]), {"email": "verein@example.org"})
    new = _new_link(draft)
    assert services.application_for_token(new).pk == draft.pk
    assert services.application_for_token(draft.token).pk == draft.pk
    assert services.application_for_token(new, for_write=True).pk == draft.pk
    assert services.application_for_token(draft.token) is None
    assert services.application_for_token(new, for_write=True).pk == draft.pk
    assert services.application_for_token("x" * 5000) is None and services.application_for_token("") is None


def test_asking_again_replaces_only_the_unused_new_link(client, draft):
    url = reverse("fund:lost_link", args=[draft.quarter.slug])
    client.post(url, {"email": "verein@example.org"})
    first = _new_link(draft)
    client.post(url, {"email": "verein@example.org"})
    second = _new_link(draft)
    assert client.get(reverse("fund:applicant", args=[first])).status_code == 404
    assert client.get(reverse("fund:applicant", args=[draft.token])).status_code == 200
    assert client.get(reverse("fund:applicant", args=[second])).status_code == 200


def test_applicant_withdraws_and_nothing_is_deleted(client, draft):
    _complete_draft(client, draft)
    client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    assert "Antrag zurückziehen" in client.get(reverse("fund:applicant", args=[draft.token])).content.decode()
    assert client.post(reverse("fund:withdraw", args=[draft.token])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == "withdrawn" and draft.versions.count() == 1
    assert client.post(reverse("fund:withdraw", args=[draft.token]), follow=True).status_code == 200
    assert Application.objects.filter(pk=draft.pk, status="withdrawn").exists()


def test_starting_drafts_is_throttled_per_address(client, fund):
    url = reverse("fund:apply", args=[fund.quarter.slug])
    data = {"applicant_kind": "private", "applicant_name": "Spam", "email": "opfer@example.org"}
    for _ in range(services.START_LIMIT_PER_HOUR):
        assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200 and Application.objects.count() == services.START_LIMIT_PER_HOUR
    assert OutboxMail.objects.filter(purpose="fund/mail/draft_link").count() == services.START_LIMIT_PER_HOUR


def test_new_link_mails_are_throttled_per_address(client, draft):
    url = reverse("fund:lost_link", args=[draft.quarter.slug])
    for _ in range(services.LINK_LIMIT_PER_HOUR + 3):
        assert client.post(url, {"email": "verein@example.org"}).status_code == 302
    assert OutboxMail.objects.filter(purpose="fund/mail/new_link").count() == services.LINK_LIMIT_PER_HOUR


def test_applicant_with_an_account_finds_the_application_without_the_link(
    client, login_as, user_with_role, fund
):
    resident = user_with_role("resident")
    login_as(resident)
    response = client.post(
        reverse("fund:apply", args=[fund.quarter.slug]),
        {"applicant_kind": "private", "applicant_name": "Anna Krüger", "email": resident.email},
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.user == resident
    html = client.get(reverse("fund:home", args=[fund.quarter.slug])).content.decode()
    mine = reverse("fund:applicant", args=[f"mine-{application.pk}"])
    assert mine in html
    assert client.get(mine).status_code == 200
    assert client.get(reverse("fund:edit", args=[f"mine-{application.pk}", "costs"])).status_code == 200
    login_as(user_with_role("resident"))  # somebody else
    assert client.get(mine).status_code == 404
    client.logout()
    assert client.get(mine).status_code == 404


def test_project_place_is_picked_inside_the_quarter_and_shown_on_the_map(client, draft, staff):
    url = reverse("fund:edit", args=[draft.token, "project"])
    html = client.get(url).content.decode()
    assert 'data-pick="id_lat,id_lon"' in html
    base = {"title": "Bank", "summary": "Eine Bank", "benefit": "Ausruhen"}
    response = client.post(url, {**base, "lat": "52.05", "lon": "13.05"})  # outside every quarter
    assert (
        response.status_code == 200
        and "außerhalb aller hier betreuten Quartiere" in response.content.decode()
    )
    response = client.post(url, {**base, "lat": "51.05"})
    assert response.status_code == 200
    assert client.post(url, {**base, "lat": "51.05", "lon": "12.05"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.lat, draft.lon) == (51.05, 12.05)
    client.post(reverse("fund:edit", args=[draft.token, "costs"]), cost_post([("Holz", "300")]))
    client.post(reverse("fund:edit", args=[draft.token, "submit"]), {"consent": "on"})
    draft.refresh_from_db()
    from quartierwerk.fund.models import Fund

    Fund.objects.filter(pk=draft.fund_id).update(staff_decision_limit=1000)
    services.mark_complete(application=draft, actor=staff)
    services.decide(application=draft, outcome="approved", actor=staff)
    html = client.get(reverse("fund:home", args=[draft.quarter.slug])).content.decode()
    assert 'id="projects-map-data"' in html and "12.05" in html
    html = client.get(reverse("fund:project", args=[draft.quarter.slug, draft.reference])).content.decode()
    assert 'id="project-map-data"' in html


def test_project_place_uses_the_shared_place_picker_without_coordinate_fields(client, draft):
    html = client.get(reverse("fund:edit", args=[draft.token, "project"])).content.decode()
    assert "data-place-picker" in html and "data-address-input" in html and "data-locate" in html
    assert 'name="location"' in html and "/api/v1/places/search?quarter=" in html
    # Latitude and longitude are hidden fields set by the pin, never typed.
    assert 'type="hidden" name="lat"' in html and 'type="hidden" name="lon"' in html
    assert 'type="number" name="lat"' not in html
    assert html.count('name="location"') == 1


def test_typed_address_of_the_register_places_the_project(client, draft):
    from tests.core.places.test_search import add

    add(draft.quarter.city, "Stuttgarter Allee", "16", 51.061, 12.071)
    url = reverse("fund:edit", args=[draft.token, "project"])
    base = {"title": "Bank", "summary": "Eine Bank", "benefit": "Ausruhen"}
    assert client.post(url, {**base, "location": "Stuttgarter Allee 16"}).status_code == 302
    draft.refresh_from_db()
    assert (draft.location, draft.lat, draft.lon) == ("Stuttgarter Allee 16", 51.061, 12.071)
    # A description the register does not know is kept without a point.
    assert (
        client.post(url, {**base, "location": "Hinterhof der Kita", "lat": "", "lon": ""}).status_code == 302
    )
    draft.refresh_from_db()
    assert (draft.location, draft.lat) == ("Hinterhof der Kita", None)


def test_project_place_in_another_quarter_of_the_city_names_that_quarter(client, draft):
    from tests.conftest import make_quarter

    make_quarter(
        draft.quarter.city,
        slug="osten",
        name="Leipziger Osten",
        boundary={
            "type": "Polygon",
            "coordinates": [[[12.2, 51.0], [12.3, 51.0], [12.3, 51.1], [12.2, 51.1], [12.2, 51.0]]],
        },
    )
    url = reverse("fund:edit", args=[draft.token, "project"])
    base = {"title": "Bank", "summary": "Eine Bank", "benefit": "Ausruhen"}
    response = client.post(url, {**base, "lat": "51.05", "lon": "12.25"})
    assert response.status_code == 200
    assert "Dieser Ort liegt in Leipziger Osten, nicht in Grünau." in response.content.decode()
    draft.refresh_from_db()
    assert draft.lat is None
