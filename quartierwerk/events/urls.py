from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    # Public calendars, event pages and feeds
    path("events/", views.city_calendar, name="city_calendar"),
    path("events/feed.ics", feeds.city_ics, name="city_ics"),
    path("events/rss/", feeds.QuarterEventsRss(), name="city_rss"),
    path("events/atom/", feeds.QuarterEventsAtom(), name="city_atom"),
    path("events/<int:pk>/", views.event_detail, name="city_detail"),
    path("events/<int:pk>/termin.ics", views.event_ics, name="event_ics"),
    path("events/cancel/<str:token>/", views.cancel_registration, name="cancel_registration"),
    path("events/documents/<int:pk>/", views.document_download, name="document"),
    path("events/personal/<str:token>.ics", feeds.personal_ics, name="personal_ics"),
    path("events/my/", views.my_events, name="my_events"),
    path("events/my/feed/", views.my_feed_issue, name="my_feed_issue"),
    path("events/my/feed/revoke/", views.my_feed_revoke, name="my_feed_revoke"),
    path("events/my/tasks/", views.my_tasks, name="my_tasks"),
    path("events/tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("q/<slug:slug>/events/", views.quarter_calendar, name="calendar"),
    path("q/<slug:slug>/events/feed.ics", feeds.quarter_ics, name="quarter_ics"),
    path("q/<slug:slug>/events/kind/<str:kind>.ics", feeds.kind_ics, name="kind_ics"),
    path("q/<slug:slug>/events/group/<slug:group_slug>.ics", feeds.group_ics, name="group_ics"),
    path("q/<slug:slug>/events/rss/", feeds.QuarterEventsRss(), name="quarter_rss"),
    path("q/<slug:slug>/events/atom/", feeds.QuarterEventsAtom(), name="quarter_atom"),
    path("q/<slug:slug>/events/<int:pk>/", views.event_detail, name="detail"),
    path("q/<slug:slug>/events/<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("q/<slug:slug>/events/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    # Session work: the group's chair or the office
    path("q/<slug:slug>/events/<int:pk>/session/", views.session, name="session"),
    path("q/<slug:slug>/events/<int:pk>/session/agenda/", views.session_agenda, name="session_agenda"),
    path(
        "q/<slug:slug>/events/<int:pk>/session/agenda/<int:item_pk>/remove/",
        views.session_agenda_remove,
        name="session_agenda_remove",
    ),
    path("q/<slug:slug>/events/<int:pk>/session/invite/", views.session_invite, name="session_invite"),
    path("q/<slug:slug>/events/<int:pk>/session/next/", views.session_next, name="session_next"),
    path(
        "q/<slug:slug>/events/<int:pk>/session/attendance/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("q/<slug:slug>/events/<int:pk>/session/minutes/", views.session_minutes, name="session_minutes"),
    path("q/<slug:slug>/events/<int:pk>/session/release/", views.session_release, name="session_release"),
    path("q/<slug:slug>/events/<int:pk>/session/tasks/", views.session_task, name="session_task"),
    # Staff
    path("q/<slug:slug>/staff/events/", views.staff_calendar, name="staff_calendar"),
    path("q/<slug:slug>/staff/events/new/", views.event_create, name="event_create"),
    path("q/<slug:slug>/staff/events/venues/", views.venue_create, name="venue_create"),
    path("q/<slug:slug>/staff/events/<int:pk>/", views.staff_event, name="staff_event"),
    path("q/<slug:slug>/staff/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path(
        "q/<slug:slug>/staff/events/<int:pk>/registrations.csv",
        views.registrations_csv,
        name="registrations_csv",
    ),
    path("q/<slug:slug>/staff/events/<int:pk>/cancel/", views.staff_event_cancel, name="event_cancel"),
    path("q/<slug:slug>/staff/events/<int:pk>/postpone/", views.staff_event_postpone, name="event_postpone"),
    path(
        "q/<slug:slug>/staff/events/<int:pk>/registrations/<int:reg_pk>/cancel/",
        views.staff_registration_cancel,
        name="registration_cancel",
    ),
]
