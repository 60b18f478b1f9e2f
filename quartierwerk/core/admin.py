"""Django admin for administrators. Workflow fields are read-only in every app's admin, and roles change
only through the core services (one transaction with the audit entry)."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import audit, interface_languages, multilingual, services, theme
from .models import (
    AccessibilityFeedback,
    ApiToken,
    AuditEntry,
    City,
    Membership,
    OutboxMail,
    ProcessingRestriction,
    Quarter,
    QuarterPicture,
    ResponsibleParty,
    SubjectRequest,
    TeamMember,
    User,
)

# Fields that only services change: the state of a workflow, its stamps and the counters services keep.
# Every app's admin shows them read-only (ServicesOnlyFields); tests/core/test_admin_services.py checks it.
WORKFLOW_FIELDS = frozenset(
    {
        "status",
        "merged_into",
        "submitted_by",
        "verified_at",
        "withdrawn_at",
        "retention_flagged_at",
        "anonymised_at",
        "decided_at",
        "decided_by",
        "recorded_by",
        "signed_by",
        "signed_name",
        "signed_at",
        "released_by",
        "released_at",
        "waiting_position",
        "moved_up_at",
        "cancelled_at",
        "done_at",
        "duplicate_of",
        "is_hidden",
        "due_at",
        "first_answer_at",
        "solved_at",
        "submitted_at",
        "committed",
        "paid",
        "support_count",
        "confirmed_at",
        "revoked_at",
        "sent_at",
        "attempts",
        "last_attempt_at",
        "key_hash",
        "email_confirmed_at",
    }
)


def workflow_fields(model) -> tuple[str, ...]:
    """The fields of `model` that only its services may change."""
    return tuple(f.name for f in model._meta.concrete_fields if f.name in WORKFLOW_FIELDS)


class ServicesOnlyFields:
    """Admin mixin (model admins and inlines): workflow fields are shown, never edited here."""

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        hidden = set(own) | set(getattr(self, "exclude", None) or ())
        return own + tuple(name for name in workflow_fields(self.model) if name not in hidden)


class ServicesOnlyAdmin(ServicesOnlyFields, admin.ModelAdmin):
    """A plain model admin whose workflow fields are read-only."""


class TranslatedFieldsets:
    """Admin mixin (model admins and inlines) for a model with texts in several languages
    (core/multilingual.py): one field per language the city offers and translated text, grouped per language,
    instead of the raw JSON."""

    form = multilingual.TranslationsAdminForm
    exclude = ("translations",)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        names = multilingual.translated_fields(self.model)
        for lang in multilingual.offered(multilingual.city_of(obj) if obj is not None else None):
            fields = [multilingual.form_field_name(lang, name) for name in names]
            fieldsets.append((multilingual.language_name(lang), {"fields": fields}))
        return fieldsets

    def _model_fields(self, request, obj, kwargs):
        """The model's own fields for the form class; the translation fields are added by the form itself."""
        if "fields" in kwargs and kwargs["fields"] is None:
            return None
        names = (
            kwargs["fields"] if "fields" in kwargs else flatten_fieldsets(self.get_fieldsets(request, obj))
        )
        return [name for name in names if not name.startswith(multilingual.FORM_PREFIX + "_")]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["fields"] = self._model_fields(request, obj, kwargs)
        return super().get_form(request, obj, change, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["fields"] = self._model_fields(request, obj, kwargs)
        return super().get_formset(request, obj, **kwargs)


class TranslatedFields(TranslatedFieldsets):
    """TranslatedFieldsets for a model admin; a save is audited, which starts a new generation of the pages
    that show the object."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(request.user, "core.changed_in_admin", obj, model=obj._meta.label_lower)


class TeamInline(TranslatedFieldsets, admin.StackedInline):
    model = TeamMember
    extra = 0


class QuarterPictureForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("picture"),
        required=False,
        help_text=_(
            "JPEG, PNG, WebP or SVG, at most 2 MB. A photo is re-encoded without its metadata (no location); an SVG "
            "is cleaned of scripts, links and external references."
        ),
    )

    class Meta:
        model = QuarterPicture
        fields = ["upload", "alt", "credit", "shows_people", "consent"]

    def clean_upload(self):
        uploaded = self.cleaned_data.get("upload")
        if uploaded:
            return theme.clean_picture(uploaded)
        if not self.instance.pk and self.has_changed():
            raise forms.ValidationError(_("Choose the picture's file."))
        return None

    def save(self, commit=True):
        picture = super().save(commit=False)
        if self.cleaned_data.get("upload"):
            picture.image, picture.content_type = self.cleaned_data["upload"]
        if commit:
            picture.save()
        return picture


class PictureInline(admin.StackedInline):
    """The picture the quarter's page leads with."""

    model = QuarterPicture
    form = QuarterPictureForm
    extra = 0
    max_num = 1


class CityForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("interface languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The languages visitors can choose on the pages of this city's quarters. German is always offered."
        ),
    )

    logo_upload = forms.FileField(
        label=_("logo"),
        required=False,
        help_text=_(
            "SVG or PNG, at most 200 kB. An SVG is cleaned of scripts, links and external references."
        ),
    )
    remove_logo = forms.BooleanField(label=_("remove the logo"), required=False)

    class Meta:
        model = City
        fields = ["name", "slug", "languages", "accent_colour"]
        help_texts = {
            "accent_colour": _("#rrggbb: the header's colour, with white text on it. Empty: standard blue.")
        }

    def clean_languages(self):
        return interface_languages.clean(self.cleaned_data["languages"])

    def clean_logo_upload(self):
        uploaded = self.cleaned_data.get("logo_upload")
        return theme.clean_logo(uploaded) if uploaded else None

    def save(self, commit=True):
        city = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            city.logo, city.logo_type = None, ""
        elif self.cleaned_data.get("logo_upload"):
            city.logo, city.logo_type = self.cleaned_data["logo_upload"]
        if commit:
            city.save()
        return city


