"""What the pages of the actor directory share: paging, refused actions as messages, staff access, downloads."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from quartierwerk.core import exports
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, transfer
from ..models import (
    Organisation,
)

PAGE_SIZE = 25
GEOJSON = "application/geo+json"


def _page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def _domain_errors(view):
    """Show a refused action as a message on the page it came from, instead of an error page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied(str(exc))
            messages.error(request, str(exc))
            referer = request.META.get("HTTP_REFERER", "")
            if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
                return redirect(referer)
            if request.method == "GET":
                return redirect(request.path)
            if "slug" in kwargs:
                return redirect("actors:staff_index", kwargs["slug"])
            return redirect("core:home")

    return wrapper


def _form_error(form, exc: DomainError):
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, str(exc))


def _staff(request, slug, rule=rules.can_read_actors):
    quarter = staff_quarter(request, slug)
    if not rule(request.user, quarter):
        raise PermissionDenied
    return quarter


def _staff_org(quarter, pk):
    return get_object_or_404(Organisation.objects.select_related("quarter"), pk=pk, quarter=quarter)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
}


# How each download format of a contact list is written: (contacts, title, dialect) -> bytes.
CONTACT_WRITERS = {
    "csv": lambda contacts, title, dialect: transfer.contacts_csv(contacts, dialect),
    "xlsx": lambda contacts, title, dialect: transfer.contacts_xlsx(contacts, title),
    "vcf": lambda contacts, title, dialect: transfer.contacts_vcard(contacts),
}


def _contacts_download(contacts, fmt: str, basename: str, title: str, dialect: str = exports.EXCEL_DE):
    writer = CONTACT_WRITERS.get(fmt)
    if writer is None:
        raise Http404
    return _download(writer(contacts, title, dialect), f"{basename}.{fmt}", CONTENT_TYPES[fmt])
