"""JSON API for a person's own data: exports (Art. 15, 20), legal holds, account deletion, staff erasure."""

from datetime import date, datetime

from ninja import Router, Schema

from . import privacy_services as privacy
from .api_auth import AUTH_OPTIONAL, AUTH_REQUIRED, api_user
from .client import client_address
from .errors import NotAllowed
from .files import file_response
from .limits import Email, Text
from .models import DataExport
from .rules import can_open_staff_erasure

router = Router(tags=["privacy"])


class ExportOut(Schema):
    id: int
    status: str
    created_at: datetime
    expires_at: datetime
    download_url: str | None


class EmailIn(Schema):
    email: Email


class ConfirmIn(Schema):
    confirm: bool


class StaffEraseIn(Schema):
    email: Email
    reason: Text


class HoldOut(Schema):
    model: str
    title: str
    id: int
    reason: str
    until: date | None


class ErasureOut(Schema):
    deleted: dict[str, int]
    pseudonymised: dict[str, int]
    holds: list[HoldOut]


def _export_out(export: DataExport) -> dict:
    from django.urls import reverse

    ready = export.status == DataExport.Status.READY
    return {
        "id": export.pk,
        "status": export.status,
        "created_at": export.created_at,
        "expires_at": export.expires_at,
        "download_url": reverse("api:privacy_export_download", args=[export.pk]) if ready else None,
    }


def _erasure_out(result) -> dict:
    return {"deleted": result.deleted, "pseudonymised": result.pseudonymised, "holds": result.holds}


@router.post("/exports", response={202: ExportOut}, auth=AUTH_REQUIRED, summary="Ask for a copy of my data")
def request_export(request):
    return 202, _export_out(privacy.request_export(user=api_user(request)))


@router.get("/exports", response=list[ExportOut], auth=AUTH_REQUIRED, summary="My data exports")
def list_exports(request):
    return [
        _export_out(e) for e in DataExport.objects.filter(user=api_user(request)).order_by("-created_at")[:10]
    ]


@router.get(
    "/exports/{export_id}/download", auth=AUTH_REQUIRED, url_name="privacy_export_download", summary="The ZIP"
)
def download_export(request, export_id: int):
    export = privacy.downloadable(export_id=export_id, token="", user=api_user(request))
    return file_response(
        export.file, filename="meine-daten.zip", content_type="application/zip", inline=False
    )


@router.post("/email-exports", response={202: dict}, auth=AUTH_OPTIONAL, summary="Data held under an address")
def request_email_export(request, payload: EmailIn):
    """Sends a confirmation link to the address; the export follows once it is confirmed."""
    privacy.request_email_export(email=payload.email, client_ip=client_address(request))
    return 202, {"detail": "If the address is valid, a confirmation link is on its way."}


@router.get("/holds", response=list[HoldOut], auth=AUTH_REQUIRED, summary="What a legal hold keeps about me")
def my_holds(request):
    return privacy.holds_for(privacy.for_user(api_user(request)))


@router.post("/account/erase", response=ErasureOut, auth=AUTH_REQUIRED, summary="Delete my account")
def erase_account(request, payload: ConfirmIn):
    if not payload.confirm:
        raise NotAllowed("Confirm the deletion with confirm=true.", field="confirm", status=400)
    user = api_user(request)
    return _erasure_out(
        privacy.erase(privacy.for_user(user), by=user, reason="account deleted by its holder")
    )


@router.post(
    "/erase", response=ErasureOut, auth=AUTH_REQUIRED, summary="Staff: erase data held under an address"
)
def staff_erase(request, payload: StaffEraseIn):
    user = api_user(request)
    if not can_open_staff_erasure(user):
        raise NotAllowed("Only office staff may erase another person's data.")
    ref = privacy.for_email(payload.email)
    privacy.require_reach(user, ref)
    return _erasure_out(privacy.erase(ref, by=user, reason=payload.reason[:300]))
