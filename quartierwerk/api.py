"""The one API object: /api/v1/, with each module's router mounted under its name."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from quartierwerk.actors.api import router as actors_router
from quartierwerk.core.api import router as core_router
from quartierwerk.core.api_parser import NoNulParser
from quartierwerk.core.api_requests import router as privacy_requests_router
from quartierwerk.core.errors import DomainError
from quartierwerk.core.explain.api import router as explain_router
from quartierwerk.core.params import BadParameter
from quartierwerk.core.places.api import router as places_router
from quartierwerk.core.privacy_api import router as privacy_router
from quartierwerk.events.api import router as events_router
from quartierwerk.fund.api import router as fund_router
from quartierwerk.insights.api import router as insights_router
from quartierwerk.landing_api import router as landing_router
from quartierwerk.participation.api import router as participation_router
from quartierwerk.reports.api import router as reports_router
from quartierwerk.resources.api import router as resources_router

api = NinjaAPI(
    title="Quartierwerk API",
    version="1",
    description="JSON API of Quartierwerk. Authenticate with `Authorization: Bearer <token>` "
    "(tokens are issued on the profile page) or with the browser session.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=NoNulParser(),
)

api.add_router("", core_router)
api.add_router("", landing_router)
api.add_router("/reports", reports_router)
api.add_router("/fund", fund_router)
api.add_router("/actors", actors_router)
api.add_router("/events", events_router)
api.add_router("/participation", participation_router)
api.add_router("/resources", resources_router)
api.add_router("/insights", insights_router)
api.add_router("/privacy", privacy_router)
api.add_router("/privacy/quarters", privacy_requests_router)
api.add_router("/places", places_router)
api.add_router("/explain", explain_router)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": str(exc), "field": exc.field}, status=exc.status)


@api.exception_handler(BadParameter)
def bad_parameter(request, exc: BadParameter):
    return api.create_response(request, {"detail": str(exc), "field": exc.field}, status=400)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja wraps what the parser refuses in a bare "Cannot parse request body"; the refusal says more.
    if isinstance(exc.__cause__, BadParameter):
        return bad_parameter(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return api.create_response(request, {"detail": _("Authentication required.")}, status=401)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    return api.create_response(
        request, {"detail": _("The request is not valid."), "errors": exc.errors}, status=422
    )


def _permission_denied(request, exc):
    return api.create_response(request, {"detail": _("You may not do this.")}, status=403)


from django.core.exceptions import PermissionDenied  # noqa: E402

api.add_exception_handler(PermissionDenied, _permission_denied)
