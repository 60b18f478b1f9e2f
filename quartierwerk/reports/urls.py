from django.urls import path, re_path

from . import open311, views

app_name = "reports"

FMT = r"(?P<fmt>json|xml)"

urlpatterns = [
    # Residents
    path("q/<slug:slug>/reports/", views.report_list, name="list"),
    path("q/<slug:slug>/reports/map.geojson", views.geojson, name="geojson"),
    path("q/<slug:slug>/reports/new/", views.start, name="start"),
    path("q/<slug:slug>/reports/new/<slug:code>/", views.new, name="new"),
    path("q/<slug:slug>/reports/new/<slug:code>/nearby/", views.nearby, name="nearby"),
    path("q/<slug:slug>/reports/<int:pk>/", views.detail, name="detail"),
    path("q/<slug:slug>/reports/<int:pk>/support/", views.support, name="support"),
    path("q/<slug:slug>/reports/<int:pk>/solution/", views.solution, name="solution"),
    path("reports/mine/", views.my_reports, name="mine"),
    path("reports/follow/<str:token>/", views.follow, name="follow"),
    path("reports/follow/<str:token>/solution/", views.follow_solution, name="follow_solution"),
    path("reports/support/<str:token>/", views.support_confirm, name="support_confirm"),
    path("reports/photos/<int:pk>/", views.photo, name="photo"),
    path("reports/answer/<str:token>/", views.body_answer, name="body_answer"),
    # Staff
    path("q/<slug:slug>/staff/reports/", views.inbox, name="inbox"),
    path("q/<slug:slug>/staff/reports/figures/", views.figures, name="figures"),
    path("q/<slug:slug>/staff/reports/export.csv", views.export_csv, name="export_csv"),
    path("q/<slug:slug>/staff/reports/photos/", views.photo_checks, name="photo_checks"),
    path("q/<slug:slug>/staff/reports/open311-keys/", views.api_clients, name="api_clients"),
    path("q/<slug:slug>/staff/reports/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("q/<slug:slug>/staff/reports/<int:pk>/<slug:action>/", views.staff_action, name="staff_action"),
    # Open311 GeoReport v2
    path("open311/v2/", open311.root, name="open311_root"),
    re_path(rf"^open311/v2/discovery\.{FMT}$", open311.discovery, name="open311_discovery"),
    re_path(rf"^open311/v2/services\.{FMT}$", open311.services_list, name="open311_services"),
    re_path(
        rf"^open311/v2/services/(?P<code>[-\w]+)\.{FMT}$", open311.service_definition, name="open311_service"
    ),
    re_path(rf"^open311/v2/requests\.{FMT}$", open311.requests_view, name="open311_requests"),
    re_path(rf"^open311/v2/requests/(?P<pk>\d+)\.{FMT}$", open311.request_detail, name="open311_request"),
    re_path(rf"^open311/v2/tokens/(?P<token>[-\w]+)\.{FMT}$", open311.token_detail, name="open311_token"),
    re_path(
        rf"^open311/v2/servicerequestupdates\.{FMT}$",
        open311.service_request_updates,
        name="open311_updates",
    ),
]
