"""Forms of the core: log-in, second factor, registration, profile, accessibility feedback."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import multilingual
from .models import AccessibilityFeedback, Quarter, User


class LoginForm(forms.Form):
    username = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Six-digit code from your authenticator app"),
        regex=r"^\d{6}$",
        error_messages={"invalid": _("Enter the six digits shown in your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "6"}
        ),
    )


class RegistrationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        label=_("Name (optional)"),
        required=False,
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not only digits, not a common password."),
    )
    quarter = forms.ModelChoiceField(
        label=_("Your quarter (optional)"), queryset=Quarter.objects.filter(is_active=True), required=False
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    privacy = forms.BooleanField(label=_("I have read the privacy notice and agree that my data is stored."))

    def clean(self):
        data = super().clean()
        if data.get("password"):
            try:
                password_validation.validate_password(data["password"], User(email=data.get("email") or ""))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]
        widgets = {"preferred_language": forms.Select(choices=[("", "—"), *settings.LANGUAGES])}


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the mail sent through the outbox and the link built from SITE_URL.

    The request's Host header is chosen by whoever sends the request: a link built from it would carry the
    reset token to a host of the sender's choosing.
    """

    def save(self, *args, **kwargs):
        from urllib.parse import urlsplit

        site = urlsplit(settings.SITE_URL)
        kwargs.update(domain_override=site.netloc, use_https=site.scheme == "https")
        return super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.template.loader import render_to_string

        from .mail import queue_mail

        context = {**context, "site_url": settings.SITE_URL}
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_mail(to_email, subject, body, purpose="password_reset")


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["page_url", "message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What is the token for?"), max_length=120)


class QuarterPageForm(forms.Form):
    """The texts of the public quarter page; the other languages the city offers are added per language."""

    summary = forms.CharField(label=_("Who we are"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    contact_name = forms.CharField(label=_("Contact point"), max_length=200, required=False)
    contact_address = forms.CharField(
        label=_("Address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=60, required=False)

    def __init__(self, *args, quarter, **kwargs):
        kwargs.setdefault("initial", {name: getattr(quarter, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        multilingual.add_form_fields(self, Quarter, multilingual.offered(quarter.city), quarter.translations)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["translations"] = multilingual.from_form(self, data)
        return data
