from django.urls import path

from . import session_views, views

app_name = "fund"

urlpatterns = [
    path("q/<slug:slug>/fund/", views.home, name="home"),
    path("q/<slug:slug>/fund/apply/", views.apply, name="apply"),
    path("q/<slug:slug>/fund/link/", views.lost_link, name="lost_link"),
    path("q/<slug:slug>/fund/projects/<str:reference>/", views.project, name="project"),
    path(
        "q/<slug:slug>/fund/projects/<str:reference>/photos/<int:file_id>/",
        views.project_photo,
        name="project_photo",
    ),
    path("fund/a/<str:token>/", views.applicant, name="applicant"),
    path("fund/a/<str:token>/edit/<slug:step>/", views.edit, name="edit"),
    path("fund/a/<str:token>/check/", views.check, name="check"),
    path("fund/a/<str:token>/files/<int:file_id>/", views.applicant_file, name="applicant_file"),
    path("fund/a/<str:token>/application.pdf", views.applicant_pdf, name="applicant_pdf"),
    path("fund/a/<str:token>/letters/<int:decision_id>.pdf", views.applicant_letter, name="applicant_letter"),
    path("fund/a/<str:token>/proof/", views.proof, name="proof"),
    path("fund/a/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("q/<slug:slug>/staff/fund/", views.inbox, name="inbox"),
    path("q/<slug:slug>/staff/fund/applications/<int:app_id>/", views.application_detail, name="detail"),
    path(
        "q/<slug:slug>/staff/fund/applications/<int:app_id>/application.pdf",
        views.staff_application_pdf,
        name="staff_pdf",
    ),
    path(
        "q/<slug:slug>/staff/fund/applications/<int:app_id>/files/<int:file_id>/",
        views.staff_file,
        name="file",
    ),
    path(
        "q/<slug:slug>/staff/fund/applications/<int:app_id>/letters/<int:decision_id>.pdf",
        views.staff_letter,
        name="letter",
    ),
    path("q/<slug:slug>/staff/fund/sessions/", views.sessions, name="sessions"),
    path("q/<slug:slug>/staff/fund/sessions/<int:session_id>/", views.session_detail, name="session"),
    path(
        "q/<slug:slug>/staff/fund/sessions/<int:session_id>/items/<int:item_id>/count/",
        session_views.count_item,
        name="count",
    ),
    path("q/<slug:slug>/staff/fund/sessions/<int:session_id>/minutes.pdf", views.minutes, name="minutes"),
    path("q/<slug:slug>/staff/fund/budget/", views.budget, name="budget"),
    path("q/<slug:slug>/staff/fund/settings/", views.fund_settings, name="settings"),
    path("q/<slug:slug>/staff/fund/figures/", views.figures, name="figures"),
    path("q/<slug:slug>/staff/fund/export/<str:what>.<str:fmt>", views.export, name="export"),
]
