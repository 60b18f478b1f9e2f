"""The resident and staff pages: report, hint, follow, support, list, map, inbox, triage – and their cost."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from quartierwerk.core.models import OutboxMail
from quartierwerk.reports import services
from quartierwerk.reports.models import Forwarding, Report, ReportUpdate, Support

from .conftest import LAT, LON, html_as_jpg, jpeg_with_gps


def new_url(quarter, code="streetlight"):
    return reverse("reports:new", args=[quarter.slug, code])


def test_start_page_lists_categories(client, quarter, category, rubbish):
    page = client.get(reverse("reports:start", args=[quarter.slug])).content.decode()
    assert new_url(quarter) in page and new_url(quarter, "rubbish") in page


def test_resident_reports_with_pin_and_photo_and_lands_on_follow_page(client, quarter, category):
    response = client.post(
        new_url(quarter),
        {
            "lat": LAT,
            "lon": LON,
            "description": "Laterne aus",
            "photos": [jpeg_with_gps()],
            "email": "a@test.example",
        },
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:follow", args=[report.follow_token]
    )
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page and report.follow_token in page
    assert report.photos.count() == 1


def test_form_errors_keep_the_input(client, quarter, category, rubbish):
    response = client.post(
        new_url(quarter, "rubbish"), {"lat": LAT, "lon": LON, "description": "Säcke am Weg"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Säcke am Weg" in page and Report.objects.count() == 0
    response = client.post(new_url(quarter), {"description": "Wo?"})
    assert response.status_code == 400 and Report.objects.count() == 0


def test_disguised_file_is_refused_with_a_clear_message_and_nothing_else_lost(client, quarter, category):
    response = client.post(
        new_url(quarter), {"lat": LAT, "lon": LON, "description": "Laterne aus", "photos": [html_as_jpg()]}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "foto.jpg" in page and "text/html" in page and "Laterne aus" in page
    assert Report.objects.count() == 0


def test_nearby_hint_shows_open_reports_of_the_same_category(client, quarter, make_report, rubbish):
    close = make_report(lat=LAT + 0.0001, lon=LON)  # ≈ 11 m
    make_report(lat=LAT + 0.01, lon=LON)  # ≈ 1.1 km
    make_report(lat=LAT, lon=LON, status="closed")
    make_report(lat=LAT, lon=LON, category=rubbish)
    url = reverse("reports:nearby", args=[quarter.slug, "streetlight"])
    page = client.get(url, {"lat": LAT, "lon": LON}).content.decode()
    assert page.count("<li>") == 1 and close.reference in page
    assert reverse("reports:support", args=[quarter.slug, close.pk]) in page
    assert "No similar" not in page
    empty = client.get(url, {"lat": LAT - 0.03, "lon": LON}).content.decode()
    assert "<li>" not in empty
    assert client.get(url, {"lat": "x"}).status_code == 200


def test_support_without_account_or_address_is_refused(client, quarter, report):
    url = reverse("reports:support", args=[quarter.slug, report.pk])
    client.post(url)
    client.post(url)
    report.refresh_from_db()
    assert report.support_count == 0 and Support.objects.count() == 0


def test_support_by_email_counts_once_after_its_link_is_followed(client, quarter, report):
    url = reverse("reports:support", args=[quarter.slug, report.pk])
    client.post(url, {"email": "Nachbarin@test.example"})
    client.post(url, {"email": "nachbarin@test.example"})
    report.refresh_from_db()
    assert report.support_count == 0 and Support.objects.count() == 1
    mail = OutboxMail.objects.get(purpose="reports.support_confirm")
    assert mail.to == ["nachbarin@test.example"]
    link = re.search(r"https?://[^/\s]+(/reports/support/[^/\s]+/)", mail.body).group(1)
    # Only the hash of the link is stored.
    assert link.split("/")[-2] not in str(list(Support.objects.values()))
    assert client.get(link).status_code == 200  # a mail scanner fetching the link counts nothing
    report.refresh_from_db()
    assert report.support_count == 0
    assert client.post(link).status_code == 302
    assert client.post(link).status_code == 302
    report.refresh_from_db()
    assert report.support_count == 1
    assert client.post("/reports/support/not-a-token/").status_code == 404


def test_a_residents_support_counts_at_once_and_once(client, login_as, quarter, report, user_with_role):
    login_as(user_with_role("resident"))
    url = reverse("reports:support", args=[quarter.slug, report.pk])
    client.post(url)
    client.post(url, {"email": "egal@test.example"})
    report.refresh_from_db()
    assert report.support_count == 1 == Support.objects.count()
    assert not OutboxMail.objects.filter(purpose="reports.support_confirm").exists()


def test_public_detail_hides_contact_and_escapes_text(client, quarter, make_report):
    report = make_report(description='<script>alert("x")</script>Laterne', reporter_name="Erika Muster")
    page = client.get(report.get_absolute_url()).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Erika Muster" not in page and "erika@test.example" not in page and "0341 123" not in page
    shown = make_report(reporter_name="Erika Muster", show_name=True)
    assert "Erika Muster" in client.get(shown.get_absolute_url()).content.decode()


def test_hidden_report_is_gone_for_the_public_but_not_for_the_reporter(
    client, quarter, report, user_with_role
):
    services.moderate(report=report, by=user_with_role("staff"), hidden=True)
    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:follow", args=[report.follow_token])).status_code == 200
    listing = client.get(reverse("reports:list", args=[quarter.slug]))
    assert (
        listing.context["page_obj"].paginator.count == 0 and report.reference not in listing.content.decode()
    )


def test_follow_link_adds_information_and_photo(client, report):
    url = reverse("reports:follow", args=[report.follow_token])
    response = client.post(url, {"text": "Jetzt auch die zweite Lampe", "photos": [jpeg_with_gps()]})
    assert response.status_code == 302
    assert ReportUpdate.objects.get(kind="reporter_info").text == "Jetzt auch die zweite Lampe"
    assert report.photos.count() == 1
    assert client.post(url, {"photos": [html_as_jpg()]}).status_code == 400
    assert report.photos.count() == 1
    assert client.get(reverse("reports:follow", args=["falsch"])).status_code == 404


def test_reporter_confirms_solution_through_follow_link(client, report, user_with_role):
    services.change_status(report=report, by=user_with_role("staff"), status="solved")
    page = client.get(reverse("reports:follow", args=[report.follow_token])).content.decode()
    assert reverse("reports:follow_solution", args=[report.follow_token]) in page
    client.post(reverse("reports:follow_solution", args=[report.follow_token]), {"answer": "reopen"})
    report.refresh_from_db()
    assert report.status == "open"


def test_supporter_may_confirm_but_strangers_may_not(client, quarter, report, user_with_role):
    services.change_status(report=report, by=user_with_role("staff"), status="solved")
    url = reverse("reports:solution", args=[quarter.slug, report.pk])
    assert client.post(url, {"answer": "confirm"}).status_code == 403
    resident = user_with_role("resident")
    Support.objects.create(report=report, user=resident)
    client.force_login(resident)
    client.post(url, {"answer": "confirm"})
    report.refresh_from_db()
    assert report.status == "closed"


def test_body_answers_through_its_private_link(client, report, body, user_with_role):
    forwarding = services.forward(report=report, by=user_with_role("staff"), body=body)
    url = reverse("reports:body_answer", args=[forwarding.token])
    page = client.get(url).content.decode()
    assert report.description in page and "erika@test.example" not in page
    response = client.post(url, {"text": "Reparatur beauftragt", "status": "in_progress"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "in_progress"
    public = client.get(report.get_absolute_url()).content.decode()
    assert "Reparatur beauftragt" in public and "Tiefbauamt" in public
    assert client.get(reverse("reports:body_answer", args=["falsch"])).status_code == 404


def test_photos_are_served_only_through_the_permission_view(
    client, quarter, category, user_with_role, login_as
):
    report = services.create_report(
        quarter=quarter, category=category, description="Laterne", lat=LAT, lon=LON, photos=[jpeg_with_gps()]
    )
    photo = report.photos.get()
    url = reverse("reports:photo", args=[photo.pk])
    assert client.get(url).status_code == 404  # nobody has checked it yet
    services.set_photo_public(photo=photo, by=user_with_role("staff"), public=True)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    services.set_photo_public(photo=photo, by=user_with_role("staff"), public=False)
    assert client.get(url).status_code == 404
    assert client.get(url + f"?t={report.follow_token}").status_code == 404
    login_as(user_with_role("staff"))
    assert client.get(url).status_code == 200


def test_staff_triage_through_the_pages(client, quarter, report, body, user_with_role, login_as):
    staff = user_with_role("staff")
    login_as(staff)
    detail = reverse("reports:staff_detail", args=[quarter.slug, report.pk])
    page = client.get(detail).content.decode()
    assert "erika@test.example" in page

    def act(name, data):
        return client.post(reverse("reports:staff_action", args=[quarter.slug, report.pk, name]), data)

    assert act("assign", {"assign-assignee": staff.pk}).status_code == 302
    assert act("status", {"status-status": "acknowledged", "status-note": "Gesehen"}).status_code == 302
    assert act("answer", {"answer-text": "Wir kümmern uns", "answer-public": "1"}).status_code == 302
    assert act("forward", {"forward-body": body.pk}).status_code == 302
    assert act("kind", {"kind-kind": "question"}).status_code == 302
    report.refresh_from_db()
    assert (report.assigned_to, report.status, report.kind) == (staff, "forwarded", "question")
    assert Forwarding.objects.filter(report=report, body=body).exists()
    bad = act("status", {"status-status": "erfunden"})
    assert bad.status_code == 400
    twin = Report.objects.create(
        quarter=quarter, category=report.category, description="Zwilling", lat=LAT, lon=LON
    )
    r = client.post(
        reverse("reports:staff_action", args=[quarter.slug, twin.pk, "merge"]),
        {"merge-into": report.reference},
    )
    assert r.status_code == 302
    twin.refresh_from_db()
    assert twin.duplicate_of == report
    assert act("unknown", {}).status_code == 404


def test_staff_page_offers_one_step_at_a_time_in_a_side_panel(
    client, quarter, report, user_with_role, login_as
):
    login_as(user_with_role("staff"))
    detail = reverse("reports:staff_detail", args=[quarter.slug, report.pk])
    page = client.get(detail).content.decode()
    panel = page[page.index('id="h-steps"') :]
    # Each step is a link to its own page, and the same form waits in a closed dialog for JavaScript.
    assert 'href="?step=assign#step" data-dialog="dialog-assign"' in panel
    assert '<dialog class="kern-dialog" id="dialog-assign"' in panel and 'id="step"' not in panel
    assert 'href="?step=follow_link#step"' in panel  # a revocation asks for confirmation first
    # Without JavaScript, ?step= shows that one form in the panel, with a way back, and no dialog twin.
    page = client.get(detail + "?step=assign").content.decode()
    assert (
        'id="step"' in page and 'id="dialog-assign"' not in page and page.count('name="assign-assignee"') == 1
    )
    assert f'href="{detail}"' in page[page.index('id="step"') :]
    assert 'id="step"' not in client.get(detail + "?step=nonsense").content.decode()
    # A step with errors comes back open in the panel, its errors next to its fields.
    bad = client.post(
        reverse("reports:staff_action", args=[quarter.slug, report.pk, "status"]),
        {"status-status": "erfunden"},
    )
    html = bad.content.decode()
    assert (
        bad.status_code == 400
        and 'id="step"' in html
        and "status-status_error_1" in html[html.index('id="step"') :]
    )
    # The confirmation posts the revocation.
    page = client.get(detail + "?step=follow_link").content.decode()
    assert reverse("reports:staff_action", args=[quarter.slug, report.pk, "follow_link"]) in page


def test_staff_manage_open311_keys(client, quarter, user_with_role, login_as):
    login_as(user_with_role("staff"))
    url = reverse("reports:api_clients", args=[quarter.slug])
    response = client.post(url, {"name": "Stadt-App", "rate_limit": 60})
    key = response.context["key"]
    assert key.startswith("o311_")
    from quartierwerk.reports.models import ApiClient

    api_client = ApiClient.objects.get()
    assert api_client.key_hash == ApiClient.hash_key(key) and key not in str(api_client.__dict__)
    client.post(url, {"revoke": api_client.pk})
    api_client.refresh_from_db()
    assert api_client.revoked_at is not None


def test_figures_median_times(client, quarter, make_report, user_with_role, login_as):
    from datetime import timedelta

    from django.utils import timezone

    from quartierwerk.reports.selectors import figures

    now = timezone.now()
    make_report(
        created_at=now - timedelta(hours=10),
        first_answer_at=now - timedelta(hours=8),
        solved_at=now,
        status="solved",
    )
    make_report(created_at=now - timedelta(hours=10), first_answer_at=now - timedelta(hours=6))
    make_report()
    data = figures(quarter)
    assert data["total"] == 3
    assert data["median_first_answer_hours"] == 3.0 and data["median_solution_hours"] == 10.0
    assert data["by_category"][0]["total"] == 3
    login_as(user_with_role("staff"))
    assert "3.0" in client.get(reverse("reports:figures", args=[quarter.slug])).content.decode().replace(
        ",", "."
    )


def test_dashboard_panel_and_quarter_links(
    client, quarter, make_reports, user_with_role, login_as, django_assert_max_num_queries
):
    from quartierwerk.reports import manifest

    make_reports(30)
    staff = user_with_role("staff")
    login_as(staff)
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = staff
    with django_assert_max_num_queries(2):
        panel = manifest.dashboard_panel(request, quarter)
    assert panel.rows[0][1] == 5  # 30 reports, every seventh status is "open"
    request.user = user_with_role("resident")
    assert manifest.dashboard_panel(request, quarter) is None
    assert len(manifest.quarter_links(quarter)) == 2
    assert client.get(reverse("core:dashboard", args=[quarter.slug])).status_code == 200


@pytest.mark.parametrize("view", ["new", "unassigned", "overdue", "mine", "open", "all"])
def test_inbox_views_cost_fixed_queries(
    client, quarter, make_reports, user_with_role, login_as, django_assert_max_num_queries, view
):
    make_reports(500)
    login_as(user_with_role("staff"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:inbox", args=[quarter.slug]), {"view": view})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) <= 20


def test_inbox_overdue_shows_overdue_forwarded_reports(
    client, quarter, make_reports, user_with_role, login_as
):
    make_reports(70)
    login_as(user_with_role("staff"))
    page_obj = client.get(reverse("reports:inbox", args=[quarter.slug]), {"view": "overdue"}).context[
        "page_obj"
    ]
    assert page_obj.paginator.count > 0
    assert all(r.due_at and r.is_open for r in page_obj)


def test_public_list_and_map_cost_fixed_queries_with_500_reports(
    client, quarter, make_reports, django_assert_max_num_queries
):
    make_reports(500)
    url = reverse("reports:list", args=[quarter.slug])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 500 and len(response.context["page_obj"]) == 20
    with django_assert_max_num_queries(6):
        response = client.get(url, {"status": "open", "category": "rubbish", "period": "30", "page": 2})
    assert all(r.is_open and r.category.code == "rubbish" for r in response.context["page_obj"])
    with django_assert_max_num_queries(4):
        data = client.get(reverse("reports:geojson", args=[quarter.slug])).json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 500
    assert data["features"][0]["geometry"]["coordinates"][0] == pytest.approx(LON, abs=0.01)


def test_filters_ignore_unknown_values(client, quarter, make_reports):
    make_reports(5)
    response = client.get(reverse("reports:list", args=[quarter.slug]), {"status": "'; DROP", "period": "x"})
    assert response.status_code == 200 and response.context["page_obj"].paginator.count == 5


def test_reporting_sends_no_mail_without_address(client, quarter, category):
    client.post(new_url(quarter), {"lat": LAT, "lon": LON, "description": "Laterne"})
    assert Report.objects.count() == 1 and not OutboxMail.objects.exists()


def test_odd_input_is_a_clear_answer_not_a_server_error(client, quarter, report, user_with_role, login_as):
    url = reverse("reports:nearby", args=[quarter.slug, "streetlight"])
    for lat, lon in (("nan", "nan"), ("inf", "1"), ("1e999", "0"), ("91", "0")):
        response = client.get(url, {"lat": lat, "lon": lon})
        assert response.status_code == 200 and "<li>" not in response.content.decode()
    response = client.post(new_url(quarter), {"lat": "nan", "lon": "nan", "description": "x"})
    assert response.status_code == 400 and Report.objects.count() == 1
    assert client.get("/open311/v2/requests/99999999999999999999999.json").status_code == 404
    response = client.get("/open311/v2/requests.json?service_request_id=99999999999999999999999")
    assert response.status_code == 400
    login_as(user_with_role("staff"))
    photo_action = reverse("reports:staff_action", args=[quarter.slug, report.pk, "photo"])
    assert client.post(photo_action, {"photo": "abc"}).status_code == 400
    keys = reverse("reports:api_clients", args=[quarter.slug])
    assert client.post(keys, {"revoke": "1 OR 1=1"}).status_code == 400


def test_start_page_lists_the_reports_sent_from_this_browser(client, quarter, category):
    client.post(new_url(quarter), {"lat": LAT, "lon": LON, "description": "Laterne aus"})
    report = Report.objects.get()
    page = client.get(reverse("reports:start", args=[quarter.slug])).content.decode()
    assert reverse("reports:follow", args=[report.follow_token]) in page
    other = Client()
    assert (
        report.follow_token not in other.get(reverse("reports:start", args=[quarter.slug])).content.decode()
    )


def test_report_pages_cost_fixed_queries(
    client, quarter, make_reports, make_report, user_with_role, login_as, django_assert_max_num_queries
):
    make_reports(200)
    report = make_report()
    for i in range(10):
        services.answer(report=report, by=user_with_role("staff"), text=f"Antwort {i}")
    with django_assert_max_num_queries(8):
        assert client.get(report.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reports:follow", args=[report.follow_token])).status_code == 200
    login_as(user_with_role("staff"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("reports:staff_detail", args=[quarter.slug, report.pk]))
    assert page.status_code == 200 and page.context["next_new"] is not None


def test_without_javascript_the_hint_comes_with_the_check_button(client, quarter, make_report):
    close = make_report(lat=LAT + 0.0001, lon=LON)
    response = client.post(
        new_url(quarter), {"lat": LAT, "lon": LON, "description": "Meine Laterne", "check": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and close.reference in page and "Meine Laterne" in page
    assert Report.objects.count() == 1


def test_staff_record_what_a_resident_brought_to_the_office(
    client, quarter, category, user_with_role, login_as
):
    staff = user_with_role("staff")
    login_as(staff)
    page = client.get(new_url(quarter)).content.decode()
    assert staff.email not in page
    client.post(
        new_url(quarter),
        {"no_place": "on", "description": "Frau K. rief an: Laterne aus", "email": "k@test.example"},
    )
    report = Report.objects.get()
    assert report.source == "office" and report.reporter is None and report.reporter_email == "k@test.example"


def test_search_by_reference_or_text(client, quarter, make_report, user_with_role, login_as):
    lamp = make_report(description="Laterne an der Schule", address="Schulweg 2")
    make_report(description="Müll am Teich")
    url = reverse("reports:list", args=[quarter.slug])
    found = client.get(url, {"q": lamp.reference}).context["page_obj"]
    assert [r.pk for r in found] == [lamp.pk]
    assert [r.pk for r in client.get(url, {"q": "schulweg"}).context["page_obj"]] == [lamp.pk]
    assert [r.pk for r in client.get(url, {"q": str(lamp.pk)}).context["page_obj"]] == [lamp.pk]
    login_as(user_with_role("staff"))
    inbox = client.get(reverse("reports:inbox", args=[quarter.slug]), {"view": "all", "q": "teich"})
    assert [r.description for r in inbox.context["page_obj"]] == ["Müll am Teich"]


def test_csv_export_of_the_inbox(
    client, quarter, make_report, make_reports, user_with_role, login_as, django_assert_max_num_queries
):
    make_reports(60)
    make_report(description='=HYPERLINK("http://evil")', address="Ringstraße 3")
    login_as(user_with_role("staff"))
    url = reverse("reports:export_csv", args=[quarter.slug])
    with django_assert_max_num_queries(10):
        response = client.get(url, {"view": "all", "q": "HYPERLINK"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("reference;created_at") and "reporter_email" in lines[0]
    assert len(lines) == 2 and "'=HYPERLINK" in lines[1] and "erika@test.example" in lines[1]
    with django_assert_max_num_queries(10):
        response = client.get(url, {"view": "all", "q": "HYPERLINK", "format": "csv-rfc4180"})
        raw = b"".join(response.streaming_content)
    assert not raw.startswith(b"\xef\xbb\xbf"), "machine CSV has no byte order mark"
    machine = raw.decode("utf-8").strip().splitlines()
    assert machine[0].startswith("reference,created_at") and len(machine) == 2 and "'=HYPERLINK" in machine[1]
    with django_assert_max_num_queries(10):
        body = b"".join(client.get(url, {"view": "all"}).streaming_content).decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 62
    login_as(user_with_role("resident"))
    assert client.get(url).status_code == 403


def test_one_bad_filter_value_keeps_the_others(client, quarter, make_reports):
    make_reports(14)
    response = client.get(
        reverse("reports:list", args=[quarter.slug]), {"category": "rubbish", "status": "kaputt"}
    )
    page_obj = response.context["page_obj"]
    assert page_obj.paginator.count == 7 and all(r.category.code == "rubbish" for r in page_obj)


def test_extra_answers_are_shown_with_their_questions(client, quarter, rubbish, body, user_with_role):
    report = services.create_report(
        quarter=quarter,
        category=rubbish,
        description="Müll",
        no_place=True,
        attributes={"rubbish_type": "bags", "amount": "3"},
    )
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Was liegt dort?" in page and "Säcke" in page and "b, a, g, s" not in page
    from quartierwerk.reports.models import ResponsibleBody

    local_body = ResponsibleBody.objects.create(
        city=quarter.city, name="Stadtreinigung", email="sr@test.example"
    )
    services.forward(report=report, by=user_with_role("staff"), body=local_body)
    assert "Was liegt dort?: Säcke" in OutboxMail.objects.get(purpose="reports.forwarded").body
