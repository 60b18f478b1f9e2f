from django.contrib import admin

from . import models


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "ags")


@admin.register(models.Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "body", "email", "deleted")
    list_filter = ("kind", "body")
    search_fields = ("name",)


@admin.register(models.Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ("reference", "name", "kind", "date", "deleted")
    list_filter = ("kind", "body", "deleted")
    search_fields = ("reference", "name")
    raw_id_fields = ("revision_of", "statement_on", "decides", "lead_office")


@admin.register(models.ResolutionPoint)
class ResolutionPointAdmin(admin.ModelAdmin):
    list_display = ("paper", "number", "responsible_office", "deadline", "status")
    list_filter = ("status",)
    raw_id_fields = ("paper", "responsible_office")
    # The status changes through a status report (services.report_status), never by hand here.
    readonly_fields = ("status",)


@admin.register(models.QuarterKeyword)
class QuarterKeywordAdmin(admin.ModelAdmin):
    list_display = ("word", "quarter")


@admin.register(models.ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ("url", "body", "last_modified")
