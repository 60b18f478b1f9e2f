"""Fund pages from the anonymous page cache: a decision through the service is on the next request."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartierwerk.core import generations
from quartierwerk.fund import services
from quartierwerk.fund.models import Fund

pytestmark = pytest.mark.django_db


def test_a_decision_renders_the_fund_page_anew(
    client, staff, fund, make_application, django_assert_max_num_queries
):
    Fund.objects.filter(pk=fund.pk).update(staff_decision_limit=Decimal("1000"))
    application = make_application("complete", amounts=("400.00",))
    url = reverse("fund:home", args=[fund.quarter.slug])
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(1):
        client.get(url)
    before = generations.current(["fund"], fund.quarter_id)
    services.decide(application=application, outcome="approved", actor=staff)
    assert generations.current(["fund"], fund.quarter_id) != before
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) > 1  # rendered from the database, not the cache
