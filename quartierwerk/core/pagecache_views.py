"""The small uncached request that gives a page served from the cache its CSRF token."""

from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def csrf_token(request):
    """A CSRF token for the forms of a cached page (and the cookie it belongs to)."""
    return JsonResponse({"token": get_token(request)})
