from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import legal_pages, mailbox, pagecache_views, privacy_views, request_views, theme_views, views
from .forms import OutboxPasswordResetForm

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("theme/<slug:slug>.css", theme_views.theme_css, name="theme_css"),
    path("city/<slug:slug>/logo", theme_views.city_logo, name="city_logo"),
    path("q/<slug:slug>/picture", theme_views.quarter_picture, name="quarter_picture"),
    path("q/<slug:slug>/", views.quarter_home, name="quarter"),
    path("q/<slug:slug>/staff/", views.dashboard, name="dashboard"),
    path("q/<slug:slug>/staff/page/", views.quarter_page_edit, name="quarter_page_edit"),
    path("staff/", views.staff_home, name="staff_home"),
    path("account/login/", views.login_view, name="login"),
    path("account/login/verify/", views.login_verify, name="login_verify"),
    path("account/after-login/", views.after_login, name="after_login"),
    path("account/logout/", views.logout_view, name="logout"),
    path("account/register/", views.register, name="register"),
    path("account/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("account/profile/", views.profile, name="profile"),
    path("account/two-factor/", views.two_factor, name="two_factor"),
    path("account/tokens/", views.api_token_create, name="api_token_create"),
    path("account/tokens/<int:token_id>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path(
        "account/password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=OutboxPasswordResetForm,
            template_name="core/password_reset.html",
            email_template_name="core/mail/password_reset_body.txt",
            subject_template_name="core/mail/password_reset_subject.txt",
            success_url=reverse_lazy("core:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="core/password_reset_confirm.html",
            success_url=reverse_lazy("core:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(template_name="core/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("leichte-sprache/", views.easy_language, name="easy_language"),
    path("datenschutz/", legal_pages.privacy, name="privacy"),
    path("impressum/", legal_pages.impressum, name="impressum"),
    path("q/<slug:slug>/datenschutz/", legal_pages.quarter_privacy, name="quarter_privacy"),
    path("q/<slug:slug>/impressum/", legal_pages.quarter_impressum, name="quarter_impressum"),
    path(
        "q/<slug:slug>/staff/datenschutz/verzeichnis/",
        legal_pages.processing_records,
        name="processing_records",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/verzeichnis/<int:party_id>/",
        legal_pages.processing_record,
        name="processing_record",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/verzeichnis/<int:party_id>/pdf/",
        legal_pages.processing_record_pdf,
        name="processing_record_pdf",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/anfragen/", request_views.subject_requests, name="subject_requests"
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/anfragen/<int:pk>/",
        request_views.subject_request,
        name="subject_request",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/anfragen/<int:pk>/auskunft.zip",
        request_views.subject_request_export,
        name="subject_request_export",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/anfragen/<int:pk>/loeschen/",
        request_views.subject_request_erase,
        name="subject_request_erase",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/anfragen/<int:pk>/einschraenkung/<int:restriction_id>/aufheben/",
        request_views.lift_restriction,
        name="lift_restriction",
    ),
    path(
        "q/<slug:slug>/staff/datenschutz/zustaendigkeit/",
        request_views.quarter_arrangement,
        name="quarter_arrangement",
    ),
    path("staff/datenschutz/stellen/", request_views.parties, name="parties"),
    path("staff/datenschutz/stellen/<slug:city_slug>/neu/", request_views.party_edit, name="party_new"),
    path("staff/datenschutz/stellen/<slug:city_slug>/<int:pk>/", request_views.party_edit, name="party_edit"),
    path("account/my-data/", privacy_views.my_data, name="my_data"),
    path("account/my-data/<int:pk>/download/", privacy_views.my_data_download, name="my_data_download"),
    path("account/delete/", privacy_views.delete_account, name="delete_account"),
    path("datenschutz/auskunft/", privacy_views.export_by_email, name="privacy_export_request"),
    path("datenschutz/auskunft/<str:signed>/", privacy_views.export_confirm, name="privacy_export_confirm"),
    path(
        "datenschutz/download/<int:pk>/<str:token>/",
        privacy_views.export_download,
        name="privacy_export_download",
    ),
    path("staff/privacy/erase/", privacy_views.staff_erase, name="privacy_staff_erase"),
    # The demo mailbox exists only in DEBUG (404 otherwise).
    path("dev/mailbox/", mailbox.mailbox, name="mailbox"),
    path("dev/mailbox/<int:mail_id>/", mailbox.mailbox_mail, name="mailbox_mail"),
    path(
        "dev/mailbox/<int:mail_id>/attachments/<int:index>/", mailbox.mailbox_attachment, name="mailbox_file"
    ),
    # Browsers ask for /favicon.ico whatever the page names; answer with the icon rather than a 404.
    path("favicon.ico", views.favicon, name="favicon"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("csrf-token", pagecache_views.csrf_token, name="csrf_token"),
]
