"""Django admin for administrators: news posts (changes go through the office's pages)."""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyFields

from .models import NewsPost


@admin.register(NewsPost)
class NewsPostAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ("title", "quarter", "city", "status", "publish_at", "is_pinned")
    list_filter = ("status", "city")
    search_fields = ("title",)
    readonly_fields = ("created_by",)
