"""The address of the client that made a request, as every throttle and the log-in lockout must see it.

Behind a reverse proxy every request comes from the proxy's address; the client's address is in
`X-Forwarded-For`, which each proxy extends on the right with the address it received the request from.
Everything left of the entries written by our own proxies was written by the client and may be forged, so
the client is the right-most entry that is not one of the proxies named in `settings.TRUSTED_PROXIES`
(a list of addresses or CIDR networks). Without trusted proxies, and for a request that did not come from
one, the header is ignored and the client is `REMOTE_ADDR`.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries) -> tuple[Network, ...]:
    """The trusted proxies as networks; a single address is a network of one. Raises for a bad entry."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network."
            ) from exc
    return tuple(networks)


@functools.lru_cache(maxsize=8)
def _trusted(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(entries)


def _address(value: str):
    """An IP address from a header entry or REMOTE_ADDR, or None when it is not one."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str:
    """The client's IP address: the right-most `X-Forwarded-For` entry that is not a trusted proxy.

    A forged header from a client that is not a trusted proxy changes nothing. An entry that is not an IP
    address ends the walk at the last trusted hop, so the answer is always a valid address (or "").
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    nearest = _address(remote)
    if nearest is None or not networks or not _is_trusted(nearest, networks):
        return str(nearest) if nearest is not None else ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        hop = _address(entry)
        if hop is None:
            break
        nearest = hop
        if not _is_trusted(hop, networks):
            break
    return str(nearest)
