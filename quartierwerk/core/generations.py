"""Generation numbers per quarter and module in the shared cache: what cached pages are keyed on.

A write service bumps the generation of its module for the quarter it wrote in (and for "all quarters");
a cached page is stored under the generations of the modules it is made from, read with one `get_many`
before the page is rendered. A write therefore makes every page that could show it unreachable at once,
for every worker and server; nothing is ever deleted or invalidated by hand.

Scopes: `q<id>` for one quarter, `city` for records that belong to no single quarter (city-wide events,
say), and `all` for pages across all quarters. A write with a quarter bumps `q<id>` and `all`; a write
without one bumps `city` and `all`. A quarter page reads `q<id>` and `city` of each of its modules.

Values are random tokens, not counters: a generation key pushed out of the cache comes back as a new
token, never as an earlier value under which an old page might still be stored.
"""

import secrets
from collections.abc import Iterable

from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "default"
MODULES = ("core", "reports", "fund", "actors", "events", "participation", "resources", "news", "insights")
ALL = "all"
CITY = "city"


def _key(module: str, scope: str) -> str:
    return f"gen:{module}:{scope}"


def quarter_scope(quarter_id: int) -> str:
    return f"q{quarter_id}"


def scopes_for_write(quarter_id: int | None) -> tuple[str, str]:
    """The scopes a write in this quarter (or in none) changes."""
    return (quarter_scope(quarter_id) if quarter_id else CITY, ALL)


def scopes_for_page(quarter_id: int | None) -> tuple[str, ...]:
    """The scopes a page of this quarter (or, without one, a page across all quarters) is made from."""
    return (quarter_scope(quarter_id), CITY) if quarter_id else (ALL,)


def bump(module: str, quarter_id: int | None = None) -> None:
    """Start new generations of `module` for this quarter (or the city) and for all quarters.

    At once and again when the transaction commits: a page rendered from the data as it was before the
    commit may have been stored in between under the first new generation.
    """
    if module not in MODULES:
        raise ValueError(f"unknown module {module!r}")
    keys = [_key(module, scope) for scope in scopes_for_write(quarter_id)]

    def start_new_generations():
        caches[CACHE_ALIAS].set_many({key: secrets.token_hex(6) for key in keys}, timeout=None)

    start_new_generations()
    transaction.on_commit(start_new_generations)


def current(modules: Iterable[str], quarter_id: int | None = None) -> str:
    """The generations of `modules` for a page of this quarter (or across all quarters), as one string."""
    keys = [_key(m, s) for m in sorted(set(modules)) for s in scopes_for_page(quarter_id)]
    cache = caches[CACHE_ALIAS]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(6) for key in keys if key not in found}
    if missing:
        for key, value in missing.items():
            # add, not set: two workers starting the same generation at once must agree on one value.
            cache.add(key, value, timeout=None)
        found.update(cache.get_many(list(missing)))
    return ".".join(str(found.get(key, "")) for key in keys)
