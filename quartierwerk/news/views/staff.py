"""The office's pages: the quarter's news with drafts, write and change a post, publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from quartierwerk.core.errors import DomainError
from quartierwerk.core.views import staff_quarter

from .. import rules, selectors, services
from ..forms import PostForm
from ..workflows import POST_FLOW

EDITABLE = (
    "title",
    "teaser",
    "body",
    "topics",
    "image_alt",
    "image_credit",
    "publish_at",
    "embargo_until",
    "is_pinned",
)


def _office_post(request, pk, *, edit: bool = False):
    """The post of the URL for its office: reading for city staff of the quarter, changing for its editors."""
    post = selectors.post(pk)
    if post is None:
        raise Http404
    allowed = rules.can_edit_news if edit else rules.can_view_office
    if not request.user.is_authenticated or not allowed(request.user, post):
        raise PermissionDenied
    return post


def _form_error(form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, str(exc))


@login_required
def staff_list(request, slug):
    """The quarter's posts and the city's, drafts and embargoed ones included."""
    quarter = staff_quarter(request, slug)
    posts = Paginator(selectors.posts_for(quarter, include_drafts=True), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "news/staff/list.html",
        {
            "quarter": quarter,
            "page_obj": posts,
            "now": timezone.now(),
            "can_edit": rules.can_edit_news(request.user, quarter),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_new(request, slug):
    quarter = staff_quarter(request, slug)
    if not rules.can_edit_news(request.user, quarter):
        raise PermissionDenied
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        city=quarter.city,
        initial={"publish_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        data.pop("remove_image", None)
        try:
            post = services.create_post(by=request.user, city=quarter.city, quarter=quarter, **data)
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("The post is saved as a draft."))
            return redirect("news:staff_edit", post.pk)
    return render(
        request,
        "news/staff/form.html",
        {"quarter": quarter, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    """Change a post; the page also offers publishing or taking it back."""
    post = _office_post(request, pk)
    can_edit = rules.can_edit_news(request.user, post)
    initial = {name: getattr(post, name) for name in EDITABLE}
    initial["publish_at"] = timezone.localtime(post.publish_at)
    if post.embargo_until:
        initial["embargo_until"] = timezone.localtime(post.embargo_until)
    initial["translations"] = post.translations
    form = PostForm(request.POST or None, request.FILES or None, initial=initial, city=post.city)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_post(post=post, by=request.user, **form.service_fields())
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("news:staff_edit", post.pk)
    return render(
        request,
        "news/staff/form.html",
        {
            "quarter": post.quarter,
            "post": post,
            "form": form,
            "can_edit": can_edit,
            "actions": POST_FLOW.available(request.user, post),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_status(request, pk, action):
    """Publish a post, or take it back to draft."""
    post = _office_post(request, pk, edit=True)
    steps = {"publish": services.publish, "unpublish": services.unpublish}
    if action not in steps:
        raise Http404
    try:
        steps[action](post=post, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("The post is published.") if action == "publish" else _("The post is a draft again.")
        )
    return redirect("news:staff_edit", post.pk)


@login_required
def staff_pdf(request, pk, kind):
    """The post as a press release or as an A4 poster with a QR code (PDF)."""
    from django.http import HttpResponse

    from .. import pdfs

    post = _office_post(request, pk)
    makers = {"press": pdfs.press_release, "poster": pdfs.poster}
    if kind not in makers:
        raise Http404
    response = HttpResponse(makers[kind](post), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{kind}-{post.pk}.pdf"'
    return response
