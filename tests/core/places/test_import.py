import io
import json

import pytest
from django.core.management import call_command

from quartierwerk.core.places import generate, importer, services
from quartierwerk.core.places.models import Address


def test_2000_lines_with_20_bad_ones_import_once(city):
    data = generate.address_csv(2000, bad_every=100)
    result = services.import_addresses(city=city, data=data)
    assert result.rows == 1980
    assert result.created == 1980
    assert result.error_count == 20
    # Line 1 is the header, so the 100th data row is line 101.
    assert [e.line for e in result.errors] == [101 + 100 * k for k in range(20)]
    assert Address.objects.filter(city=city).count() == 1980

    again = services.import_addresses(city=city, data=data)
    assert again.created == 0
    assert again.updated == 1980
    assert Address.objects.filter(city=city).count() == 1980


def test_latin1_semicolon_and_decimal_comma_with_utm(city):
    text = (
        "STRASSE;HNR;ADZ;PLZ;ORT;OSTWERT;NORDWERT\nStraße des 17. Juni;1;;10557;Berlin;500000,0;5761038,0\n"
    )
    result = services.import_addresses(city=city, data=text.encode("latin-1"), epsg=25833)
    assert result.error_count == 0
    address = Address.objects.get()
    assert address.street == "Straße des 17. Juni"
    assert (address.lat, address.lon) == (pytest.approx(52.0, abs=1e-4), pytest.approx(15.0, abs=1e-6))


def test_utm_with_zone_prefix_and_gauss_krueger_are_recognised_without_code(city):
    text = "street,housenumber,x,y\nA-Weg,1,33500000,5761038\nB-Weg,2,4500000,5319000\n"
    result = services.import_addresses(city=city, data=text.encode())
    assert result.error_count == 0
    a, b = Address.objects.order_by("street")
    assert a.lon == pytest.approx(15.0, abs=1e-6)
    assert b.lon == pytest.approx(12.0, abs=0.003)


def test_utm_without_zone_needs_a_code(city):
    text = "street,housenumber,x,y\nA-Weg,1,500000,5761038\n"
    result = services.import_addresses(city=city, data=text.encode())
    assert result.rows == 0
    assert result.errors[0].line == 2
    assert "EPSG" in result.errors[0].message


def test_dry_run_previews_and_writes_nothing(city):
    result = services.import_addresses(city=city, data=generate.address_csv(50, bad_every=10), dry_run=True)
    assert len(result.preview) == 20
    assert result.error_count == 5
    assert not Address.objects.exists()


def test_geojson_in_utm32_by_crs_member(city):
    data = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [500000, 5761038]},
                "properties": {"strasse": "Ringstraße", "hausnummer": 3, "zusatz": "b", "plz": "12345"},
            },
            {"type": "Feature", "geometry": None, "properties": {"strasse": "Leerweg"}},
        ],
    }
    result = services.import_addresses(city=city, data=json.dumps(data).encode())
    assert result.rows == 1
    assert [(e.line, e.message) for e in result.errors] == [(2, "Das Objekt hat keine Punktgeometrie.")]
    address = Address.objects.get()
    assert (address.house_number, address.search_key) == ("3b", "ringstr 3b")
    assert address.lon == pytest.approx(9.0, abs=1e-6)


def test_a_file_without_coordinates_is_refused_as_a_whole(city):
    with pytest.raises(importer.ImportFormatError):
        services.import_addresses(city=city, data=b"Strasse;Hausnummer\nA;1\n")


def test_command_prints_progress_and_errors(city, tmp_path):
    path = tmp_path / "hk.csv"
    path.write_bytes(generate.address_csv(5000, bad_every=1000))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_addresses", "leipzig", str(path), stdout=out, stderr=err)
    assert "100 %" in out.getvalue()
    assert "4995 addresses imported (4995 new, 0 updated), 5 lines with errors." in out.getvalue()
    assert "line 1001:" in err.getvalue()


def test_background_import_records_progress(city, django_capture_on_commit_callbacks):
    from quartierwerk.core.places.models import AddressImport

    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_import(
            city=city,
            data=generate.address_csv(3000, bad_every=1000),
            filename="a.csv",
            epsg=None,
            actor=None,
        )
    job = AddressImport.objects.get(pk=job.pk)
    # The test settings run tasks at once; otherwise the worker does.
    if job.status == AddressImport.Status.PENDING:
        services.run_import(job.pk)
        job.refresh_from_db()
    assert job.status == AddressImport.Status.DONE
    assert (job.created, job.error_count, job.percent) == (2997, 3, 100)
    assert job.errors[0]["line"] == 1001
    assert bytes(job.data) == b""
