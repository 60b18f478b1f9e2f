"""OParl 1.1 read API at /oparl/v1/: the System, the city's Body and its external object lists.

Plain Django views, because the standard fixes the shapes. Every object carries `id` (its URL), `type`,
`created` and `modified`; deleted objects stay in the lists with `deleted: true`. Lists have `data`,
`pagination` and `links` and take `created_since`, `created_until`, `modified_since` and `modified_until`.
Resolution points and the traffic light are not part of OParl; they are published as vendor-prefixed
properties (`quartierwerk:…`). Persons and memberships are published as empty lists: this system holds no
public office holders, and never publishes members of a Quartiersrat or other residents' bodies.
"""

import datetime

from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET

from . import models as m
from .models import paper_light

SCHEMA = "https://schema.oparl.org/1.1/"
VENDOR = "quartierwerk:"
PAGE_SIZE = 20
LICENSE = "https://creativecommons.org/publicdomain/zero/1.0/"
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadFilter(ValueError):
    pass


def _url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(f"oparl:{name}", args=args))


def _when(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(data: dict) -> dict:
    """Leave out what is empty: OParl properties are omitted rather than null."""
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _base(request, obj, kind: str) -> dict:
    return {
        "id": _url(request, kind.lower(), obj.pk),
        "type": SCHEMA + kind,
        "created": _when(obj.created),
        "modified": _when(obj.modified),
        "deleted": obj.deleted,
    }


# --- shapes ---------------------------------------------------------------------------------------------


def system(request) -> dict:
    return {
        "id": _url(request, "system"),
        "type": SCHEMA + "System",
        "oparlVersion": SCHEMA,
        "name": "Quartierwerk",
        "body": _url(request, "bodies"),
        "license": LICENSE,
        "website": request.build_absolute_uri("/"),
        "product": "https://quartierwerk.de/",
    }


def body(request, b: m.Body) -> dict:
    lists = {
        "organization": "organizations",
        "person": "persons",
        "membership": "memberships",
        "meeting": "meetings",
        "paper": "papers",
        "agendaItem": "agenda_items",
        "consultation": "consultations",
        "file": "files",
        "locationList": "locations",
        "legislativeTermList": "legislative_terms",
    }
    data = {
        **_base(request, b, "Body"),
        "system": _url(request, "system"),
        "name": b.name,
        "shortName": b.short_name,
        "website": b.website,
        "ags": b.ags,
        "license": LICENSE,
        "legislativeTerm": [legislative_term(request, t) for t in b.legislative_terms.all()],
        **{key: _url(request, name, b.pk) for key, name in lists.items()},
    }
    data = _clean(data)
    data.setdefault("legislativeTerm", [])
    return data


def legislative_term(request, t: m.LegislativeTerm) -> dict:
    return _clean(
        {
            **_base(request, t, "LegislativeTerm"),
            "body": _url(request, "body", t.body_id),
            "name": t.name,
            "startDate": _day(t.start_date),
            "endDate": _day(t.end_date),
        }
    )


CLASSIFICATION = {
    m.Organization.Kind.COUNCIL: "Ratsversammlung",
    m.Organization.Kind.COMMITTEE: "Ausschuss",
    m.Organization.Kind.DISTRICT_COUNCIL: "Stadtbezirksbeirat",
    m.Organization.Kind.FACTION: "Fraktion",
    m.Organization.Kind.OFFICE: "Verwaltung",
}
ORGANIZATION_TYPE = {m.Organization.Kind.FACTION: "Partei", m.Organization.Kind.OFFICE: "Verwaltungsgremium"}


def organization(request, o: m.Organization) -> dict:
    return _clean(
        {
            **_base(request, o, "Organization"),
            "body": _url(request, "body", o.body_id),
            "name": o.name,
            "shortName": o.short_name,
            "organizationType": ORGANIZATION_TYPE.get(o.kind, "Gremium"),
            "classification": CLASSIFICATION[o.kind],
            "startDate": _day(o.start_date),
            "endDate": _day(o.end_date),
        }
    )


def location(request, loc: m.Location) -> dict:
    return _clean(
        {
            **_base(request, loc, "Location"),
            "description": loc.description,
            "streetAddress": loc.street_address,
            "room": loc.room,
            "postalCode": loc.postal_code,
            "locality": loc.locality,
            "bodies": [_url(request, "body", loc.body_id)],
        }
    )


def meeting(request, mt: m.Meeting) -> dict:
    return _clean(
        {
            **_base(request, mt, "Meeting"),
            "name": mt.name,
            "start": _when(mt.start),
            "end": _when(mt.end),
            "cancelled": mt.cancelled,
            "organization": [_url(request, "organization", o.pk) for o in mt.organizations.all()],
            "location": location(request, mt.location) if mt.location else None,
            "agendaItem": [agenda_item(request, a) for a in mt.agenda_items.all()],
        }
    )


def agenda_item(request, a: m.AgendaItem) -> dict:
    consultation_id = getattr(getattr(a, "consultation", None), "pk", None)
    return _clean(
        {
            **_base(request, a, "AgendaItem"),
            "meeting": _url(request, "meeting", a.meeting_id),
            "number": a.number,
            "order": a.order,
            "name": a.name,
            "public": a.public,
            "consultation": _url(request, "consultation", consultation_id) if consultation_id else None,
            "result": a.result,
            "resolutionText": a.resolution_text,
        }
    )


def consultation(request, c: m.Consultation) -> dict:
    return _clean(
        {
            **_base(request, c, "Consultation"),
            "paper": _url(request, "paper", c.paper_id),
            "meeting": _url(request, "meeting", c.meeting_id) if c.meeting_id else None,
            "agendaItem": _url(request, "agendaitem", c.agenda_item_id) if c.agenda_item_id else None,
            "organization": [_url(request, "organization", c.organization_id)],
            "authoritative": c.authoritative,
            "role": c.role,
            VENDOR + "date": _day(c.date),
            VENDOR + "result": c.result,
        }
    )


def file(request, f: m.File) -> dict:
    return _clean(
        {
            **_base(request, f, "File"),
            "name": f.name,
            "fileName": f.file_name,
            "mimeType": f.mime_type,
            "date": _day(f.date),
            "size": f.size,
            "accessUrl": f.access_url,
            "paper": [_url(request, "paper", f.paper_id)] if f.paper_id else None,
        }
    )


PAPER_TYPE = {
    m.Paper.Kind.MOTION: "Antrag",
    m.Paper.Kind.REVISED_MOTION: "Neufassung",
    m.Paper.Kind.AMENDMENT: "Änderungsantrag",
    m.Paper.Kind.DRAFT_RESOLUTION: "Beschlussvorlage",
    m.Paper.Kind.INFORMATION: "Informationsvorlage",
    m.Paper.Kind.INQUIRY: "Anfrage",
    m.Paper.Kind.ANSWER: "Antwort",
    m.Paper.Kind.STATEMENT: "Verwaltungsstandpunkt",
    m.Paper.Kind.DECISION: "Beschluss",
    m.Paper.Kind.STATUS_REPORT: "Sachstandsbericht",
}


def resolution_point(request, p: m.ResolutionPoint) -> dict:
    return _clean(
        {
            "number": p.number,
            "text": p.text,
            "responsibleOffice": _url(request, "organization", p.responsible_office_id)
            if p.responsible_office_id
            else None,
            "deadline": _day(p.deadline),
            "status": p.status,
            "trafficLight": p.traffic_light(),
            "statusReport": [
                {"date": _day(r.date), "status": r.status, "text": r.text} for r in p.reports.all()
            ],
            "modified": _when(p.modified),
        }
    )


def paper(request, p: m.Paper) -> dict:
    related = [p.revision_of_id, p.statement_on_id, p.decides_id]
    related += [r.pk for r in p.revisions.all()] + [r.pk for r in p.statements.all()]
    related += [r.pk for r in p.decisions.all()]
    files = list(p.files.all())
    main = next((f for f in files if f.is_main), None)
    points = [pt for pt in p.points.all() if not pt.deleted]
    return _clean(
        {
            **_base(request, p, "Paper"),
            "body": _url(request, "body", p.body_id),
            "name": p.name,
            "reference": p.reference,
            "date": _day(p.date),
            "paperType": PAPER_TYPE[p.kind],
            "relatedPaper": [_url(request, "paper", pk) for pk in dict.fromkeys(related) if pk],
            "mainFile": file(request, main) if main else None,
            "auxiliaryFile": [file(request, f) for f in files if f is not main],
            "originatorOrganization": [_url(request, "organization", o.pk) for o in p.originators.all()],
            "underDirectionOf": [_url(request, "organization", p.lead_office_id)]
            if p.lead_office_id
            else None,
            "consultation": [consultation(request, c) for c in p.consultations.all()],
            VENDOR + "statementOption": p.statement_option,
            VENDOR + "resolutionPoint": [resolution_point(request, pt) for pt in points],
            VENDOR + "trafficLight": paper_light(points),
            VENDOR + "quarter": [link.quarter.name for link in p.quarter_links.all() if link.confirmed],
        }
    )


# --- querysets: each list page costs a fixed number of queries --------------------------------------------


def papers():
    return m.Paper.objects.select_related(None).prefetch_related(
        "originators",
        "files",
        "consultations",
        Prefetch("points", queryset=m.ResolutionPoint.objects.prefetch_related("reports")),
        Prefetch("revisions", queryset=m.Paper.objects.only("pk", "revision_of_id")),
        Prefetch("statements", queryset=m.Paper.objects.only("pk", "statement_on_id")),
        Prefetch("decisions", queryset=m.Paper.objects.only("pk", "decides_id")),
        Prefetch("quarter_links", queryset=m.PaperQuarter.objects.select_related("quarter")),
    )


def meetings():
    return m.Meeting.objects.select_related("location").prefetch_related(
        "organizations",
        Prefetch("agenda_items", queryset=m.AgendaItem.objects.select_related("consultation")),
    )


def agenda_items():
    return m.AgendaItem.objects.select_related("consultation")


# name -> (shape, queryset factory, field that leads to the body)
KINDS = {
    "organization": (organization, lambda: m.Organization.objects.all(), "body"),
    "meeting": (meeting, meetings, "body"),
    "paper": (paper, papers, "body"),
    "agendaitem": (agenda_item, agenda_items, "meeting__body"),
    "consultation": (consultation, lambda: m.Consultation.objects.all(), "paper__body"),
    "file": (file, lambda: m.File.objects.all(), "body"),
    "location": (location, lambda: m.Location.objects.all(), "body"),
    "legislativeterm": (legislative_term, lambda: m.LegislativeTerm.objects.all(), "body"),
}


# --- views ----------------------------------------------------------------------------------------------


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _filters(request) -> dict:
    """The date filters of the request as queryset lookups; a malformed date is refused."""
    lookups = {}
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw is None:
            continue
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.datetime.combine(day, datetime.time.min)
        if value is None:
            raise BadFilter(name)
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        field, edge = name.split("_")
        lookups[f"{field}__{'gte' if edge == 'since' else 'lte'}"] = value
    return lookups


def _page(request, queryset, shape) -> JsonResponse:
    try:
        queryset = queryset.filter(**_filters(request)).order_by("pk")
    except BadFilter as error:
        return _json({"error": f"malformed date in {error}"}, status=400)
    try:
        number = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return _json({"error": "malformed page"}, status=400)
    total = queryset.count()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if number > pages:
        raise Http404
    rows = list(queryset[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])

    def link(n: int) -> str:
        query = request.GET.copy()
        query["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    links = {"first": link(1), "last": link(pages), "self": link(number)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    return _json(
        {
            "data": [shape(request, row) for row in rows],
            "pagination": {
                "totalElements": total,
                "elementsPerPage": PAGE_SIZE,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }
    )


@require_GET
def system_view(request):
    return _json(system(request))


@require_GET
def body_list(request):
    return _page(request, m.Body.objects.prefetch_related("legislative_terms"), body)


@require_GET
def body_view(request, pk: int):
    return _json(
        body(request, get_object_or_404(m.Body.objects.prefetch_related("legislative_terms"), pk=pk))
    )


def _body_list(kind: str):
    @require_GET
    def view(request, pk: int):
        get_object_or_404(m.Body, pk=pk)
        shape, queryset, path = KINDS[kind]
        return _page(request, queryset().filter(**{path: pk}), shape)

    return view


@require_GET
def empty_list(request, pk: int):
    """Persons and memberships: none are published (see the module's docstring)."""
    get_object_or_404(m.Body, pk=pk)
    return _page(request, m.Body.objects.none(), body)


def _object(kind: str):
    @require_GET
    def view(request, pk: int):
        shape, queryset, _path = KINDS[kind]
        return _json(shape(request, get_object_or_404(queryset(), pk=pk)))

    return view


LIST_VIEWS = {
    "organizations": _body_list("organization"),
    "meetings": _body_list("meeting"),
    "papers": _body_list("paper"),
    "agenda_items": _body_list("agendaitem"),
    "consultations": _body_list("consultation"),
    "files": _body_list("file"),
    "locations": _body_list("location"),
    "legislative_terms": _body_list("legislativeterm"),
}
OBJECT_VIEWS = {kind: _object(kind) for kind in KINDS}
