from django.urls import path

from . import views

app_name = "explain"

urlpatterns = [
    path("leichte-sprache/<slug:topic>/", views.easy_topic, name="easy_topic"),
    path("gebaerdensprache/", views.sign_language, name="sign_language"),
    path("gebaerdensprache/video/<int:pk>/", views.sign_video_file, name="sign_video_file"),
    path(
        "gebaerdensprache/video/<int:pk>/untertitel.vtt",
        views.sign_video_captions,
        name="sign_video_captions",
    ),
    path("staff/gebaerdensprache/<slug:city_slug>/", views.manage_sign_video, name="manage_city_video"),
    path("q/<slug:slug>/staff/gebaerdensprache/", views.manage_sign_video, name="manage_quarter_video"),
]
