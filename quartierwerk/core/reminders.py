"""Reminders sent once: pick the due rows, mark each as reminded and queue its mail in one transaction.

Every module that reminds (events before an event, a session or a due task; the fund before and after a
proof of use is due; actors when an entry was not updated for a year) keeps a timestamp column that says
"reminded". `send_once()` is the one loop over it:

- each due row is locked (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL: a second worker running the same
  job at the same moment skips the row instead of waiting for it);
- it is marked only if it is still due (the conditional update re-reads the due filter), so a run that
  comes second, or twice, sends nothing again;
- the mail is queued in the same transaction (`core.mail` sends it after commit): a failed mail leaves the
  row unmarked, to be reminded next time.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone


def _lock(model, pk):
    rows = model._default_manager.filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        rows = rows.select_for_update(skip_locked=True)
    elif connection.features.has_select_for_update:
        rows = rows.select_for_update()
    return rows.values_list("pk", flat=True).first()


def mark_once(due: QuerySet, row: Model, *, mark: str, now=None) -> bool:
    """Mark one row as reminded if it is still due and no other worker holds it; answers whether this call did.

    Call it inside the transaction that queues the mail.
    """
    model = due.model
    if _lock(model, row.pk) is None:
        return False
    still_due = due.filter(pk=row.pk).values("pk")
    return bool(
        model._default_manager.filter(pk=row.pk, pk__in=still_due).update(**{mark: now or timezone.now()})
    )


def send_once(
    due: QuerySet,
    *,
    mark: str,
    send: Callable[[Model], int],
    now=None,
    limit: int | None = None,
) -> int:
    """Remind every row of `due` once: mark it (`mark` = `now`) and call `send(row)` in one transaction.

    `due` selects the rows to remind (it must no longer match a row once `mark` is set); `send` queues the
    mails for one row and answers how many. Answers the number of mails queued. Safe to run twice, or in two
    workers at once: each row is reminded by one of them.
    """
    now = now or timezone.now()
    rows = due[:limit] if limit is not None else due
    sent = 0
    for row in rows:
        with transaction.atomic():
            if mark_once(due, row, mark=mark, now=now):
                sent += send(row)
    return sent
