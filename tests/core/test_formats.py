"""One formatter for amounts, numbers and dates in each language."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from quartierwerk.core import formats


@pytest.mark.parametrize(
    "language, amount, date",
    [
        ("de", "14.270,00 €", "Donnerstag, 17. Dezember 2026"),
        ("en", "€14,270.00", "Thursday, 17 December 2026"),
        ("ar", "14.270,00 €", None),
        ("uk", "14\u00a0270,00 €", "Четвер, 17 грудня 2026 р."),
        ("tr", "14.270,00 €", "17 Aralık 2026 Perşembe"),
    ],
)
def test_amounts_and_dates_per_language(language, amount, date):
    with translation.override(language):
        assert formats.amount(Decimal("14270")) == amount
        if date:
            assert formats.long_date(datetime.date(2026, 12, 17)) == date
        else:
            assert "2026" in formats.long_date(datetime.date(2026, 12, 17))
        html = Template("{% load formatting %}{{ v|amount }}").render(Context({"v": Decimal("14270")}))
        assert html == amount


def test_fund_amounts_use_the_core_formatter():
    from quartierwerk.fund.checks import euro

    with translation.override("de"):
        assert euro(Decimal("1234.5")) == "1.234,50 €"


def test_staff_dashboard_writes_the_budget_with_thousands_separator(
    client, login_as, user_with_role, quarter
):
    from quartierwerk.fund.models import Fund

    Fund.objects.create(quarter=quarter, year=datetime.date.today().year, budget=Decimal("14270.00"))
    login_as(user_with_role("staff"))
    page = client.get(reverse("core:dashboard", args=[quarter.slug])).content.decode()
    assert "14.270,00 €" in page and "14270,00" not in page


def test_favicon_is_linked_and_answered(client, db):
    page = client.get("/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith(".svg")


def test_letterhead_keeps_the_address_lines_apart():
    html = Template("{% load formatting %}{{ a|one_line }}").render(
        Context({"a": "Stuttgarter Allee 12\n04209 Leipzig\n"})
    )
    assert html == "Stuttgarter Allee 12 · 04209 Leipzig"


@pytest.mark.parametrize(
    "language, short_date, short_datetime",
    [
        ("de", "07.12.2026", "07.12.2026 21:56"),
        ("en", "07/12/2026", "07/12/2026 21:56"),
        ("ar", "07\u200f/12\u200f/2026", "07\u200f/12\u200f/2026 21:56"),
        ("uk", "07.12.2026", "07.12.2026 21:56"),
    ],
)
def test_short_dates_put_the_day_before_the_month(language, short_date, short_datetime):
    # The 7th of December must not read as the 12th of July (Django's English and Arabic defaults are m/d/Y).
    moment = datetime.datetime(2026, 12, 7, 21, 56)
    template = Template('{{ d|date:"SHORT_DATE_FORMAT" }}|{{ d|date:"SHORT_DATETIME_FORMAT" }}')
    with translation.override(language):
        assert template.render(Context({"d": moment})) == f"{short_date}|{short_datetime}"
