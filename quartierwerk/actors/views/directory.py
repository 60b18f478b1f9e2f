"""The public directory: organisations of a quarter or the city, their map, and public group pages."""

import json

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from quartierwerk.core import geo, keyset
from quartierwerk.core.mapgrid import MapView, bbox_param, list_view
from quartierwerk.core.views import quarter_or_404

from .. import rules, selectors
from ..forms import (
    DirectoryFilterForm,
)
from ..models import (
    GroupMembership,
)
from .common import (
    GEOJSON,
    PAGE_SIZE,
    _page,
)


def _directory(request, quarter):
    form = DirectoryFilterForm(request.GET or None)
    flt = selectors.DirectoryFilter.from_params(request.GET)
    orgs = selectors.public_organisations(quarter, flt)
    # "Only what the map shows": the list follows the map's view (in_view=1&bbox=…, kept in the URL).
    in_view = list_view(request.GET)
    if in_view is not None:
        orgs = in_view.restrict(selectors.shown_on_map(orgs))
    keyset_page = None
    if quarter:
        page_obj = _page(request, orgs)
    else:
        # Across every quarter: pages by (name, id) after a cursor, no count of every match.
        keyset_page = keyset.paginate(orgs, key="name", request=request, size=PAGE_SIZE)
        page_obj = keyset_page.rows
    params = flt.as_params()
    if quarter:
        geojson_url = reverse("actors:directory_geojson", args=[quarter.slug])
    else:
        geojson_url = reverse("actors:city_geojson")
    if params:
        geojson_url += "?" + urlencode(params)
    view_bbox = bbox_param(in_view)
    list_params = {**params, "in_view": "1", "bbox": view_bbox} if in_view is not None else params
    return render(
        request,
        "actors/directory.html",
        {
            "quarter": quarter,
            "form": form,
            "page_obj": page_obj,
            "keyset_page": keyset_page,
            "query_string": urlencode(list_params),
            "geojson_url": geojson_url,
            "in_view": in_view is not None,
            "view_bbox": view_bbox,
            # City-wide without a view: fitted to the answer.
            "map_bounds": view_bbox or (geo.bounds_param(quarter) if quarter else ""),
            "boundary": geo.feature_collection([geo.quarter_feature(quarter)])
            if quarter and quarter.boundary
            else None,
            "filtered": bool(list_params),
        },
    )


def directory(request, slug):
    """The public directory of one quarter: search, filters, list and map."""
    return _directory(request, quarter_or_404(slug))


def city_directory(request):
    """The city-wide directory across every quarter."""
    if "page" in request.GET:
        return keyset.first_page_redirect(request)
    return _directory(request, None)


def _geojson_response(data):
    return HttpResponse(json.dumps(data), content_type=GEOJSON)


def directory_geojson(request, slug):
    quarter = quarter_or_404(slug)
    return _geojson_response(
        selectors.directory_geojson(
            quarter, selectors.DirectoryFilter.from_params(request.GET), MapView.from_params(request.GET)
        )
    )


def city_geojson(request):
    return _geojson_response(
        selectors.directory_geojson(
            None, selectors.DirectoryFilter.from_params(request.GET), MapView.from_params(request.GET)
        )
    )


def _public_detail(request, org):
    groups = (
        GroupMembership.objects.filter(organisation=org, group__is_public=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate()))
        .select_related("group", "group__quarter")
    )
    map_data = None
    if org.shows("location") and org.lat is not None:
        map_data = {"type": "FeatureCollection", "features": [selectors.organisation_feature(org)]}
    return render(
        request,
        "actors/detail.html",
        {
            "org": org,
            "quarter": org.quarter,
            "contacts": selectors.public_contact_persons(org),
            "groups": groups,
            "map_data": map_data,
            "can_edit": rules.can_edit_organisation(request.user, org),
            "can_claim": request.user.is_authenticated
            and not rules.represents_organisation(request.user, org),
            "can_read": rules.can_read_actors(request.user, org),
        },
    )


def detail(request, slug, org_slug):
    quarter = quarter_or_404(slug)
    org = get_object_or_404(selectors.public_organisations(quarter), slug=org_slug)
    return _public_detail(request, org)


def city_detail(request, pk, org_slug):
    org = get_object_or_404(selectors.public_organisations(None).filter(quarter__isnull=True), pk=pk)
    return _public_detail(request, org)


def groups(request, slug):
    quarter = quarter_or_404(slug)
    qs = (
        selectors.public_groups(quarter)
        .order_by("name", "pk")
        .annotate(
            seats=Count(
                "memberships",
                filter=Q(memberships__end_date__isnull=True)
                | Q(memberships__end_date__gte=timezone.localdate()),
            )
        )
    )
    return render(request, "actors/groups.html", {"quarter": quarter, "page_obj": _page(request, qs)})


def group_detail(request, slug, group_slug):
    quarter = quarter_or_404(slug)
    group = get_object_or_404(selectors.public_groups(quarter), slug=group_slug)
    return render(
        request,
        "actors/group.html",
        {
            "quarter": quarter,
            "group": group,
            "members": selectors.group_members(group, public=True),
            "can_manage": rules.can_manage_groups(request.user, group),
        },
    )
