"""Staff pages of the address register: upload a list, check the preview, import it in the background."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from quartierwerk.core.models import City

from . import importer, rules, services
from .models import AddressImport

MAX_UPLOAD = 60 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Address list (CSV or GeoJSON)"))
    epsg = forms.IntegerField(
        label=_("Coordinate system (EPSG code, e.g. 25832, 25833, 31468; empty: WGS84 or recognised)"),
        required=False,
        min_value=1000,
        max_value=999999,
    )


def _city_for(request, slug) -> City:
    city = get_object_or_404(City, slug=slug)
    if not rules.can_import_addresses(request.user, city):
        raise PermissionDenied
    return city


@login_required
def upload(request, city):
    """Upload a list; the preview shows its first rows and every bad line before anything is written."""
    city = _city_for(request, city)
    form = UploadForm(request.POST or None, request.FILES or None)
    preview = job = None
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        if upload_file.size > MAX_UPLOAD:
            form.add_error("file", _("The file is too large (at most 60 MB)."))
        else:
            data = upload_file.read()
            try:
                preview = services.import_addresses(
                    city=city, data=data, epsg=form.cleaned_data["epsg"], dry_run=True
                )
            except importer.ImportFormatError as exc:
                form.add_error("file", str(exc))
            else:
                job = services.keep_upload(
                    city=city,
                    data=data,
                    filename=upload_file.name,
                    epsg=form.cleaned_data["epsg"],
                    actor=request.user,
                )
    recent = AddressImport.objects.filter(city=city).defer("data")[:10]
    return render(
        request,
        "places/upload.html",
        {"city": city, "form": form, "preview": preview, "job": job, "recent": recent},
    )


@login_required
@require_POST
def start(request, city, pk):
    city = _city_for(request, city)
    job = get_object_or_404(AddressImport.objects.defer("data"), pk=pk, city=city)
    services.enqueue_import(job)
    return redirect("places:status", city=city.slug, pk=job.pk)


@login_required
def status(request, city, pk):
    """Progress of a background import; the page reloads its progress part while it runs."""
    city = _city_for(request, city)
    job = get_object_or_404(AddressImport.objects.defer("data"), pk=pk, city=city)
    template = "places/_status.html" if request.headers.get("HX-Request") else "places/status.html"
    return render(request, template, {"city": city, "job": job})
