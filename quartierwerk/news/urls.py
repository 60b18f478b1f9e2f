from django.urls import path

from . import feeds, views

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
]
