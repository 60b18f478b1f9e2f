"""Django admin for administrators: read-mostly views of the directory; changes go through the staff pages."""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyAdmin, ServicesOnlyFields, TranslatedFields

from .models import (
    Consent,
    ContactActivity,
    Group,
    GroupMembership,
    ImportBatch,
    Organisation,
    Person,
    Relationship,
    Representation,
    SavedFilter,
    VolunteerEngagement,
)


class MembershipInline(ServicesOnlyFields, admin.TabularInline):
    model = GroupMembership
    fk_name = "group"
    extra = 0
    raw_id_fields = ("person", "organisation", "delegate")


@admin.register(Organisation)
class OrganisationAdmin(TranslatedFields, ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "quarter", "kind", "status", "is_public")
    list_filter = ("status", "kind", "quarter")
    search_fields = ("name", "email")
    raw_id_fields = ("merged_into", "submitted_by")
    readonly_fields = ("facets", "search_document")


@admin.register(Person)
class PersonAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("__str__", "quarter", "withdrawn_at", "anonymised_at")
    list_filter = ("quarter",)
    search_fields = ("last_name", "first_name", "email")
    raw_id_fields = ("user", "merged_into")
    readonly_fields = ("search_document",)


@admin.register(Group)
class GroupAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "quarter", "kind", "is_public")
    list_filter = ("kind", "quarter")
    inlines = [MembershipInline]


@admin.register(Consent)
class ConsentAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("person", "basis", "source", "given_at", "valid_until", "withdrawn_at")
    raw_id_fields = ("person", "recorded_by")


for model in (Relationship, Representation, ContactActivity, SavedFilter, ImportBatch, VolunteerEngagement):
    admin.site.register(model, ServicesOnlyAdmin)
