"""Django admin for administrators: processes with their phases, ideas read-only apart from moderation."""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyFields

from .models import Comment, Idea, Phase, Process


class PhaseInline(ServicesOnlyFields, admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Process)
class ProcessAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("title", "quarter", "city", "status", "created_at")
    list_filter = ("status", "city")
    search_fields = ("title",)
    readonly_fields = ("published_at", "created_by")
    inlines = [PhaseInline]


@admin.register(Idea)
class IdeaAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("title", "process", "category", "status", "support_count", "dot_count", "created_at")
    list_filter = ("status", "category")
    search_fields = ("title",)
    readonly_fields = (
        "author",
        "code",
        "answer",
        "answered_at",
        "answered_by",
        "support_count",
        "dot_count",
        "comment_count",
    )


@admin.register(Comment)
class CommentAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("idea", "created_at", "flag_count", "is_hidden")
    list_filter = ("is_hidden",)
    readonly_fields = ("author", "code", "flag_count", "hidden_by")
