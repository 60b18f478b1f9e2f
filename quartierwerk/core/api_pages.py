"""Pages of the JSON API lists: by an opaque cursor and a `next` link, with no total count.

A list that spans every quarter or grows without bound (reports, events, the directory, funded projects,
Open311 requests) answers one page after `?cursor=` in one query, however deep the page: the cursor is the
signed (sort key, id) of the last row (core/keyset.py), so rows with the same sort key keep their order by id
and a row written while a client pages through is neither shown twice nor makes another row drop out.

    GET /api/v1/reports/?quarter=x               {"results": [...], "next": "https://…&cursor=…",
                                                  "page_size": 20, "count": null, "page": null}
    GET /api/v1/reports/?quarter=x&cursor=…      the next page; "next": null on the last one

The page numbers of before (`?page=N`) are still answered for clients written against them - with the total
`count` and a `next` link to page N+1 - but deprecated in the OpenAPI schema: their OFFSET reads every row
before the page and their count every row of the list.
"""

from ninja import Field, Schema

from . import keyset
from .params import page_window, whole_number

CURSOR = "cursor"
PAGE = "page"

CURSOR_FIELD = Field(
    None,
    max_length=2000,
    description="Where the page starts: the `cursor` of the `next` link of the page before. Leave it out for "
    "the first page.",
)
PAGE_FIELD = Field(
    None,
    deprecated=True,
    description="Deprecated: a page number (with a total `count`). Follow `next` (by `cursor`) instead.",
)


class CursorQuery(Schema):
    """The paging parameters of a list: `cursor` (and, deprecated, `page`) and `page_size`."""

    cursor: str | None = CURSOR_FIELD
    page: int | None = PAGE_FIELD
    page_size: int | None = Field(None, description="Rows per page (larger values are capped).")


class CursorPageOut(Schema):
    """One page of a list: `next` is the link to the following page (null on the last one)."""

    results: list
    next: str | None = Field(None, description="The URL of the next page, null on the last one.")
    page_size: int
    count: int | None = Field(None, description="Only with the deprecated `page`: the number of all rows.")
    page: int | None = Field(None, description="Only with the deprecated `page`: the page number.")


def link(request, **changes) -> str:
    """The absolute URL of this list with other paging parameters: the `next` link."""
    query = request.GET.copy()
    for name in (CURSOR, PAGE):
        query.pop(name, None)
    for name, value in changes.items():
        query[name] = str(value)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def uses_page_numbers(request) -> bool:
    """Whether the client asks for a numbered page (and no cursor): the deprecated way of paging."""
    return bool(request.GET.get(PAGE)) and not request.GET.get(CURSOR)


def cursor_page(
    queryset,
    *,
    request,
    key: str,
    serialise,
    descending: bool = False,
    default_size: int = 25,
    max_size: int = 100,
    results: str = "results",
) -> dict:
    """One page of an API list: by cursor in one query (no count), or by the deprecated page number.

    The rows are ordered by (`key`, id), ascending or `descending`; a cursor that is not one of ours is a 400.
    """
    size = min(
        whole_number(request.GET.get("page_size"), name="page_size", default=default_size, minimum=1),
        max_size,
    )
    if uses_page_numbers(request):
        number, size = page_window(request.GET.get(PAGE), size, default_size=default_size, max_size=max_size)
        order = [f"-{key}", "-pk"] if descending else [key, "pk"]
        count = queryset.count()
        window = queryset.order_by(*order)[(number - 1) * size : number * size]
        more = number * size < count
        return {
            results: [serialise(r) for r in window],
            "next": link(request, page=number + 1, page_size=size) if more else None,
            "page_size": size,
            "count": count,
            "page": number,
        }
    page = keyset.paginate(
        queryset,
        key=key,
        cursor=request.GET.get(CURSOR) or None,
        size=size,
        descending=descending,
        strict=True,
        params=(CURSOR, CURSOR),
        max_size=max_size,
    )
    return {
        results: [serialise(r) for r in page.rows],
        "next": link(request, cursor=page.next_cursor) if page.next_cursor else None,
        "page_size": size,
        "count": None,
        "page": None,
    }


def next_link_header(url: str | None) -> str | None:
    """An RFC 8288 `Link` header value for the next page (lists whose body is a bare array, e.g. Open311)."""
    return f'<{url}>; rel="next"' if url else None
