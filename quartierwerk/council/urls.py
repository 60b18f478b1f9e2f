from django.urls import path

from . import views

app_name = "council"

urlpatterns = [
    path("council/papers/<int:pk>/", views.paper_page, name="paper"),
    path("council/points/<int:pk>/report/", views.status_report, name="status_report"),
    path("q/<slug:slug>/council/", views.quarter_overview, name="quarter"),
    path("q/<slug:slug>/council/export.csv", views.quarter_export, name="quarter_export"),
    path("q/<slug:slug>/council/suggestions/<int:pk>/", views.suggestion, name="suggestion"),
    path("city/<slug:city>/council/", views.city_overview, name="city"),
    path("city/<slug:city>/council/export.csv", views.city_export, name="city_export"),
]
