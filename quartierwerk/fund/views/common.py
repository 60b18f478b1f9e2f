"""What the fund's pages share: the fund of a quarter, the internal area's permission check, paging, PDFs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from quartierwerk.core import params
from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import quarter_or_404

from .. import selectors, services
from ..models import Application, Fund

S = Application.Status


PAGE_SIZE = 25


def _fund_or_404(quarter, year=None) -> Fund:
    fund = selectors.current_fund(quarter, year)
    if fund is None:
        raise Http404(_("This quarter has no fund yet."))
    return fund


def _area(request, slug, rule, target=None):
    """The quarter (and its fund) if the user may use this part of the fund's internal area."""
    quarter = quarter_or_404(slug)
    if not request.user.is_authenticated:
        raise PermissionDenied
    fund = selectors.current_fund(quarter)
    if not rule(request.user, target or fund or quarter):
        raise PermissionDenied
    return quarter, fund


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _domain_error(request, exc: DomainError):
    messages.error(request, str(exc))


OWNER_PREFIX = "mine-"


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _application(request, token) -> Application:
    """The application behind a private link, or (`mine-<id>`) one the logged-in user started with their account."""
    owned_id = params.id_or_none(token[len(OWNER_PREFIX) :]) if token.startswith(OWNER_PREFIX) else None
    if owned_id is not None:
        application = None
        if request.user.is_authenticated:
            application = (
                Application.objects.select_related("fund", "quarter", "category", "round")
                .filter(pk=owned_id, user=request.user)
                .first()
            )
        if application is None:
            raise Http404(_("This link is not valid (any more)."))
        return application
    # A page only reads; a new link replaces the old one when first used to post (services.application_for_token).
    application = services.application_for_token(token, for_write=request.method == "POST")
    if application is None:
        raise Http404(_("This link is not valid (any more)."))
    return application


def _actor(request, application):
    return request.user if request.user.is_authenticated else application.applicant_name
