"""What the reports module asks of a person on "My work": their reports, and the office's inbox figures."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from quartierwerk.core import formats
from quartierwerk.landing import ITEMS_PER_SECTION, Item, OfficeRow, Section

from . import rules
from .models import Report, ReportPhoto, ReportUpdate

# What the office or a responsible body says to the reporter, and what the reporter says back.
ANSWERS = (ReportUpdate.Kind.ANSWER, ReportUpdate.Kind.BODY_ANSWER, ReportUpdate.Kind.STATUS)
OWN_WORD = (
    ReportUpdate.Kind.CREATED,
    ReportUpdate.Kind.REPORTER_INFO,
    ReportUpdate.Kind.FIXED,
    ReportUpdate.Kind.REOPENED,
    ReportUpdate.Kind.CONFIRMED,
)


def sections(viewer) -> list:
    """The person's reports that are still going on, answered ones first (one query)."""
    user = viewer.user
    reports = list(
        Report.objects.filter(reporter=user)
        .filter(Q(status__in=Report.OPEN_STATUSES) | Q(status=Report.Status.SOLVED))
        .select_related("category", "quarter")
        .annotate(
            last_answer_at=Max(
                "updates__created_at", filter=Q(updates__kind__in=ANSWERS, updates__is_public=True)
            ),
            last_own_at=Max("updates__created_at", filter=Q(updates__kind__in=OWN_WORD)),
        )
        .order_by("-updated_at", "-pk")[: ITEMS_PER_SECTION * 4]
    )
    items = []
    for report in reports:
        answered = report.last_answer_at is not None and (
            report.last_own_at is None or report.last_answer_at > report.last_own_at
        )
        asked_fixed = report.status == Report.Status.SOLVED and report.fixed_question_at is not None
        if asked_fixed:
            detail = _("Marked as solved. Is it fixed? Please tell us.")
        elif answered:
            detail = _("New answer of %(date)s.") % {"date": formats.long_date(report.last_answer_at)}
        else:
            detail = _("%(status)s, reported on %(date)s.") % {
                "status": report.get_status_display(),
                "date": formats.long_date(report.created_at),
            }
        items.append(
            Item(
                label=f"{report.reference} · {report.category.name} · {report.quarter.name}",
                url=reverse("reports:follow", args=[report.follow_token]),
                detail=detail,
                when=report.last_answer_at if answered else None,
                needs_you=asked_fixed or answered,
            )
        )
    return [
        Section(
            key="reports",
            title=_("My reports"),
            items=items,
            empty_text=_("No report of yours is open. Something broken or an idea for the quarter?"),
            more_label=_("All my reports"),
            more_url=reverse("reports:mine"),
        )
    ]


def office_rows(viewer, quarters) -> dict[int, list[OfficeRow]]:
    """New and overdue reports per quarter whose inbox the person may read (one query)."""
    allowed = {q.pk: q for q in quarters if rules.can_view_inbox(viewer.user, q)}
    if not allowed:
        return {}
    open_q = Q(status__in=Report.OPEN_STATUSES)
    figures = (
        Report.objects.filter(quarter_id__in=allowed)
        .values("quarter_id")
        .annotate(
            new=Count("pk", filter=Q(status=Report.Status.OPEN, duplicate_of__isnull=True)),
            overdue=Count("pk", filter=open_q & Q(due_at__lt=viewer.now)),
            mine=Count("pk", filter=open_q & Q(assigned_to_id=viewer.user.pk)),
        )
        .order_by()
    )
    checkers = [pk for pk, q in allowed.items() if rules.can_check_photos(viewer.user, q)]
    photos = dict(
        ReportPhoto.objects.filter(review=ReportPhoto.Review.PENDING, report__quarter_id__in=checkers)
        .values("report__quarter_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("report__quarter_id", "n")
    )
    rows = {}
    for row in figures:
        slug = allowed[row["quarter_id"]].slug
        inbox = reverse("reports:inbox", args=[slug])
        rows[row["quarter_id"]] = [
            OfficeRow(_("New reports"), row["new"], f"{inbox}?view=new"),
            OfficeRow(_("Reports overdue"), row["overdue"], f"{inbox}?view=overdue"),
            OfficeRow(_("Reports assigned to me"), row["mine"], f"{inbox}?view=mine"),
            OfficeRow(
                _("Photos to check"),
                photos.get(row["quarter_id"], 0),
                reverse("reports:photo_checks", args=[slug]),
            ),
        ]
    return rows
