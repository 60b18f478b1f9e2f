from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])


class ActorsConfig(AppConfig):
    name = "quartierwerk.actors"
    label = "actors"
    verbose_name = _("Actors")

    def ready(self):
        # SQLite loses triggers when a later migration rebuilds a table; re-create them after every migrate.
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="actors_search_index")
