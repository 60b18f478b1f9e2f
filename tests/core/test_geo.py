import pytest

from quartierwerk.core import geo
from quartierwerk.core.geo import InvalidGeometry


def test_quarter_for_point(quarter, other_quarter):
    assert geo.quarter_for_point(51.05, 12.05) == quarter
    assert geo.quarter_for_point(52.05, 13.05) == other_quarter
    assert geo.quarter_for_point(50.0, 10.0) is None


def test_point_on_bbox_but_outside_polygon(city):
    from tests.conftest import make_quarter

    triangle = {"type": "Polygon", "coordinates": [[[10, 50], [11, 50], [10, 51], [10, 50]]]}
    q = make_quarter(city, slug="dreieck", boundary=triangle)
    assert geo.quarter_for_point(50.1, 10.1) == q
    assert geo.quarter_for_point(50.9, 10.9) is None


@pytest.mark.parametrize(
    "geojson",
    [
        {"type": "Point", "coordinates": [1, 2]},
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},  # bow-tie
        {"type": "Polygon", "coordinates": "kaputt"},
        {"type": "Polygon", "coordinates": [[[500, 0], [501, 0], [501, 1], [500, 0]]]},
    ],
)
def test_invalid_boundaries_are_refused(geojson):
    with pytest.raises(InvalidGeometry):
        geo.validate_boundary(geojson)


def test_feature_collection_is_geojson(quarter):
    fc = geo.feature_collection(
        [geo.quarter_feature(quarter), geo.feature(geo.point(51.0, 12.0), {"title": "x"})]
    )
    assert fc["type"] == "FeatureCollection"
    assert fc["features"][0]["geometry"]["type"] == "Polygon"
    assert fc["features"][1]["geometry"] == {"type": "Point", "coordinates": [12.0, 51.0]}
