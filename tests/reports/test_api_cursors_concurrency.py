"""On PostgreSQL, with real concurrent connections: a client pages the reports API by cursor while writers
file reports at the very same instant as rows already listed; every existing report is shown exactly once."""

import threading
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import run_concurrently

from .test_api_cursors import _report, _tied_reports

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_paging_while_others_file_reports_with_the_same_time_shows_every_report_once(quarter, category):
    moment = timezone.now() - timedelta(hours=1)
    existing = {r.pk for r in _tied_reports(quarter, category, 40, moment)}
    done = threading.Event()

    def read():
        client, seen = Client(), []
        url = f"/api/v1/reports/?quarter={quarter.slug}&page_size=3"
        while url:
            data = client.get(url).json()
            seen += [r["id"] for r in data["results"]]
            url = data["next"]
        done.set()
        return seen

    def write(n):
        made = 0
        while not done.is_set() and made < 200:
            # Ties with the rows being listed, newer and older rows: all land somewhere in the order.
            _report(quarter, category, moment - timedelta(minutes=made % 8), 1000 * n + made)
            made += 1
        return made

    results = run_concurrently(
        lambda job, n: job(n) if n is not None else job(), [(read, None), (write, 1), (write, 2)]
    )
    assert all(exc is None for _r, exc in results), [exc for _r, exc in results if exc]
    seen, written = results[0][0], results[1][0] + results[2][0]
    assert written > 0
    assert len(seen) == len(set(seen)), "a report was shown twice"
    assert existing <= set(seen), "a report was skipped"
