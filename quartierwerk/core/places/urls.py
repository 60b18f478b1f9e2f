from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("places/<slug:city>/import/", views.upload, name="upload"),
    path("places/<slug:city>/import/<int:pk>/start/", views.start, name="start"),
    path("places/<slug:city>/import/<int:pk>/", views.status, name="status"),
]
