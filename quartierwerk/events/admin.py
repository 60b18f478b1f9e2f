"""Django admin for administrators: read-mostly views of events, registrations, sessions and tasks.

Changes that follow a workflow (cancelling, moving up, releasing minutes) go through the pages, which call the
services; the admin is for looking things up and correcting plain data.
"""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyFields, TranslatedFields

from .models import ActionItem, AgendaItem, Event, EventQuestion, Minutes, Registration, Venue


@admin.register(Venue)
class VenueAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "quarter", "step_free")
    list_filter = ("step_free", "quarter")
    search_fields = ("name", "address")


class QuestionInline(ServicesOnlyFields, admin.TabularInline):
    model = EventQuestion
    extra = 0


class AgendaInline(ServicesOnlyFields, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "is_public", "decision")


@admin.register(Event)
class EventAdmin(TranslatedFields, ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("title", "quarter", "kind", "starts_at", "status", "is_public")
    list_filter = ("status", "kind", "is_public", "quarter")
    search_fields = ("title",)
    date_hierarchy = "starts_at"
    raw_id_fields = ("venue", "group", "organiser_organisation", "created_by")
    readonly_fields = ("status", "status_reason", "sequence")
    inlines = [QuestionInline, AgendaInline]


@admin.register(Registration)
class RegistrationAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("name", "event", "status", "waiting_position", "created_at")
    list_filter = ("status",)
    search_fields = ("name", "email", "event__title")
    raw_id_fields = ("event", "user")
    readonly_fields = ("status", "waiting_position", "answers")


@admin.register(Minutes)
class MinutesAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("event", "status", "released_at")
    list_filter = ("status",)
    raw_id_fields = ("event", "written_by", "released_by")
    readonly_fields = ("status", "released_at", "released_by")


@admin.register(ActionItem)
class ActionItemAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("title", "group", "assignee_person", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("title",)
    raw_id_fields = ("event", "agenda_item", "group", "assignee_person", "assignee_organisation", "quarter")
