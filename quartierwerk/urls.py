"""Root URL configuration: the core pages, each module's pages, the API and the admin."""

from django.contrib import admin
from django.urls import include, path
from django_otp.admin import OTPAdminSite

from .api import api

admin.site.__class__ = OTPAdminSite
admin.site.site_header = "Quartierwerk"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("quartierwerk.reports.urls")),
    path("", include("quartierwerk.fund.urls")),
    path("", include("quartierwerk.actors.urls")),
    path("", include("quartierwerk.events.urls")),
    path("", include("quartierwerk.participation.urls")),
    path("", include("quartierwerk.resources.urls")),
    path("", include("quartierwerk.news.urls")),
    path("", include("quartierwerk.insights.urls")),
    path("oparl/v1/", include("quartierwerk.council.oparl_urls")),
    path("", include("quartierwerk.council.urls")),
    path("", include("quartierwerk.planning.urls")),
    path("", include("quartierwerk.core.places.urls")),
    path("", include("quartierwerk.core.explain.urls")),
    path("", include("quartierwerk.core.urls")),
]

# Uploaded files are never served as a folder: each module serves its files through a view that checks
# who may see them (core.files.file_response).
