from django.conf import settings
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

from quartierwerk.core.places import tiles


def site(request):
    """Values every page needs: the site name, text direction, and the map tile setting."""
    return {
        "site_name": settings.SITE_NAME,
        "text_direction": "rtl" if get_language_bidi() else "ltr",
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_tile_third_party": tiles.is_third_party(settings.MAP_TILE_URL, settings.SITE_URL),
        "map_tile_host": tiles.origin(settings.MAP_TILE_URL).split("://")[-1],
        # Name of a table's scrollable region (keyboard users can focus and scroll it).
        "table_label": _("Table"),
        # The demo mailbox is linked (and exists) only in DEBUG.
        "demo_mailbox": settings.DEBUG,
    }
