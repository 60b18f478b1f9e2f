from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import (
    AccessibilityFeedback,
    ApiToken,
    AuditEntry,
    City,
    Membership,
    OutboxMail,
    ProcessingRestriction,
    Quarter,
    ResponsibleParty,
    SubjectRequest,
    TeamMember,
    User,
)


class TeamInline(admin.TabularInline):
    model = TeamMember
    extra = 0


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Quarter)
class QuarterAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "programme", "operator", "arrangement", "is_active"]
    list_filter = ["city", "programme", "is_active"]
    search_fields = ["name", "operator"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TeamInline]

    def save_model(self, request, obj, form, change):
        from .geo import set_boundary

        set_boundary(obj, obj.boundary)
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


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
    inlines = [MembershipInline]


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
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "purpose"]
    readonly_fields = [f.name for f in OutboxMail._meta.fields]


admin.site.register(
    ApiToken, list_display=["name", "user", "prefix", "created_at", "revoked_at"], exclude=["key_hash"]
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
class SubjectRequestAdmin(admin.ModelAdmin):
    list_display = ["received_on", "kind", "quarter", "due_on", "status"]
    list_filter = ["status", "kind", "quarter"]
    readonly_fields = ["due_on", "logged_by", "created_at"]
    inlines = [RestrictionInline]

    def has_add_permission(self, request):
        # Requests are logged on the quarter's staff page, which computes the deadline and the restriction.
        return False
