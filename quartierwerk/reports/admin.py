"""Django admin for administrators: categories with extra questions and routing, responsible bodies, keys."""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyFields, TranslatedFields

from .models import ApiClient, Category, CategoryAttribute, Report, ReportUpdate, ResponsibleBody, RoutingRule


class CategoryAttributeInline(ServicesOnlyFields, admin.TabularInline):
    model = CategoryAttribute
    extra = 0


class RoutingRuleInline(ServicesOnlyFields, admin.TabularInline):
    model = RoutingRule
    extra = 0


@admin.register(Category)
class CategoryAdmin(TranslatedFields, ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "code", "kind", "group", "city", "is_active", "position")
    list_filter = ("kind", "is_active", "city")
    search_fields = ("name", "code")
    inlines = [CategoryAttributeInline, RoutingRuleInline]


@admin.register(ResponsibleBody)
class ResponsibleBodyAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "kind", "city", "email", "response_days", "is_active")
    list_filter = ("kind", "city", "is_active")
    search_fields = ("name", "email")


@admin.register(ApiClient)
class ApiClientAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "prefix", "quarter", "rate_limit_per_minute", "created_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "created_at", "created_by")


class ReportUpdateInline(ServicesOnlyFields, admin.TabularInline):
    model = ReportUpdate
    extra = 0
    can_delete = False
    readonly_fields = ("kind", "created_at", "author_label", "old_status", "new_status", "text", "is_public")


@admin.register(Report)
class ReportAdmin(ServicesOnlyFields, admin.ModelAdmin):
    """Read-mostly: changes go through the staff pages so that history and mails follow."""

    list_display = ("__str__", "quarter", "category", "status", "created_at", "is_hidden")
    list_filter = ("status", "kind", "quarter", "source")
    list_select_related = ("quarter", "category")
    search_fields = ("description", "address")
    raw_id_fields = ("reporter", "assigned_to", "duplicate_of", "api_client")
    readonly_fields = ("open311_token", "support_count", "created_at", "updated_at")
    inlines = [ReportUpdateInline]
