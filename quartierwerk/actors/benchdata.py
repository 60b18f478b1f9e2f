"""Benchmark data of the actors module: organisations with offers and points, persons with consent, groups."""

from django.utils import timezone, translation

from quartierwerk.core import mapgrid
from quartierwerk.core.benchdata import BenchContext, Endpoint

from .models import Consent, Group, GroupMembership, Language, Offer, Organisation, Person, Topic

PREFIXES = [
    "Verein",
    "Initiative",
    "Treff",
    "Werkstatt",
    "Netzwerk",
    "Zentrum",
    "Haus",
    "Laden",
    "Café",
    "Projekt",
]
WORDS = [
    "Nachbarschaft",
    "Begegnung",
    "Zukunft",
    "Vielfalt",
    "Brücke",
    "Sonne",
    "Linde",
    "Garten",
    "Kultur",
    "Jugend",
]
FIRST = ["Anna", "Jonas", "Leyla", "Paul", "Marie", "Ahmet", "Sofia", "Lukas", "Fatma", "Olga"]
LAST = ["Schmidt", "Yilmaz", "Becker", "Nowak", "Wagner", "Kaya", "Schulz", "Neumann", "Popescu", "Krause"]
KINDS = Organisation.Kind.values
TOPICS = Topic.values
LANGUAGES = Language.values
OFFERS = Offer.values
PUBLIC = ["address", "location", "email", "opening_hours", "contact_persons"]


def _batched(model, objs, size):
    for start in range(0, len(objs), size):
        model.objects.bulk_create(objs[start : start + size])


