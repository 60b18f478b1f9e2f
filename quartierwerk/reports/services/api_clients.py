"""Open311 keys of client applications: issued once in clear, revoked for every worker at once."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartierwerk.core import audit, keycache
from quartierwerk.core.errors import DomainError, require
from quartierwerk.core.text import clean_email, clean_line

from .. import rules
from ..models import ApiClient
from .common import _user


def create_api_client(
    *, quarter, name: str, by, contact_email: str = "", rate_limit: int = 120, returns_token: bool = False
) -> tuple[ApiClient, str]:
    """Issue an Open311 key for a client application; the clear key is shown once."""
    require(rules.can_manage_api_clients(by, quarter), _("You may not manage Open311 keys here."))
    name = clean_line(name, max_length=120, field="name")
    if not name:
        raise DomainError(_("Name the application."), field="name")
    key = "o311_" + secrets.token_urlsafe(24)
    contact_email = clean_email(contact_email, field="contact_email")
    with transaction.atomic():
        client = ApiClient.objects.create(
            quarter=quarter,
            name=name,
            contact_email=contact_email,
            key_hash=ApiClient.hash_key(key),
            prefix=key[5:13],
            rate_limit_per_minute=max(1, rate_limit),
            returns_token=returns_token,
            created_by=_user(by),
        )
        audit.record(by, "reports.api_client_created", client, quarter=quarter, name=name)
    return client, key


OPEN311_KEY_CACHE = "open311-keys"  # namespace of the Open311 key lookups in core.keycache


def revoke_api_client(*, client: ApiClient, by) -> ApiClient:
    """Revoke a key: every worker refuses it once the revocation commits (the key cache starts anew)."""
    require(rules.can_manage_api_clients(by, client.quarter), _("You may not manage Open311 keys here."))
    if client.revoked_at is None:
        with transaction.atomic():
            client.revoked_at = timezone.now()
            client.save(update_fields=["revoked_at"])
            keycache.invalidate(OPEN311_KEY_CACHE)
            audit.record(by, "reports.api_client_revoked", client, quarter=client.quarter)
    return client
