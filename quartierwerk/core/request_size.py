"""The request size limit: a body larger than QW_MAX_REQUEST_BYTES is refused with 413 before it is read.

Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count uploaded files, so without this a 500 MB upload was
buffered for half a minute before a form refused it. The reverse proxy holds the same limit
(nginx `client_max_body_size`, docs/operations.md "Request size"); this is the line behind it.
"""

import tempfile

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

# Bodies without a Content-Length (chunked) are copied through a spooled file: memory up to this, then disk.
SPOOL_IN_MEMORY = 1024 * 1024
READ_BLOCK = 64 * 1024


def max_request_bytes() -> int:
    return settings.QW_MAX_REQUEST_BYTES


def _declared_length(environ_or_meta) -> int | None:
    try:
        return int(environ_or_meta.get("CONTENT_LENGTH") or "")
    except ValueError:
        return None


def too_large_response(request=None) -> HttpResponse:
    limit_mb = max_request_bytes() // (1024 * 1024)
    message = _("The request is too large: at most %(mb)d MB can be sent at once.") % {"mb": limit_mb}
    path = request.path if request is not None else ""
    if path.startswith("/open311/"):
        # Open311's own error shape, in the format the address asks for.
        if path.endswith(".xml"):
            body = f'<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>413</code><description>{escape(message)}</description></error></errors>'
            return HttpResponse(body, status=413, content_type="text/xml; charset=utf-8")
        return JsonResponse([{"code": 413, "description": message}], status=413, safe=False)
    if path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class RequestSizeMiddleware:
    """Refuse a request whose declared Content-Length exceeds the limit, before anything reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request.META)
        if length is not None and length > max_request_bytes():
            return too_large_response(request)
        return self.get_response(request)


class ChunkedBodyLimit:
    """WSGI wrapper: a body sent without Content-Length (chunked) is read up to the limit, then refused.

    The Django middleware above cannot see how large a chunked body is; here, before Django builds the
    request, the body is copied to a spooled file while counting, refused with 413 once it passes the limit,
    and otherwise handed on with its Content-Length set.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if _declared_length(environ) is None and chunked:
            limit = max_request_bytes()
            source, spool, size = environ["wsgi.input"], tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY), 0
            while block := source.read(READ_BLOCK):
                size += len(block)
                if size > limit:
                    spool.close()
                    start_response("413 Content Too Large", [("Content-Type", "text/plain; charset=utf-8")])
                    return [b"The request is too large.\n"]
                spool.write(block)
            spool.seek(0)
            environ["wsgi.input"] = spool
            environ["CONTENT_LENGTH"] = str(size)
        return self.application(environ, start_response)
