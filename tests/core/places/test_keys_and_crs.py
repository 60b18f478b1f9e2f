import pytest

from quartierwerk.core.places import crs, keys


@pytest.mark.parametrize(
    "typed",
    ["Hauptstraße 12a", "hauptstr. 12a", "Hauptstrasse 12 A", "HAUPTSTR 12a", "Hauptstraße  12 a"],
)
def test_spellings_of_strasse_give_one_key(typed):
    assert keys.query_key(typed) == keys.search_key("Hauptstraße", "12a") == "hauptstr 12a"


def test_umlauts_written_out_or_not_give_one_key():
    assert keys.query_key("Müllerstr. 3") == keys.query_key("Muellerstrasse 3") == "muellerstr 3"
    assert keys.street_key("Straße des 17. Juni") == "str des 17 juni"


def test_house_number_ranges_and_sort():
    assert keys.number_key("12 - 14") == "12-14"
    assert keys.number_key("7/1") == "7-1"
    assert keys.number_sort("12a") == 12
    assert keys.number_sort("") == 0


def test_utm_central_meridians_convert_offline():
    # On a zone's central meridian (easting 500 000) the longitude is exact: 15° E for zone 33, 9° E for 32;
    # northing 5 761 038 m is the meridian arc of 52° N (GRS80, scale 0.9996).
    lat, lon = crs.to_wgs84(500000.0, 5761038.0, 25833)
    assert (lat, lon) == (pytest.approx(52.0, abs=0.0001), pytest.approx(15.0, abs=1e-9))
    lat, lon = crs.to_wgs84(500000.0, 5761038.0, 25832)
    assert (lat, lon) == (pytest.approx(52.0, abs=0.0001), pytest.approx(9.0, abs=1e-9))


def test_gauss_krueger_zone_4_converts_with_datum_shift():
    # Zone 4's central meridian is 12° E (easting 4 500 000); DHDN→WGS84 moves points by about 100 m.
    lat, lon = crs.to_wgs84(4500000.0, 5319000.0, 31468)
    assert lon == pytest.approx(12.0, abs=0.003)
    assert lat == pytest.approx(48.0, abs=0.01)


def test_unknown_system_is_refused():
    with pytest.raises(crs.UnknownCRS):
        crs.check(999999)
