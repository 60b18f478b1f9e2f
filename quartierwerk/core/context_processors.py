from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from quartierwerk.core import interface_languages
from quartierwerk.core.places import tiles


def site(request):
    """Values every page needs: the site name, text direction, the languages to offer, the map tile setting."""
    offered = getattr(request, "city_languages", None) or interface_languages.interface_codes()
    return {
        "site_name": settings.SITE_NAME,
        "text_direction": interface_languages.text_direction(),
        # The language switch: the interface languages, on a quarter's pages only those its city offers.
        "interface_languages": [get_language_info(code) | {"code": code} for code in offered],
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_tile_third_party": tiles.is_third_party(settings.MAP_TILE_URL, settings.SITE_URL),
        "map_tile_host": tiles.origin(settings.MAP_TILE_URL).split("://")[-1],
        # Name of a table's scrollable region (keyboard users can focus and scroll it).
        "table_label": _("Table"),
        # The demo mailbox is linked (and exists) only in DEBUG.
        "demo_mailbox": settings.DEBUG,
    }
