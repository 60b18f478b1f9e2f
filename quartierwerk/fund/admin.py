"""The Django admin for administrators: funds with their rules, kinds of project and rounds.

Applications, decisions and money are only changed through the services (read-only here).
"""

from django.contrib import admin

from quartierwerk.core.admin import ServicesOnlyFields, TranslatedFields

from .models import Application, AwardSession, Category, Fund, Round


class CategoryInline(ServicesOnlyFields, admin.TabularInline):
    model = Category
    extra = 0


class RoundInline(ServicesOnlyFields, admin.TabularInline):
    model = Round
    extra = 0


@admin.register(Fund)
class FundAdmin(TranslatedFields, ServicesOnlyFields, admin.ModelAdmin):
    list_display = ["name", "quarter", "year", "budget", "committed", "paid"]
    list_filter = ["year", "quarter"]
    readonly_fields = ["committed", "paid"]
    inlines = [CategoryInline, RoundInline]


@admin.register(Application)
class ApplicationAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ["reference", "title", "applicant_name", "status", "requested_amount", "approved_amount"]
    list_filter = ["status", "fund"]
    search_fields = ["reference", "title", "applicant_name", "organisation_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AwardSession)
class AwardSessionAdmin(ServicesOnlyFields, admin.ModelAdmin):
    list_display = ["fund", "date", "status", "on_paper"]

    def has_delete_permission(self, request, obj=None):
        return False
