"""The OParl 1.1 endpoint, mounted at /oparl/v1/."""

from django.urls import path

from . import oparl

app_name = "oparl"

LIST_PATHS = {
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "meetings": "meeting",
    "papers": "paper",
    "agenda_items": "agendaItem",
    "consultations": "consultation",
    "files": "file",
    "locations": "location",
    "legislative_terms": "legislativeTerm",
}

urlpatterns = [
    path("", oparl.system_view, name="system"),
    path("body", oparl.body_list, name="bodies"),
    path("body/<int:pk>", oparl.body_view, name="body"),
    *[
        path(
            f"body/<int:pk>/{segment}",
            oparl.LIST_VIEWS.get(name, oparl.empty_list),
            name=name,
        )
        for name, segment in LIST_PATHS.items()
    ],
    *[path(f"{kind}/<int:pk>", view, name=kind) for kind, view in oparl.OBJECT_VIEWS.items()],
]
