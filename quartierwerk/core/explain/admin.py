from django.contrib import admin

from .models import SignLanguageVideo


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(admin.ModelAdmin):
    """Read-only: videos are put up through the office's page, where the files are checked."""

    list_display = ("title", "city", "quarter", "duration", "size", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
