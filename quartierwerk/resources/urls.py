from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("q/<slug:slug>/resources/", views.resource_list, name="list"),
    path("q/<slug:slug>/resources/offer/", views.offer, name="offer"),
    path("q/<slug:slug>/resources/requests/", views.requests_page, name="requests"),
    path("q/<slug:slug>/resources/<int:pk>/", views.resource_page, name="resource"),
    path("q/<slug:slug>/resources/<int:pk>/close/", views.close, name="close"),
    path("q/<slug:slug>/resources/<int:pk>/calendar.ics", views.resource_feed, name="resource_feed"),
    path("q/<slug:slug>/office-hours/<int:pk>/", views.office_hours, name="office_hours"),
    path("q/<slug:slug>/office-hours/<int:pk>/book/", views.appointment, name="appointment"),
    path("q/<slug:slug>/office-hours/<int:pk>/done/", views.appointment_done, name="appointment_done"),
    path("q/<slug:slug>/staff/appointments/", views.appointments_today, name="appointments"),
    path("resources/appointments/confirm/<str:code>/", views.confirm_appointment, name="confirm_appointment"),
    path("resources/my/", views.my_bookings, name="my_bookings"),
    path("resources/my/<str:code>/calendar.ics", views.booker_feed, name="booker_feed"),
    path("resources/bookings/<int:pk>/<slug:action>/", views.booking_action, name="booking_action"),
]