def generate(ctx: BenchContext) -> dict[str, int]:
    rng = ctx.rng
    per_quarter = ctx.per_quarter("actors")
    now = timezone.now()
    counts = {"organisations": 0, "persons": 0, "groups": 0, "memberships": 0}
    with translation.override("de"):
        for quarter in ctx.quarters:
            lat0 = quarter.min_lat if quarter.min_lat is not None else 51.0
            lon0 = quarter.min_lon if quarter.min_lon is not None else 12.0
            dlat = (quarter.max_lat - lat0) if quarter.max_lat is not None else 0.01
            dlon = (quarter.max_lon - lon0) if quarter.max_lon is not None else 0.01
            orgs = []
            for i in range(per_quarter):
                name = f"{rng.choice(PREFIXES)} {rng.choice(WORDS)} {i}"
                org = Organisation(
                    quarter=quarter,
                    name=name,
                    slug=f"bench-{i}",
                    kind=rng.choice(KINDS),
                    description="Angebote für die Nachbarschaft im Quartier.",
                    topics=rng.sample(TOPICS, 2),
                    languages=["de"] + rng.sample(LANGUAGES[1:], rng.randint(0, 2)),
                    offers=rng.sample(OFFERS, rng.randint(1, 3)),
                    street=f"Marktstraße {i + 1}",
                    town=quarter.city.name if hasattr(quarter, "city") else "",
                    lat=lat0 + rng.random() * dlat,
                    lon=lon0 + rng.random() * dlon,
                    email=f"org-{quarter.pk}-{i}@bench.quartierwerk.example",
                    public_fields=PUBLIC,
                    status=Organisation.Status.VERIFIED
                    if rng.random() > 0.02
                    else Organisation.Status.PENDING,
                    created_at=now,
                    updated_at=now,
                )
                org.refresh_derived()
                mapgrid.set_cells(org)
                orgs.append(org)
            _batched(Organisation, orgs, ctx.batch_size)
            counts["organisations"] += len(orgs)
            persons = []
            for i in range(max(1, per_quarter // 2)):
                p = Person(
                    quarter=quarter,
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    email=f"person-{quarter.pk}-{i}@bench.quartierwerk.example",
                    created_at=now,
                    updated_at=now,
                )
                p.refresh_derived()
                persons.append(p)
            _batched(Person, persons, ctx.batch_size)
            counts["persons"] += len(persons)
            persons = list(Person.objects.filter(quarter=quarter).only("pk"))
            _batched(
                Consent,
                [
                    Consent(
                        person=p,
                        basis=Consent.Basis.CONSENT,
                        for_directory=True,
                        for_invitations=rng.random() > 0.2,
                        text="Einverstanden.",
                        source=Consent.Source.PAPER_FORM,
                    )
                    for p in persons
                ],
                ctx.batch_size,
            )
            org_ids = list(Organisation.objects.filter(quarter=quarter).values_list("pk", flat=True))
            for g in range(5):
                group = Group.objects.create(
                    quarter=quarter,
                    name=f"Arbeitsgruppe {rng.choice(WORDS)} {g}",
                    slug=f"bench-group-{g}",
                    kind=rng.choice(Group.Kind.values),
                )
                members = [
                    GroupMembership(group=group, organisation_id=oid, role="member")
                    for oid in rng.sample(org_ids, min(20, len(org_ids)))
                ]
                members += [
                    GroupMembership(group=group, person=p) for p in rng.sample(persons, min(10, len(persons)))
                ]
                GroupMembership.objects.bulk_create(members)
                counts["groups"] += 1
                counts["memberships"] += len(members)
    return counts


def endpoints(ctx: BenchContext) -> list[Endpoint]:
    quarter = ctx.quarters[0] if ctx.quarters else None
    # The same kind of entry at every scale (one that shows its contact persons), so query counts compare.
    candidates = (
        list(
            Organisation.objects.filter(quarter=quarter, status="verified", is_public=True).only(
                "pk", "slug", "public_fields"
            )[:200]
        )
        if quarter
        else []
    )
    org = next(
        (o for o in candidates if not o.shows("contact_persons")), candidates[0] if candidates else None
    )
    group = Group.objects.filter(quarter=quarter, is_public=True).only("slug").first() if quarter else None
    # A surname that exists in the quarter, so the staff search returns rows at every scale.
    surname = (
        Person.objects.filter(quarter=quarter)
        .exclude(last_name="")
        .exclude(search_document="")
        .values_list("last_name", flat=True)
        .first()
        if quarter
        else None
    ) or "Schmidt"
    # A view of the quarter and one of the whole country, as the map asks for them (bbox and zoom).
    lat0 = quarter.min_lat if quarter and quarter.min_lat is not None else 51.0
    lon0 = quarter.min_lon if quarter and quarter.min_lon is not None else 12.0
    lat1 = quarter.max_lat if quarter and quarter.max_lat is not None else lat0 + 0.01
    lon1 = quarter.max_lon if quarter and quarter.max_lon is not None else lon0 + 0.01
    view = {"bbox": f"{lon0:.5f},{lat0:.5f},{lon1:.5f},{lat1:.5f}", "city_bbox": "5.8,47.2,15.1,55.1"}
    result = [
        Endpoint("actors directory", "/q/{quarter}/actors/"),
        Endpoint("actors directory filtered", "/q/{quarter}/actors/?language=ar&offer=counselling"),
        Endpoint("actors directory search", "/q/{quarter}/actors/?q=Nachbarschaft"),
        Endpoint("actors map geojson", "/q/{quarter}/actors/map.geojson"),
        Endpoint("actors city directory", "/actors/?kind=youth_facility"),
        Endpoint("actors city directory, all kinds", "/actors/"),
        Endpoint("actors api list all quarters", "/api/v1/actors/organisations?page_size=100"),
        Endpoint("actors groups", "/q/{quarter}/groups/"),
        Endpoint("actors api list", "/api/v1/actors/organisations?quarter={quarter}&page_size=100"),
        Endpoint("actors api geojson", "/api/v1/actors/organisations.geojson?quarter={quarter}"),
        Endpoint(
            "actors map clusters (bbox, zoom 13)",
            "/q/{quarter}/actors/map.geojson?bbox={bbox}&zoom=13",
            params=view,
        ),
        Endpoint(
            "actors map points (bbox, zoom 17)",
            "/q/{quarter}/actors/map.geojson?bbox={bbox}&zoom=17",
            params=view,
        ),
        Endpoint(
            "actors city map clusters (bbox, zoom 11)",
            "/actors/map.geojson?bbox={city_bbox}&zoom=11",
            params=view,
        ),
        Endpoint(
            "actors api geojson clusters (bbox, zoom 13)",
            "/api/v1/actors/organisations.geojson?quarter={quarter}&bbox={bbox}&zoom=13",
            params=view,
        ),
        Endpoint("actors staff search", "/q/{quarter}/staff/actors/?search=Brücke", login="staff"),
        Endpoint(
            "actors staff persons",
            "/q/{quarter}/staff/actors/persons/?q={surname}",
            login="staff",
            params={"surname": surname},
        ),
    ]
    if org:
        result.append(Endpoint("actors detail", "/q/{quarter}/actors/{org}/", params={"org": org.slug}))
        result.append(
            Endpoint("actors api detail", "/api/v1/actors/organisations/{id}", params={"id": org.pk})
        )
    if group:
        result.append(
            Endpoint("actors group page", "/q/{quarter}/groups/{group}/", params={"group": group.slug})
        )
    return result
