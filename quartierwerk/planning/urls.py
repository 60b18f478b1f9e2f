from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    # Public
    path("q/<slug:slug>/plan/", views.plan_list, name="plan_list"),
    path("plan/<int:pk>/", views.plan_page, name="plan"),
    path("plan/<int:pk>/changes/", views.plan_diff, name="plan_diff"),
    # Office
    path("q/<slug:slug>/staff/plan/", views.staff_plans, name="staff_plans"),
    path("plan/<int:pk>/staff/", views.staff_plan, name="staff_plan"),
    path("plan/<int:pk>/staff/<slug:action>/", views.staff_plan_action, name="staff_plan_action"),
    path("plan/<int:pk>/staff/add/<slug:kind>/", views.staff_add, name="staff_add"),
    path("plan/<int:pk>/staff/<slug:kind>/<int:item_pk>/", views.staff_item, name="staff_item"),
    path("plan/<int:pk>/staff/indicator/<int:indicator_pk>/value/", views.staff_value, name="staff_value"),
]
