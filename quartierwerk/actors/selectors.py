"""Read queries of the actor directory, shaped so that a page costs a fixed number of SQL queries."""

import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from quartierwerk.core import geo, mapgrid
from quartierwerk.core import selectors as core_selectors
from quartierwerk.core.choices import choice_labels, display
from quartierwerk.core.links import row_url

from . import search
from .models import (
    Consent,
    Group,
    GroupMembership,
    Language,
    Offer,
    Organisation,
    Person,
    Relationship,
    Topic,
)

# Columns a public listing may load: never the internal ones.
PUBLIC_COLUMNS = (
    "id",
    "quarter_id",
    "name",
    "slug",
    "kind",
    "description",
    # The description in more languages and the language it was written in (core/multilingual.py).
    "translations",
    "written_in",
    "topics",
    "languages",
    "offers",
    "public_fields",
    "street",
    "postcode",
    "town",
    "lat",
    "lon",
    "opening_hours",
    "email",
    "phone",
    "website",
    "accessibility",
    "wheelchair_accessible",
    "status",
    "is_public",
)


@dataclass
class DirectoryFilter:
    """The allow-listed filters of the directory; unknown values are dropped, never passed to the database."""

    q: str = ""
    kind: str = ""
    topic: str = ""
    language: str = ""
    offer: str = ""
    tag: str = ""  # staff only
    status: str = ""  # staff only

    @classmethod
    def from_params(cls, params, *, staff: bool = False) -> "DirectoryFilter":
        def pick(name, allowed):
            value = (params.get(name) or "").strip()
            return value if value in allowed else ""

        tag = (params.get("tag") or "").strip().lower()[:60] if staff else ""
        return cls(
            q=(params.get("q") or "").strip()[:200],
            kind=pick("kind", Organisation.Kind.values),
            topic=pick("topic", Topic.values),
            language=pick("language", Language.values),
            offer=pick("offer", Offer.values),
            tag=tag if re.fullmatch(r"[\w\- ]*", tag) else "",
            status=pick("status", Organisation.Status.values) if staff else "",
        )

    def as_params(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.kind:
            qs = qs.filter(kind=self.kind)  # a column with an index; the other facets are lists
        for prefix, value in (
            ("topic", self.topic),
            ("lang", self.language),
            ("offer", self.offer),
            ("tag", self.tag),
        ):
            if value:
                qs = qs.filter(facets__contains=f" {prefix}:{value} ")
        if self.status:
            qs = qs.filter(status=self.status)
        if self.q:
            qs = search.matching(qs, self.q)
        return qs


def _scope(qs: QuerySet, quarter) -> QuerySet:
    """One quarter, or (quarter None) every active quarter plus city-wide entries."""
    if quarter is not None:
        return qs.filter(quarter=quarter)
    return qs.filter(Q(quarter__isnull=True) | Q(quarter__is_active=True))


def public_organisations(quarter=None, flt: DirectoryFilter | None = None) -> QuerySet:
    """Verified, public organisations with only their public columns loaded."""
    qs = Organisation.objects.filter(status=Organisation.Status.VERIFIED, is_public=True)
    qs = _scope(qs, quarter).select_related("quarter").only(*PUBLIC_COLUMNS, "quarter__slug", "quarter__name")
    if flt:
        qs = flt.apply(qs)
    return qs.order_by("name", "pk")


def staff_organisations(quarter, flt: DirectoryFilter | None = None) -> QuerySet:
    qs = Organisation.objects.filter(quarter=quarter).exclude(status=Organisation.Status.MERGED)
    if flt:
        qs = flt.apply(qs)
    return qs.order_by("name", "pk")


def active_consent(purpose: str) -> Exists:
    """A subquery: the person has a consent (or other basis) for `purpose` that is neither withdrawn nor past."""
    today = timezone.localdate()
    return Exists(
        Consent.objects.filter(
            person=OuterRef("pk"),
            withdrawn_at__isnull=True,
            **{f"for_{purpose}": True},
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def reachable_persons(purpose: str, qs: QuerySet | None = None) -> QuerySet:
    """Persons who may be contacted for `purpose` (newsletter, invitations, directory) right now."""
    qs = qs if qs is not None else Person.objects.all()
    return (
        qs.filter(withdrawn_at__isnull=True, anonymised_at__isnull=True, merged_into__isnull=True)
        .filter(active_consent(purpose))
        # A restriction (Art. 18) or objection (Art. 21) in force takes the person off every list.
        .exclude(core_selectors.is_restricted("email"))
    )


def public_contact_persons(organisation: Organisation) -> list[Relationship]:
    """Current, public relationships of persons who consented to the directory listing."""
    if not organisation.shows("contact_persons"):
        return []
    today = timezone.localdate()
    return list(
        Relationship.objects.filter(organisation=organisation, is_public=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(person__in=reachable_persons(Consent.Purpose.DIRECTORY))
        .select_related("person")
        .only(
            "kind",
            "organisation_id",
            "person__first_name",
            "person__last_name",
            "person__role_title",
            "person__email",
            "person__phone",
            "person__public_fields",
            "person__anonymised_at",
        )
    )


def organisation_feature(org: Organisation) -> dict:
    quarter_slug = org.quarter.slug if org.quarter_id else None
    return _feature(org.pk, org.name, org.slug, org.kind, org.offers, org.lat, org.lon, quarter_slug)


MAP_COLUMNS = ("id", "name", "slug", "kind", "offers", "lat", "lon", "quarter__slug")


def _feature(pk, name, slug, kind, offers, lat, lon, quarter_slug) -> dict:
    """A map point from plain values (the map reads thousands of rows without making model objects)."""
    subtitle = ", ".join(Organisation.offer_labels_of(offers))
    if quarter_slug:
        url = row_url("actors:detail", quarter_slug, slug)
    else:
        url = row_url("actors:city_detail", pk, slug)
    return geo.feature(
        geo.point(lat, lon),
        {
            "title": name,
            "subtitle": subtitle or choice_labels(Organisation.Kind).get(kind, kind),
            "kind": kind,
            "url": url,
        },
        feature_id=pk,
    )


def public_url(org: Organisation) -> str:
    if org.quarter_id:
        return row_url("actors:detail", org.quarter.slug, org.slug)
    return row_url("actors:city_detail", org.pk, org.slug)


MAP_LIMIT = 500  # points in one map view at most


def shown_on_map(qs: QuerySet) -> QuerySet:
    """The organisations of `qs` that published their point on the map (only those may be found by place)."""
    return qs.filter(lat__isnull=False, lon__isnull=False, public_fields__icontains='"location"')


def directory_geojson(
    quarter=None, flt: DirectoryFilter | None = None, view: mapgrid.MapView | None = None
) -> dict:
    """GeoJSON of the public organisations that published their point on the map, for one view of the
    map: clusters below the zoom threshold, else at most MAP_LIMIT points ("truncated" says if more)."""
    qs = shown_on_map(public_organisations(quarter, flt))
    return mapgrid.bounded_feed(
        qs, view or mapgrid.MapView(), columns=MAP_COLUMNS, feature=_feature, point_limit=MAP_LIMIT
    )


def public_groups(quarter=None) -> QuerySet:
    return _scope(Group.objects.filter(is_public=True, ended_at__isnull=True), quarter).select_related(
        "quarter"
    )


def group_members(group: Group, *, public: bool, include_ended: bool = False) -> list[GroupMembership]:
    """The seats of a group, ordered by role; on public pages only listed organisations and persons
    who consented to the directory listing appear."""
    today = timezone.localdate()
    qs = GroupMembership.objects.filter(group=group).select_related("person", "organisation", "delegate")
    if not include_ended:
        qs = qs.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    if public:
        qs = qs.filter(
            Q(
                organisation__status=Organisation.Status.VERIFIED,
                organisation__is_public=True,
            )
            | Q(person__in=reachable_persons(Consent.Purpose.DIRECTORY))
        )
    order = {r: i for i, r in enumerate(["chair", "deputy", "member", "guest"])}
    return sorted(qs, key=lambda m: (order.get(m.role, 9), str(m.person or m.organisation)))


@dataclass
class Contact:
    """One line of a contact list: who, for which seat, how to reach."""

    name: str
    organisation: str
    role: str
    email: str
    phone: str
    street: str = ""
    postcode: str = ""
    town: str = ""
    person_id: int | None = None  # set when the address belongs to a person (withdrawal link in mails)


def group_contact_list(group: Group, purpose: str = Consent.Purpose.INVITATIONS) -> list[Contact]:
    """Who to invite to a group's meetings: current member organisations (their contact channels and
    delegate) and member persons with a current consent for `purpose`. Withdrawn persons never appear."""
    today = timezone.localdate()
    reachable = reachable_persons(purpose)
    memberships = (
        GroupMembership.objects.filter(group=group)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("person", "organisation", "delegate")
        .annotate(
            person_ok=Exists(reachable.filter(pk=OuterRef("person_id"))),
            delegate_ok=Exists(reachable.filter(pk=OuterRef("delegate_id"))),
        )
    )
    contacts = []
    for m in memberships:
        role = display(m, "role")
        if m.person_id:
            if m.person_ok:
                p = m.person
                contacts.append(Contact(str(p), "", role, p.email, p.phone, person_id=p.pk))
        elif m.organisation.status != Organisation.Status.MERGED:
            o = m.organisation
            if m.delegate_id and m.delegate_ok:
                d = m.delegate
                contacts.append(
                    Contact(
                        str(d),
                        o.name,
                        role,
                        d.email or o.email,
                        d.phone or o.phone,
                        o.street,
                        o.postcode,
                        o.town,
                    )
                )
            else:
                contacts.append(Contact("", o.name, role, o.email, o.phone, o.street, o.postcode, o.town))
    return contacts


def organisation_contacts(qs: QuerySet) -> list[Contact]:
    return [
        Contact("", o.name, display(o, "kind"), o.email, o.phone, o.street, o.postcode, o.town)
        for o in qs.only("name", "kind", "email", "phone", "street", "postcode", "town")
    ]


def staff_search(quarter, query: str, limit: int = 20) -> dict:
    """Search across organisations, persons and groups of a quarter: three indexed queries."""
    result = {"organisations": [], "persons": [], "groups": []}
    if not search.terms(query):
        return result
    columns = ("id", "name", "slug", "kind", "status")
    if "@" in query:
        # Staff look organisations up by e-mail too (not part of the public search document).
        result["organisations"] = list(
            staff_organisations(quarter).filter(email__iexact=query.strip()).only(*columns)[:limit]
        )
    else:
        result["organisations"] = list(
            search.matching(staff_organisations(quarter), query).only(*columns)[:limit]
        )
    result["persons"] = list(
        search.matching(
            Person.objects.filter(quarter=quarter, anonymised_at__isnull=True, merged_into__isnull=True),
            query,
        ).only("id", "first_name", "last_name", "email", "role_title", "withdrawn_at", "anonymised_at")[
            :limit
        ]
    )
    words = search.terms(query)
    groups = Group.objects.filter(quarter=quarter)
    for w in words:
        groups = groups.filter(Q(name__icontains=w) | Q(purpose__icontains=w))
    result["groups"] = list(groups.only("id", "name", "slug", "kind")[:limit])
    return result


def _normal(name: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    words = [w for w in words if w not in {"e", "v", "ev", "ggmbh", "gmbh", "der", "die", "das", "the"}]
    return "".join(words)


def duplicate_candidates(quarter) -> list[list[Organisation]]:
    """Organisations of a quarter that look alike: the same normalised name, e-mail or phone (one query)."""
    orgs = list(
        Organisation.objects.filter(quarter=quarter)
        .exclude(status__in=[Organisation.Status.MERGED, Organisation.Status.REJECTED])
        .only("id", "name", "slug", "email", "phone", "status", "kind", "town", "quarter_id")
    )
    buckets: dict[str, list[Organisation]] = {}
    for org in orgs:
        keys = {"n:" + _normal(org.name)}
        if org.email:
            keys.add("e:" + org.email.lower())
        if org.phone:
            keys.add("p:" + re.sub(r"\D", "", org.phone))
        for key in keys:
            if len(key) > 3:
                buckets.setdefault(key, []).append(org)
    seen, groups = set(), []
    for members in buckets.values():
        ids = tuple(sorted(o.pk for o in members))
        if len(ids) > 1 and ids not in seen:
            seen.add(ids)
            groups.append(sorted(members, key=lambda o: o.pk))
    return groups


def duplicate_person_candidates(quarter) -> list[list[Person]]:
    """Person records of a quarter with the same e-mail address or the same normalised full name."""
    persons = list(
        Person.objects.filter(quarter=quarter, anonymised_at__isnull=True, merged_into__isnull=True).only(
            "id", "first_name", "last_name", "email", "role_title", "anonymised_at", "quarter_id"
        )
    )
    buckets: dict[str, list[Person]] = {}
    for p in persons:
        keys = set()
        if p.email:
            keys.add("e:" + p.email.lower())
        name = _normal(f"{p.first_name} {p.last_name}")
        if p.first_name and p.last_name and name:
            keys.add("n:" + name)
        for key in keys:
            buckets.setdefault(key, []).append(p)
    seen, groups = set(), []
    for members in buckets.values():
        ids = tuple(sorted(p.pk for p in members))
        if len(ids) > 1 and ids not in seen:
            seen.add(ids)
            groups.append(sorted(members, key=lambda p: p.pk))
    return groups


def person_detail_queryset():
    return Person.objects.select_related("quarter", "user").prefetch_related(
        Prefetch("consents", queryset=Consent.objects.select_related("recorded_by")),
        Prefetch("relationships", queryset=Relationship.objects.select_related("organisation")),
        Prefetch("group_memberships", queryset=GroupMembership.objects.select_related("group")),
    )
