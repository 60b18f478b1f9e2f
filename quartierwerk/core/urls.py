from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import pagecache_views, views
from .forms import OutboxPasswordResetForm

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("q/<slug:slug>/", views.quarter_home, name="quarter"),
    path("q/<slug:slug>/staff/", views.dashboard, name="dashboard"),
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
    path("datenschutz/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("csrf-token", pagecache_views.csrf_token, name="csrf_token"),
]
