import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartierwerk.core.places import generate
from quartierwerk.core.places.models import Address, AddressImport


@pytest.mark.parametrize(
    "role, status",
    [
        ("anonymous", 302),
        ("registered", 403),
        ("resident", 403),
        ("staff", 403),
        ("city_staff", 200),
        ("city_staff_other_city", 403),
        ("admin", 200),
    ],
)
def test_who_may_open_the_import_page(client, login_as, user_with_role, quarter, role, status):
    login_as(user_with_role(role))
    assert client.get(f"/places/{quarter.city.slug}/import/").status_code == status


def test_staff_preview_then_import_in_the_background(
    client, login_as, user_with_role, quarter, django_capture_on_commit_callbacks
):
    login_as(user_with_role("city_staff"))
    url = f"/places/{quarter.city.slug}/import/"
    upload = SimpleUploadedFile("hk.csv", generate.address_csv(300, bad_every=100), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "297" in page and "Zeile 101" in page
    assert not Address.objects.exists()
    job = AddressImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{url}{job.pk}/start/")
    assert response.status_code == 302
    assert Address.objects.count() == 297
    status = client.get(response["Location"]).content.decode()
    assert "297" in status and "Zeile 201" in status
    job.refresh_from_db()
    assert job.status == AddressImport.Status.DONE and job.percent == 100


def test_progress_part_polls_while_running(client, login_as, user_with_role, quarter):
    login_as(user_with_role("admin"))
    job = AddressImport.objects.create(city=quarter.city, filename="a.csv", lines_total=200, lines_done=50)
    part = client.get(
        f"/places/{quarter.city.slug}/import/{job.pk}/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in part and 'value="25"' in part


def test_unreadable_file_marks_the_import_failed(quarter):
    from quartierwerk.core.places import services

    job = services.keep_upload(
        city=quarter.city, data=b"Strasse;Hausnummer\nA;1\n", filename="x.csv", epsg=None, actor=None
    )
    job = services.run_import(job.pk)
    assert job.status == AddressImport.Status.FAILED
    assert "Koordinatenspalten" in job.message


@pytest.mark.parametrize("role, shown", [("staff", False), ("city_staff", True), ("admin", True)])
def test_the_dashboard_leads_who_may_import_to_the_address_register(
    client, login_as, user_with_role, quarter, role, shown
):
    login_as(user_with_role(role))
    page = client.get(f"/q/{quarter.slug}/staff/").content.decode()
    assert (f'href="/places/{quarter.city.slug}/import/"' in page) is shown
