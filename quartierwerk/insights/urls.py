from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    # Public
    path("q/<slug:slug>/annual-reports/", views.report_list, name="reports"),
    path("annual-reports/<int:pk>/", views.version_page, name="version"),
    path("annual-reports/<int:pk>/report.pdf", views.version_pdf, name="version_pdf"),
    path("annual-reports/<int:pk>/figures.json", views.version_json, name="version_json"),
    path("city/<slug:city>/quarters/", views.city_dashboard, name="city"),
    path("city/<slug:city>/quarters/export.<str:fmt>", views.city_export, name="city_export"),
    # Office
    path("q/<slug:slug>/staff/contacts/", views.contact_log, name="contact_log"),
    path("q/<slug:slug>/staff/time/", views.team_time, name="time"),
    path("q/<slug:slug>/staff/figures/", views.figures_page, name="figures"),
    path("q/<slug:slug>/staff/annual-reports/", views.staff_reports, name="staff_reports"),
    path(
        "q/<slug:slug>/staff/annual-reports/<int:year>/<slug:kind>/", views.staff_report, name="staff_report"
    ),
    path(
        "q/<slug:slug>/staff/annual-reports/<int:year>/<slug:kind>/progress/",
        views.report_progress,
        name="report_progress",
    ),
]