class QuarterForm(multilingual.TranslationsAdminForm):
    funders = forms.MultipleChoiceField(
        label=_("funders' logos"),
        choices=[(code, label) for code, (label, _path) in theme.FUNDERS.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The funding programmes whose logos the footer and PDFs show, as the programme prescribes."
        ),
    )

    class Meta:
        model = Quarter
        fields = [
            "city", "name", "slug", "programme", "programme_detail", "operator", "operator_party", "arrangement",
            "start_date", "summary", "boundary", "contact_name", "contact_address", "opening_hours",
            "contact_phone", "contact_email", "is_active", "accent_colour", "funders",
        ]  # fmt: skip
        help_texts = {"accent_colour": _("#rrggbb; empty: the city's colour.")}


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    form = CityForm
    list_display = ["name", "slug", "languages", "accent_colour"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Quarter)
class QuarterAdmin(TranslatedFields, admin.ModelAdmin):
    form = QuarterForm
    list_display = ["name", "city", "programme", "operator", "arrangement", "is_active"]
    list_filter = ["city", "programme", "is_active"]
    search_fields = ["name", "operator"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamInline, PictureInline]

    def save_model(self, request, obj, form, change):
        from .geo import set_boundary

        set_boundary(obj, obj.boundary)
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    """Roles of a user; saved by UserAdmin.save_formset through grant_role/revoke_role."""

    model = Membership
    extra = 0
    fields = ("role", "quarter", "city")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_superuser"]
    search_fields = ["email", "display_name"]
    fieldsets = (
        (None, {"fields": ("email", "password", "display_name", "preferred_language")}),
        (
            "Status",
            {"fields": ("is_active", "is_staff", "is_superuser", "email_confirmed_at", "date_joined")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    # The staff flag follows the administrator flag (set_administrator sets both).
    readonly_fields = ("email_confirmed_at", "is_staff")
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):
        """Plain fields are saved here; becoming or ceasing to be an administrator goes through the service."""
        if not change:
            return super().save_model(request, obj, form, change)
        before = User.objects.filter(pk=obj.pk).values("is_superuser", "is_staff").get()
        wanted = bool(obj.is_superuser)
        obj.is_superuser, obj.is_staff = before["is_superuser"], before["is_staff"]
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if wanted != before["is_superuser"] or wanted != before["is_staff"]:
                services.set_administrator(user=obj, is_admin=wanted, by=request.user)

    def save_formset(self, request, form, formset, change):
        """Roles are granted and revoked through the core services, each with its audit entry."""
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        user = form.instance
        with transaction.atomic():
            formset.save(commit=False)  # sorts the forms into new, changed and deleted; writes nothing
            for membership in formset.deleted_objects:
                services.revoke_role(membership=membership, by=request.user)
            for membership, _fields in formset.changed_objects:
                services.revoke_role(membership=Membership.objects.get(pk=membership.pk), by=request.user)
            for membership in [m for m, _f in formset.changed_objects] + list(formset.new_objects):
                services.grant_role(
                    user=user,
                    role=membership.role,
                    quarter=membership.quarter,
                    city=membership.city,
                    by=request.user,
                )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_label", "action", "target_type", "target_id", "quarter"]
    list_filter = ["action", "quarter"]
    search_fields = ["actor_label", "target_id", "action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(OutboxMail)
class OutboxMailAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]


admin.site.register(
    ApiToken,
    ServicesOnlyAdmin,
    list_display=["name", "user", "prefix", "created_at", "revoked_at"],
    exclude=["key_hash"],
)
admin.site.register(AccessibilityFeedback, list_display=["created_at", "page_url", "email", "handled_at"])


@admin.register(ResponsibleParty)
class ResponsiblePartyAdmin(admin.ModelAdmin):
    """Controller, DPO and Impressum details; city staff edit them on their own staff page too."""

    list_display = ["name", "city", "kind", "is_public_body"]
    list_filter = ["city", "kind"]
    search_fields = ["name"]


class RestrictionInline(admin.TabularInline):
    model = ProcessingRestriction
    extra = 0


@admin.register(SubjectRequest)
class SubjectRequestAdmin(ServicesOnlyAdmin):
    list_display = ["received_on", "kind", "quarter", "due_on", "status"]
    list_filter = ["status", "kind", "quarter"]
    readonly_fields = ["due_on", "logged_by", "created_at"]
    inlines = [RestrictionInline]

    def has_add_permission(self, request):
        # Requests are logged on the quarter's staff page, which computes the deadline and the restriction.
        return False
