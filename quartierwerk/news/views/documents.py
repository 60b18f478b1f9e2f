"""The document library: a quarter's public documents with search; the office adds documents and versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.files import file_response
from quartierwerk.core.views import quarter_or_404, staff_quarter

from .. import documents, rules, selectors
from ..forms import DocumentForm, DocumentSearchForm, VersionForm
from ..models import Document, DocumentVersion


def _search(request, quarter, *, include_internal: bool):
    form = DocumentSearchForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {}) or {}
    docs = selectors.documents_for(
        quarter, query=data.get("q", ""), category=data.get("category", ""), include_internal=include_internal
    )[:100]
    return form, docs


def document_list(request, slug):
    """The public documents of a quarter, by category, searchable."""
    quarter = quarter_or_404(slug)
    form, docs = _search(request, quarter, include_internal=False)
    return render(
        request,
        "news/documents/list.html",
        {
            "quarter": quarter,
            "form": form,
            "documents": docs,
            "can_manage": rules.can_manage_documents(request.user, quarter),
        },
    )


def _visible_document(request, pk) -> Document:
    document = Document.objects.select_related("quarter").filter(pk=pk).first()
    if document is None or not rules.can_view_document(request.user, document):
        raise Http404
    return document


def document_page(request, pk):
    document = _visible_document(request, pk)
    return render(
        request,
        "news/documents/document.html",
        {
            "document": document,
            "quarter": document.quarter,
            "versions": list(document.versions.all()),
            "can_manage": rules.can_manage_documents(request.user, document),
            "version_form": VersionForm(),
        },
    )


def document_file(request, pk, version_pk):
    document = _visible_document(request, pk)
    version = get_object_or_404(DocumentVersion, pk=version_pk, document=document)
    return file_response(version.file, content_type=version.content_type, filename=version.original_name)


@login_required
def staff_documents(request, slug):
    """Every document of the quarter, internal ones included."""
    quarter = staff_quarter(request, slug)
    form, docs = _search(request, quarter, include_internal=True)
    return render(
        request,
        "news/documents/staff_list.html",
        {
            "quarter": quarter,
            "form": form,
            "documents": docs,
            "can_manage": rules.can_manage_documents(request.user, quarter),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_document_new(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_manage_documents(request.user, quarter):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = documents.add_document(by=request.user, quarter=quarter, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(request, _("The document is saved."))
            return redirect("news:document", document.pk)
    return render(
        request,
        "news/documents/form.html",
        {"quarter": quarter, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_document_version(request, pk):
    document = Document.objects.select_related("quarter").filter(pk=pk).first()
    if document is None:
        raise Http404
    if not rules.can_manage_documents(request.user, document):
        raise PermissionDenied
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents.add_version(by=request.user, document=document, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The new version is saved."))
    else:
        messages.error(request, _("Please choose a file."))
    return redirect("news:document", document.pk)
