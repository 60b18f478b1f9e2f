from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    # Public
    path("q/<slug:slug>/plan/", views.plan_list, name="plan_list"),
    path("plan/<int:pk>/", views.plan_page, name="plan"),
    path("plan/<int:pk>/changes/", views.plan_diff, name="plan_diff"),
    path("q/<slug:slug>/projects/", views.project_list, name="project_list"),
    path("project/<int:pk>/", views.project_page, name="project"),
    # Office
    path("q/<slug:slug>/staff/projects/", views.staff_projects, name="staff_projects"),
    path("q/<slug:slug>/staff/projects/board/", views.staff_board, name="staff_board"),
    path("q/<slug:slug>/staff/projects/new/", views.staff_project_new, name="staff_project_new"),
    path(
        "q/<slug:slug>/staff/projects/from-report/<int:report_pk>/",
        views.staff_from_report,
        name="staff_from_report",
    ),
    path("project/<int:pk>/staff/", views.staff_project, name="staff_project"),
    path("project/<int:pk>/staff/move/", views.staff_move, name="staff_move"),
    path("project/<int:pk>/staff/budget/", views.staff_source, name="staff_source_new"),
    path("project/<int:pk>/staff/budget/<int:source_pk>/", views.staff_source, name="staff_source"),
    path("project/<int:pk>/staff/milestones/", views.staff_milestone, name="staff_milestone_new"),
    path(
        "project/<int:pk>/staff/milestones/<int:milestone_pk>/", views.staff_milestone, name="staff_milestone"
    ),
    path("q/<slug:slug>/staff/plan/", views.staff_plans, name="staff_plans"),
    path("plan/<int:pk>/staff/", views.staff_plan, name="staff_plan"),
    path("plan/<int:pk>/staff/<slug:action>/", views.staff_plan_action, name="staff_plan_action"),
    path("plan/<int:pk>/staff/add/<slug:kind>/", views.staff_add, name="staff_add"),
    path("plan/<int:pk>/staff/<slug:kind>/<int:item_pk>/", views.staff_item, name="staff_item"),
    path("plan/<int:pk>/staff/indicator/<int:indicator_pk>/value/", views.staff_value, name="staff_value"),
]
