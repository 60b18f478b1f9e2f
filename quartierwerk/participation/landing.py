"""What participation asks of a person on "My work": their ideas (with the office's answer) and the surveys
they answered; for the office, the processes with ideas still to answer or comments flagged by residents.

Each part is one query whatever the number of ideas, processes or answers.
"""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.core import formats
from quartierwerk.landing import ITEMS_PER_SECTION, Item, Section

from .models import Comment, Idea, Process, SurveyResponse


def _mine(viewer) -> Section | None:
    """The person's own ideas, newest first, and the surveys they answered (two queries)."""
    ideas = list(
        Idea.objects.filter(author=viewer.user)
        .select_related("process")
        .order_by("-created_at", "-pk")[:ITEMS_PER_SECTION]
    )
    responses = list(
        SurveyResponse.objects.filter(user=viewer.user)
        .select_related("phase__process")
        .order_by("-created_at", "-pk")[:ITEMS_PER_SECTION]
    )
    if not ideas and not responses:
        return None
    items = []
    for idea in ideas:
        if idea.status == Idea.Status.NEW:
            detail = _("%(process)s – not answered yet.") % {"process": idea.process.title}
        else:
            detail = _("%(process)s – answered: %(status)s.") % {
                "process": idea.process.title,
                "status": idea.get_status_display(),
            }
        items.append(Item(label=idea.title, url=idea.get_absolute_url(), detail=detail, when=idea.created_at))
    for response in responses:
        phase = response.phase
        items.append(
            Item(
                label=str(phase),
                url=reverse("participation:results", args=[phase.process_id]),
                detail=_("%(process)s – you answered on %(date)s.")
                % {"process": phase.process.title, "date": formats.long_date(response.created_at.date())},
                when=response.created_at,
            )
        )
    return Section(key="participation", title=_("My ideas and answers"), items=items)


def _count(qs) -> Subquery:
    return Coalesce(
        Subquery(qs.order_by().values("process_id").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def _office(viewer) -> Section | None:
    """Processes of the person's office quarters with unanswered ideas or flagged comments (one query)."""
    quarter_ids = [q.pk for q in viewer.office_quarters]
    if not quarter_ids:
        return None
    unanswered = Idea.objects.filter(process=OuterRef("pk"), status=Idea.Status.NEW, is_hidden=False)
    flagged = Comment.objects.filter(idea__process=OuterRef("pk"), flag_count__gt=0, is_hidden=False)
    processes = list(
        Process.objects.filter(quarter_id__in=quarter_ids)
        .annotate(
            unanswered=_count(unanswered),
            flagged=Coalesce(
                Subquery(flagged.order_by().values("idea__process").annotate(n=Count("pk")).values("n")[:1]),
                0,
                output_field=IntegerField(),
            ),
        )
        .filter(Q(unanswered__gt=0) | Q(flagged__gt=0))
        .order_by("-flagged", "-unanswered", "-pk")[:ITEMS_PER_SECTION]
    )
    if not processes:
        return None
    items = [
        Item(
            label=p.title,
            url=reverse("participation:staff_ideas", args=[p.pk]),
            detail=_("%(ideas)d ideas to answer, %(flags)d flagged comments.")
            % {"ideas": p.unanswered, "flags": p.flagged},
            needs_you=True,
        )
        for p in processes
    ]
    return Section(key="participation_office", title=_("Participation: to answer and moderate"), items=items)


def sections(viewer) -> list[Section]:
    return [s for s in (_mine(viewer), _office(viewer)) if s is not None]
