"""What the participation pages share: the process a URL names, the code in this browser, paging."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from .. import rules, selectors
from ..models import ParticipationCode

PAGE_SIZE = 20
CODES = "qw_participation_codes"


def visible_process(request, pk):
    """The process of the URL, if the person may see it (drafts only for the office)."""
    process = selectors.process(pk)
    if process is None or not rules.can_view_process(request.user, process):
        raise Http404
    return process


def code_of(request, process):
    """The one-time code redeemed in this browser for this process, or None."""
    if not request.session.session_key:
        return None
    code_id = request.session.get(CODES, {}).get(str(process.pk))
    if not code_id:
        return None
    return ParticipationCode.objects.filter(pk=code_id, process=process, redeemed_at__isnull=False).first()


def keep_code(request, code) -> None:
    codes = dict(request.session.get(CODES, {}))
    codes[str(code.process_id)] = code.pk
    request.session[CODES] = codes


def page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


def query_string(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])


def valid_filters(form) -> dict:
    """The valid filters; one bad value does not drop the others."""
    form.is_valid()
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v}


def back(request, default: str) -> str:
    """Where a form posted from a list returns to: its own page (`next`), never another host."""
    target = request.POST.get("next", "")
    if (
        target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith("/")
    ):
        return target
    return default
