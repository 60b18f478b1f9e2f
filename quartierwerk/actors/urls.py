from django.urls import path

from . import views

app_name = "actors"

S = "q/<slug:slug>/staff/actors/"

urlpatterns = [
    # Public directory, city-wide and per quarter.
    path("actors/", views.city_directory, name="city_directory"),
    path("actors/map.geojson", views.city_geojson, name="city_geojson"),
    path("actors/mine/", views.my_organisations, name="my_organisations"),
    path("actors/mine/<int:pk>/", views.edit_own, name="edit_own"),
    path("actors/withdraw/<str:token>/", views.withdraw, name="withdraw"),
    path("actors/my-data/", views.my_data, name="my_data"),
    path("actors/my-data/<int:pk>.<str:fmt>", views.my_data_export, name="my_data_export"),
    path("actors/<int:pk>-<slug:org_slug>/", views.city_detail, name="city_detail"),
    path("q/<slug:slug>/actors/", views.directory, name="directory"),
    path("q/<slug:slug>/actors/map.geojson", views.directory_geojson, name="directory_geojson"),
    path("q/<slug:slug>/actors/register/", views.register, name="register"),
    path("q/<slug:slug>/actors/<slug:org_slug>/", views.detail, name="detail"),
    path("q/<slug:slug>/actors/<slug:org_slug>/claim/", views.claim, name="claim"),
    path("q/<slug:slug>/groups/", views.groups, name="groups"),
    path("q/<slug:slug>/groups/<slug:group_slug>/", views.group_detail, name="group"),
    path("q/<slug:slug>/volunteering/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    # Staff tools.
    path(S, views.staff_index, name="staff_index"),
    path(S + "organisations/new/", views.staff_organisation_new, name="staff_organisation_new"),
    path(S + "organisations/<int:pk>/", views.staff_organisation, name="staff_organisation"),
    path(S + "organisations/<int:pk>/verify/", views.staff_verify, name="staff_verify"),
    path(S + "<str:kind>/<int:pk>/activity/", views.staff_activity, name="staff_activity"),
    path(
        S + "representations/<int:pk>/", views.staff_decide_representation, name="staff_decide_representation"
    ),
    path(S + "duplicates/", views.staff_duplicates, name="staff_duplicates"),
    path(S + "export.<str:fmt>", views.staff_export, name="staff_export"),
    path(S + "filters/", views.staff_save_filter, name="staff_save_filter"),
    path(S + "filters/<int:pk>/delete/", views.staff_delete_filter, name="staff_delete_filter"),
    path(S + "persons/", views.staff_persons, name="staff_persons"),
    path(S + "persons/new/", views.staff_person_new, name="staff_person_new"),
    path(S + "persons/<int:pk>/", views.staff_person, name="staff_person"),
    path(S + "persons/<int:pk>/consent/", views.staff_person_consent, name="staff_person_consent"),
    path(
        S + "persons/<int:pk>/relationships/",
        views.staff_person_relationship,
        name="staff_person_relationship",
    ),
    path(S + "relationships/<int:pk>/end/", views.staff_end_relationship, name="staff_end_relationship"),
    path(S + "persons/<int:pk>/export.<str:fmt>", views.staff_person_export, name="staff_person_export"),
    path(S + "persons/<int:pk>/erase/", views.staff_person_erase, name="staff_person_erase"),
    path(S + "groups/", views.staff_groups, name="staff_groups"),
    path(S + "groups/<int:pk>/", views.staff_group, name="staff_group"),
    path(S + "groups/<int:pk>/contacts.<str:fmt>", views.staff_group_contacts, name="staff_group_contacts"),
    path(S + "memberships/<int:pk>/end/", views.staff_end_membership, name="staff_end_membership"),
    path(S + "invite/", views.staff_invite, name="staff_invite"),
    path(S + "import/", views.staff_import, name="staff_import"),
    path(S + "import/<int:pk>/", views.staff_import_preview, name="staff_import_preview"),
    path(S + "volunteers/", views.staff_volunteers, name="staff_volunteers"),
    path(S + "volunteers/<int:pk>/sign/", views.staff_sign, name="staff_sign"),
]
