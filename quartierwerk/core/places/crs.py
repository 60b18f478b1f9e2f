"""Coordinate conversion to WGS84 with pyproj (its PROJ data ships in the wheel; nothing is fetched)."""

from functools import lru_cache

from pyproj import Transformer
from pyproj.exceptions import CRSError

# The systems German address lists come in; others are accepted by EPSG code as well.
KNOWN = {
    4326: "WGS84 (lat/lon)",
    25832: "ETRS89 / UTM zone 32N",
    25833: "ETRS89 / UTM zone 33N",
    31466: "DHDN / Gauß-Krüger zone 2",
    31467: "DHDN / Gauß-Krüger zone 3",
    31468: "DHDN / Gauß-Krüger zone 4",
    31469: "DHDN / Gauß-Krüger zone 5",
}


class UnknownCRS(ValueError):
    pass


@lru_cache(maxsize=16)
def _transformer(epsg: int) -> Transformer:
    try:
        return Transformer.from_crs(epsg, 4326, always_xy=True)
    except CRSError as exc:
        raise UnknownCRS(f"EPSG:{epsg}") from exc


def to_wgs84(x: float, y: float, epsg: int) -> tuple[float, float]:
    """(lat, lon) in WGS84 for easting/northing (or lon/lat for 4326) in the given EPSG system."""
    if epsg == 4326:
        return y, x
    lon, lat = _transformer(epsg).transform(x, y)
    return lat, lon


def check(epsg: int) -> None:
    """Raise UnknownCRS unless pyproj knows the system."""
    if epsg != 4326:
        _transformer(epsg)
