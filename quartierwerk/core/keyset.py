"""Keyset pagination: pages that cost one query at the first row and at the millionth, with no total count.

A page is the next `size` rows after a cursor, the (sort key, id) of the row before it, in the order of
(sort key, id): `WHERE (key, id) > (cursor)` on an index on (key, id) reads only the rows it returns, where
OFFSET reads and throws away every row before the page and a page count needs a COUNT of the whole list.
Rows with the same sort key keep their order by id, so no row is shown twice or skipped when a page ends
inside a run of equal keys.

The cursor travels in `?after=` (the next page) and `?before=` (the previous page) as an opaque string
signed with the SECRET_KEY: a client cannot make it point elsewhere, and a tampered or outdated cursor gives
the first page (or, with `strict=True`, a 400). Datetimes are carried as UTC ISO text with microseconds, so
two rows a microsecond apart land on the right sides of a page boundary.

    page = keyset.paginate(Event.objects.filter(...), key="starts_at", request=request, size=25)
    page.rows, page.next_url, page.previous_url

A list that used page numbers answers an old `?page=N` link with `first_page_redirect(request)`.
"""

import datetime
import decimal
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core import signing
from django.db.models import Q, QuerySet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from .params import BadParameter

AFTER = "after"
BEFORE = "before"
SALT = "quartierwerk.core.keyset"
MAX_SIZE = 100


def _encode_value(value) -> list:
    """A sort-key value as [type, text]: exact for datetimes (UTC, microseconds), dates, numbers and text."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return ["dt", value.isoformat(timespec="microseconds")]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    if isinstance(value, bool):
        return ["b", int(value)]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, decimal.Decimal):
        return ["n", str(value)]
    if isinstance(value, str):
        return ["s", value]
    raise TypeError(f"keyset pagination cannot sort on a {type(value).__name__}")


def _decode_value(kind: str, text):
    decoders = {
        "dt": datetime.datetime.fromisoformat,
        "d": datetime.date.fromisoformat,
        "b": bool,
        "i": int,
        "n": decimal.Decimal,
        "s": str,
    }
    return decoders[kind](text)


def encode_cursor(key: str, value, pk: int, *, backwards: bool = False) -> str:
    """The opaque, signed cursor for the position after (or, backwards, before) one row."""
    return signing.dumps({"k": key, "v": _encode_value(value), "id": pk, "b": backwards}, salt=SALT)


def decode_cursor(cursor: str, key: str) -> tuple[object, int, bool] | None:
    """(sort-key value, id, backwards) of a cursor made for `key`; None when it is not one of ours."""
    try:
        data = signing.loads(cursor, salt=SALT)
        if data["k"] != key or type(data["id"]) is not int:
            return None
        return _decode_value(*data["v"]), data["id"], bool(data["b"])
    except (signing.BadSignature, KeyError, TypeError, ValueError, decimal.InvalidOperation):
        return None


def position(cursor: str, key: str, *, field: str = AFTER) -> tuple[object, int]:
    """(sort-key value, id) of a cursor made for `key`, or BadParameter (HTTP 400) for one that is not ours."""
    decoded = decode_cursor(cursor, key)
    if decoded is None:
        raise BadParameter(_("This link is not valid"), field=field)
    return decoded[0], decoded[1]


@dataclass
class Page:
    """One page of rows and the cursors of its neighbours (None where there is no such page)."""

    rows: list
    next_cursor: str | None = None
    previous_cursor: str | None = None
    cursor_rejected: bool = False
    base_query: dict = field(default_factory=dict)
    params: tuple[str, str] = (AFTER, BEFORE)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    def _url(self, name: str, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        return "?" + urlencode({**self.base_query, name: cursor})

    @property
    def next_url(self) -> str | None:
        """`?…&after=…`: the query string of the next page (the request's other parameters kept)."""
        return self._url(self.params[0], self.next_cursor)

    @property
    def previous_url(self) -> str | None:
        return self._url(self.params[1], self.previous_cursor)


def first_page_redirect(request, param: str = "page") -> HttpResponseRedirect:
    """A redirect (302) from a page-number link of a list that now pages by cursor to its first page, the
    request's other parameters kept: bookmarked `?page=7` links land on the list instead of a 404."""
    query = request.GET.copy()
    query.pop(param, None)
    return HttpResponseRedirect(request.path + ("?" + query.urlencode() if query else ""))


def paginate(
    queryset: QuerySet,
    *,
    key: str,
    request=None,
    cursor: str | None = None,
    backwards: bool = False,
    size: int = 25,
    descending: bool = False,
    strict: bool = False,
    params: tuple[str, str] = (AFTER, BEFORE),
    max_size: int = MAX_SIZE,
) -> Page:
    """One page of `queryset` ordered by (`key`, id), ascending or `descending`, in one query and no count.

    The cursor comes from the request's `?after=` or `?before=` (or is given); a second list on the same
    page reads its own pair of `params` (e.g. `("series_after", "series_before")`). `key` names a field
    (or an annotation) that is never NULL. A cursor that is not valid gives the first page with
    `cursor_rejected` set, or with `strict` raises BadParameter (HTTP 400).
    """
    size = max(1, min(size, max_size))
    after_param, before_param = params
    base_query = {}
    if request is not None:
        base_query = {k: v for k, v in request.GET.items() if k not in (after_param, before_param)}
        if cursor is None:
            cursor = request.GET.get(after_param) or request.GET.get(before_param)
    position = decode_cursor(cursor, key) if cursor else None
    rejected = bool(cursor) and position is None
    if rejected and strict:
        raise BadParameter(_("This link is not valid"), field=after_param)
    if position is not None:
        backwards = position[2]

    # Going backwards reads the rows before the cursor in the opposite order, then turns them round.
    reverse = descending != backwards
    order = [f"-{key}", "-pk"] if reverse else [key, "pk"]
    qs = queryset.order_by(*order)
    if position is not None:
        value, pk, _backwards = position
        beyond = "lt" if reverse else "gt"
        qs = qs.filter(Q(**{f"{key}__{beyond}": value}) | Q(**{key: value, f"pk__{beyond}": pk}))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()

    def cursor_of(row, *, back: bool) -> str:
        return encode_cursor(key, _field_value(row, key), row.pk, backwards=back)

    page = Page(rows=rows, cursor_rejected=rejected, base_query=base_query, params=params)
    if rows:
        # Forwards: a next page if a row was left over, a previous one if we came from a cursor.
        # Backwards: the other way round.
        has_next = more if not backwards else position is not None
        has_previous = (position is not None) if not backwards else more
        if has_next:
            page.next_cursor = cursor_of(rows[-1], back=False)
        if has_previous:
            page.previous_cursor = cursor_of(rows[0], back=True)
    return page


def _field_value(row, key: str):
    value = row
    for part in key.split("__"):
        value = getattr(value, part)
    return value
