"""What the news module adds to the shared pages (quarter page, staff dashboard, demo data)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.core import multilingual
from quartierwerk.modules import Link, Panel


def quarter_links(quarter) -> list[Link]:
    """The quarter page's news card, naming the latest public post."""
    from . import selectors

    latest = selectors.latest(quarter, 1)
    description = (
        _("Latest: %(title)s") % {"title": multilingual.pick(latest[0], "title")}
        if latest
        else _("What the neighbourhood management reports, also as a feed.")
    )
    return [
        Link(_("News"), reverse("news:list", args=[quarter.slug]), description),
        Link(
            _("Newsletter"),
            reverse("news:subscribe", args=[quarter.slug]),
            _("News and coming events of the quarter by e-mail, about once a month."),
        ),
        Link(
            _("Documents"),
            reverse("news:documents", args=[quarter.slug]),
            _("Minutes, concepts, reports and flyers of the quarter."),
        ),
    ]


def city_links() -> list[Link]:
    return []


def dashboard_panel(request, quarter) -> Panel | None:
    from . import rules
    from .models import NewsPost

    if not rules.can_view_office(request.user, quarter):
        return None
    drafts = NewsPost.objects.filter(quarter=quarter, status=NewsPost.Status.DRAFT).count()
    staff = reverse("news:staff_list", args=[quarter.slug])
    return Panel(
        title=_("News"),
        rows=[(_("Drafts"), drafts, staff)],
        links=[
            Link(_("Write a post"), reverse("news:staff_new", args=[quarter.slug])),
            Link(_("Newsletter"), reverse("news:staff_newsletter", args=[quarter.slug])),
            Link(_("Documents"), reverse("news:staff_documents", args=[quarter.slug])),
        ],
    )


def load_demo(demo) -> None:
    """Two or three news posts per demo quarter and one for each city (idempotent)."""
    from .demo import load, load_library_and_newsletter

    load(demo)
    load_library_and_newsletter(demo)
