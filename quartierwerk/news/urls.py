from django.urls import path

from . import feeds, views
from .views import documents, newsletter

app_name = "news"

urlpatterns = [
    # Public
    path("q/<slug:slug>/news/", views.post_list, name="list"),
    path("q/<slug:slug>/news/rss/", feeds.QuarterNewsRss(), name="quarter_rss"),
    path("q/<slug:slug>/news/atom/", feeds.QuarterNewsAtom(), name="quarter_atom"),
    path("city/<slug:city>/news/", views.city_list, name="city_list"),
    path("city/<slug:city>/news/rss/", feeds.CityNewsRss(), name="city_rss"),
    path("city/<slug:city>/news/atom/", feeds.CityNewsAtom(), name="city_atom"),
    path("news/<int:pk>/", views.post_page, name="post"),
    path("news/<int:pk>/image/", views.image, name="image"),
    # Office
    path("q/<slug:slug>/staff/news/", views.staff_list, name="staff_list"),
    path("q/<slug:slug>/staff/news/new/", views.staff_new, name="staff_new"),
    path("news/<int:pk>/staff/", views.staff_edit, name="staff_edit"),
    path("news/<int:pk>/staff/<slug:action>/", views.staff_status, name="staff_status"),
    path("news/<int:pk>/staff/pdf/<slug:kind>/", views.staff_pdf, name="staff_pdf"),
    # Newsletter
    path("q/<slug:slug>/newsletter/", newsletter.subscribe, name="subscribe"),
    path("q/<slug:slug>/newsletter/archive/", newsletter.archive, name="archive"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", newsletter.unsubscribe, name="unsubscribe"),
    path("newsletter/<int:pk>/", newsletter.issue_page, name="issue"),
    path("q/<slug:slug>/staff/newsletter/", newsletter.staff_newsletter, name="staff_newsletter"),
    path("q/<slug:slug>/staff/newsletter/new/", newsletter.staff_compose, name="staff_compose"),
    path("newsletter/<int:pk>/staff/", newsletter.staff_issue, name="staff_issue"),
    path(
        "newsletter/<int:pk>/staff/<slug:action>/", newsletter.staff_issue_action, name="staff_issue_action"
    ),
    # Document library
    path("q/<slug:slug>/documents/", documents.document_list, name="documents"),
    path("documents/<int:pk>/", documents.document_page, name="document"),
    path("documents/<int:pk>/file/<int:version_pk>/", documents.document_file, name="document_file"),
    path("q/<slug:slug>/staff/documents/", documents.staff_documents, name="staff_documents"),
    path("q/<slug:slug>/staff/documents/new/", documents.staff_document_new, name="staff_document_new"),
    path(
        "documents/<int:pk>/staff/version/", documents.staff_document_version, name="staff_document_version"
    ),
]
