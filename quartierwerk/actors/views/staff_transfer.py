"""Staff pages for importing a spreadsheet of organisations and persons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from quartierwerk.core.errors import DomainError

from .. import rules, transfer
from ..forms import (
    ImportForm,
)
from ..models import (
    ImportBatch,
)
from .common import _domain_errors, _page, _staff


@login_required
@require_http_methods(["GET", "POST"])
def staff_import(request, slug):
    quarter = _staff(request, slug, rules.can_import)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = transfer.parse_upload(
                by=request.user, quarter=quarter, uploaded=form.cleaned_data["file"]
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("actors:staff_import_preview", quarter.slug, batch.pk)
    recent = ImportBatch.objects.filter(quarter=quarter).only(
        "id", "filename", "status", "created_at", "result", "quarter_id"
    )[:10]
    return render(request, "actors/staff/import.html", {"quarter": quarter, "form": form, "recent": recent})


@login_required
@require_http_methods(["GET", "POST"])
@_domain_errors
def staff_import_preview(request, slug, pk):
    quarter = _staff(request, slug, rules.can_import)
    batch = get_object_or_404(ImportBatch, pk=pk, quarter=quarter)
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            transfer.discard_import(by=request.user, batch=batch)
            messages.success(request, _("The import has been discarded."))
            return redirect("actors:staff_import", quarter.slug)
        result = transfer.run_import(by=request.user, batch=batch)
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated, %(failed)s rows with errors not imported.")
            % result,
        )
        return redirect("actors:staff_import_preview", quarter.slug, batch.pk)
    error_page = _page(request, batch.errors, 100)
    return render(
        request,
        "actors/staff/import_preview.html",
        {
            "quarter": quarter,
            "batch": batch,
            "good_count": len(batch.rows),
            "sample": batch.rows[:20],
            "page_obj": error_page,
        },
    )
