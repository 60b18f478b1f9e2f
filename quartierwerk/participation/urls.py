from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    # Public
    path("q/<slug:slug>/participation/", views.process_list, name="list"),
    path("city/<slug:city>/participation/", views.city_list, name="city_list"),
    path("participation/<int:pk>/", views.process_page, name="process"),
    path("participation/<int:pk>/code/", views.enter_code, name="code"),
    path("participation/<int:pk>/ideas/", views.idea_list, name="ideas"),
    path("participation/<int:pk>/ideas/map.geojson", views.geojson, name="geojson"),
    path("participation/<int:pk>/ideas/new/", views.new_idea, name="new_idea"),
    path("participation/<int:pk>/ideas/similar/", views.similar, name="similar"),
    path("participation/<int:pk>/ideas/<int:idea_pk>/", views.idea_page, name="idea"),
    path("participation/<int:pk>/ideas/<int:idea_pk>/photo/", views.photo, name="photo"),
    path("participation/<int:pk>/ideas/<int:idea_pk>/edit/", views.edit_idea, name="edit_idea"),
    path("participation/<int:pk>/ideas/<int:idea_pk>/comment/", views.comment, name="comment"),
    path(
        "participation/<int:pk>/ideas/<int:idea_pk>/comments/<int:comment_pk>/flag/", views.flag, name="flag"
    ),
    path("participation/<int:pk>/ideas/<int:idea_pk>/support/", views.support, name="support"),
    path("participation/<int:pk>/ideas/<int:idea_pk>/dots/", views.dots, name="dots"),
    path("participation/<int:pk>/results/", views.results, name="results"),
    path("participation/<int:pk>/results.pdf", views.results_pdf, name="results_pdf"),
    path("participation/<int:pk>/survey/<int:phase_pk>/", views.survey, name="survey"),
    # Office
    path("q/<slug:slug>/staff/participation/", views.staff_list, name="staff_list"),
    path("q/<slug:slug>/staff/participation/new/", views.staff_new, name="staff_new"),
    path("participation/<int:pk>/staff/", views.staff_process, name="staff_process"),
    path("participation/<int:pk>/staff/status/<slug:action>/", views.staff_status, name="staff_status"),
    path("participation/<int:pk>/staff/phases/new/", views.staff_phase, name="staff_phase_new"),
    path("participation/<int:pk>/staff/phases/<int:phase_pk>/", views.staff_phase, name="staff_phase"),
    path("participation/<int:pk>/staff/ideas/", views.staff_ideas, name="staff_ideas"),
    path("participation/<int:pk>/staff/survey/<int:phase_pk>/", views.staff_survey, name="staff_survey"),
    path("participation/<int:pk>/staff/ideas/record/", views.staff_record, name="staff_record"),
    path("participation/<int:pk>/staff/ideas/<int:idea_pk>/", views.staff_idea, name="staff_idea"),
    path("participation/<int:pk>/staff/moderation/", views.staff_moderation, name="staff_moderation"),
    path(
        "participation/<int:pk>/staff/comments/<int:comment_pk>/", views.staff_comment, name="staff_comment"
    ),
    path("participation/<int:pk>/staff/codes/", views.staff_codes, name="staff_codes"),
]
