"""Background-map tile sources: presets for MAP_TILES, and whether the tile host is a third party.

Pure functions without Django imports: settings.py reads them.
"""

from urllib.parse import urlsplit

PRESETS = {
    # The federal basemap.de web raster (BKG), CC BY 4.0.
    "basemap.de": (
        "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/"
        "GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png",
        "© GeoBasis-DE / BKG, CC BY 4.0",
    ),
    # The OpenStreetMap Foundation's tile servers (see their tile usage policy before using them).
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "© OpenStreetMap-Mitwirkende, ODbL",
    ),
}


def resolve(preset: str, url: str, attribution: str) -> tuple[str, str]:
    """(tile URL, attribution): an explicit MAP_TILE_URL wins; otherwise the named preset; otherwise none."""
    if url:
        return url, attribution
    if preset in PRESETS:
        preset_url, preset_attribution = PRESETS[preset]
        return preset_url, attribution or preset_attribution
    return "", ""


def origin(url: str) -> str:
    """scheme://host[:port] of a tile URL template, or "" for a path on this site."""
    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def is_third_party(tile_url: str, site_url: str) -> bool:
    """Whether tiles come from a host other than this site (then the map waits for the visitor's click)."""
    tile_origin = origin(tile_url)
    return bool(tile_url) and bool(tile_origin) and tile_origin != origin(site_url)
