"""JSON API of the core: quarters (with GeoJSON boundary) and the caller's own account."""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from . import choices, geo, interface_languages, multilingual, services
from .api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from .models import Quarter
from .rules import can_manage_quarter, capabilities, role_set
from .schemas import Translations

router = Router(tags=["core"])


class QuarterOut(Schema):
    slug: str
    name: str
    city: str
    languages: list[str]
    programme: str
    operator: str
    start_date: str | None
    url: str


class QuarterDetailOut(QuarterOut):
    summary: str
    contact_name: str
    contact_address: str
    opening_hours: str
    contact_phone: str
    contact_email: str
    boundary: dict | None
    team: list[dict]
    # The language each translated text is in: the caller's where the office entered it, German otherwise.
    text_languages: dict[str, str]
    # Every language of the translated texts ({lang: {field: text}}), for staff of the quarter only.
    translations: dict[str, dict[str, str]] | None = None


class QuarterPageIn(Schema):
    summary: str | None = Field(None, max_length=10000)
    contact_name: str | None = Field(None, max_length=200)
    contact_address: str | None = Field(None, max_length=1000)
    opening_hours: str | None = Field(None, max_length=2000)
    contact_phone: str | None = Field(None, max_length=60)
    # {lang: {field: text}} for the languages the city offers beside German; replaces the stored ones.
    translations: Translations | None = None


class MeOut(Schema):
    email: str
    display_name: str
    preferred_language: str
    is_admin: bool
    roles: dict[str, list[str]]


def _quarter_out(q: Quarter) -> dict:
    return {
        "slug": q.slug,
        "name": q.name,
        "city": q.city.name,
        # The interface languages the quarter's city offers (German always among them).
        "languages": interface_languages.clean(q.city.languages),
        "programme": choices.display(q, "programme"),
        "operator": q.operator,
        "start_date": q.start_date.isoformat() if q.start_date else None,
        "url": q.get_absolute_url(),
    }


@router.get("/quarters", response=list[QuarterOut], auth=AUTH_OPTIONAL, summary="All active quarters")
def list_quarters(request):
    return [_quarter_out(q) for q in Quarter.objects.filter(is_active=True).select_related("city")]


@router.get(
    "/quarters/{slug}",
    response=QuarterDetailOut,
    auth=AUTH_OPTIONAL,
    summary="One quarter, boundary as GeoJSON",
)
def get_quarter(request, slug: str):
    quarter = get_object_or_404(Quarter.objects.select_related("city"), slug=slug, is_active=True)
    return _quarter_detail(request, quarter)


def _quarter_detail(request, quarter: Quarter) -> dict:
    texts, langs = multilingual.api_texts(quarter)
    user = api_user(request)
    return {
        **_quarter_out(quarter),
        **texts,
        "text_languages": langs,
        "translations": multilingual.versions(quarter) if can_manage_quarter(user, quarter) else None,
        "contact_address": quarter.contact_address,
        "contact_phone": quarter.contact_phone,
        "contact_email": quarter.contact_email,
        "boundary": geo.quarter_feature(quarter) if quarter.boundary else None,
        "team": [
            {
                "name": m.name,
                "role": str(role := multilingual.pick(m, "role_title")),
                "role_language": role.lang,
                "phone": m.phone,
                "email": m.email,
            }
            for m in quarter.team.all()
        ],
    }


@router.patch(
    "/quarters/{slug}/page",
    response=QuarterDetailOut,
    auth=AUTH_REQUIRED,
    summary="Change the texts of the quarter page and their translations (staff of the quarter)",
)
def update_quarter_page(request, slug: str, payload: QuarterPageIn):
    quarter = get_object_or_404(Quarter.objects.select_related("city"), slug=slug, is_active=True)
    fields = payload.dict(exclude_unset=True)
    quarter = services.update_quarter_page(by=api_user(request), quarter=quarter, **fields)
    return _quarter_detail(request, quarter)


@router.get(
    "/quarters/{slug}/capabilities",
    response=dict[str, bool],
    auth=AUTH_OPTIONAL,
    summary="What the caller may do here",
)
def quarter_capabilities(request, slug: str):
    quarter = get_object_or_404(Quarter, slug=slug, is_active=True)
    return capabilities(api_user(request), quarter)


@router.get("/me", response=MeOut, auth=AUTH_REQUIRED, summary="The caller's account and roles")
def me(request):
    user = api_user(request)
    rs = role_set(user)
    slugs = dict(Quarter.objects.values_list("pk", "slug"))
    return {
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "is_admin": rs.is_admin,
        "roles": {slugs[qid]: sorted(roles) for qid, roles in rs.by_quarter.items() if qid in slugs},
    }
