"""The map grid: cells of a point, the view read from parameters, coarser cells by integer division."""

from quartierwerk.core import mapgrid
from quartierwerk.core.mapgrid import MapView


def test_cells_are_web_mercator_tiles_at_the_base_level():
    x, y = mapgrid.cell_of(51.05, 12.05)
    # Tile 2185/1370 at zoom 12 holds Leipzig; the base cell divided down lands in it.
    assert (x >> (mapgrid.BASE_LEVEL - 12), y >> (mapgrid.BASE_LEVEL - 12)) == (2185, 1370)
    assert mapgrid.cell_of(None, 12.0) == (None, None)
    assert mapgrid.cell_of(90, 180) == (2**24 - 1, 0)


def test_view_reads_bbox_and_zoom_and_ignores_rubbish():
    view = MapView.from_params({"bbox": "12.1,51.1,12.0,51.0", "zoom": "13"})
    assert view.bbox == (12.0, 51.0, 12.1, 51.1) and view.zoom == 13 and view.clustered
    assert MapView.from_params({"zoom": "17"}).clustered is False
    assert MapView.from_params({"bbox": "a,b,c,d", "zoom": "nan"}) == MapView()
    assert MapView.from_params({"bbox": "-999,-99,999,99", "zoom": "99"}) == MapView(
        bbox=(-180.0, -90.0, 180.0, 90.0), zoom=mapgrid.MAX_ZOOM
    )


def test_update_fields_with_the_point_carry_the_cells():
    assert mapgrid.cell_fields_for(None) is None
    assert mapgrid.cell_fields_for(["status"]) == ["status"]
    assert mapgrid.cell_fields_for(["lat", "lon"]) == ["lat", "lon", "cell_x", "cell_y"]
