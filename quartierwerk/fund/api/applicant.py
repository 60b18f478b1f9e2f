"""Public endpoints (the fund, funded projects) and the applicant's, through the private token (header
`X-Application-Token`), no account needed."""

from django.utils.translation import gettext as _
from ninja import Query, Status

from quartierwerk.core.api_auth import AUTH_OPTIONAL, api_user
from quartierwerk.core.api_pages import CursorPageOut
from quartierwerk.core.client import client_address
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import checks, selectors, services
from .common import _detail_out, _fund, _fund_out, _money, _page, _public_out, _token_application, router
from .schemas import DraftIn, DraftUpdate, PageQuery, ProofIn, SubmitIn


@router.get("/{quarter}/fund", auth=AUTH_OPTIONAL, summary="The quarter's fund this year: rules and budget")
def get_fund(request, quarter: str):
    _quarter, fund = _fund(quarter)
    return _fund_out(fund)


@router.get(
    "/{quarter}/projects",
    response=CursorPageOut,
    auth=AUTH_OPTIONAL,
    summary="Funded projects of a quarter, paginated",
)
def funded_projects(request, quarter: str, query: Query[PageQuery]):
    return _page(request, selectors.funded_projects(quarter_or_404(quarter)), _public_out, since="decided_at")


@router.post(
    "/{quarter}/applications", auth=AUTH_OPTIONAL, response={201: dict}, summary="Start an application"
)
def start_application(request, quarter: str, payload: DraftIn):
    _quarter, fund = _fund(quarter)
    if "@" not in payload.email or len(payload.email) > 254:
        raise DomainError(_("Please give a valid e-mail address."), field="email")
    application, token = services.start_application(
        fund=fund, user=api_user(request), client_address=client_address(request), **payload.dict()
    )
    return Status(
        201, {"id": application.pk, "token": token, "url": services.private_link(application, token)}
    )


@router.get("/application", auth=AUTH_OPTIONAL, summary="Your application (header X-Application-Token)")
def my_application(request):
    return _detail_out(_token_application(request))


@router.patch("/application", auth=AUTH_OPTIONAL, summary="Save your draft (header X-Application-Token)")
def update_my_application(request, payload: DraftUpdate):
    application = _token_application(request)
    data = payload.dict(exclude_unset=True)
    items = data.pop("cost_items", None)
    requested = data.pop("requested_amount", None)
    application = services.update_application(
        application=application,
        data=data,
        cost_items=[(i["description"], i["amount"]) for i in items] if items is not None else None,
        actor=application.applicant_name,
    )
    if (
        requested is not None
        and services.to_money(requested, field="requested_amount") != application.requested_amount
    ):
        raise DomainError(
            _(
                "The cost plan does not add up: it gives a requested amount of %(computed)s, not %(given)s. Your draft is saved."
            )
            % {"computed": checks.euro(application.requested_amount), "given": requested},
            field="requested_amount",
        )
    return _detail_out(application)


@router.get("/application/check", auth=AUTH_OPTIONAL, summary="The fund's rules applied to your draft")
def check_my_application(request):
    application = _token_application(request)
    figures = checks.application_problems(application)
    return {
        "total_cost": _money(figures.total_cost),
        "requested": _money(figures.requested),
        "errors": [{"field": p.field, "message": p.message} for p in figures.errors],
        "warnings": [{"field": p.field, "message": p.message} for p in figures.warnings],
    }


@router.post("/application/submit", auth=AUTH_OPTIONAL, summary="Submit your application")
def submit_my_application(request, payload: SubmitIn):
    application = _token_application(request)
    application = services.submit_application(
        application=application,
        consent=payload.consent,
        actor=application.applicant_name,
        link_token=request.headers.get("X-Application-Token", ""),
    )
    return _detail_out(application)


@router.post(
    "/application/proof", auth=AUTH_OPTIONAL, summary="Submit the proof of use (files: use the web form)"
)
def submit_my_proof(request, payload: ProofIn):
    application = _token_application(request)
    proof = services.submit_proof(application=application, actor=application.applicant_name, **payload.dict())
    return {"id": proof.pk, "status": proof.status}
