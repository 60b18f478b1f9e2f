"""One formatter for amounts, numbers and dates in each language."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

import quartierwerk
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
        assert html == f'<bdi dir="ltr">{amount}</bdi>'  # isolated: the order holds in right-to-left text
        text = Template("{% load formatting %}{% autoescape off %}{{ v|amount }}{% endautoescape %}")
        assert text.render(Context({"v": Decimal("14270")})) == amount  # mails stay plain text


def test_fund_amounts_use_the_core_formatter():
    from quartierwerk.fund.checks import euro

    with translation.override("de"):
        assert euro(Decimal("1234.5")) == "1.234,50 €"


def test_in_an_arabic_sentence_the_amount_is_isolated_as_left_to_right():
    template = Template(
        "{% load i18n fund_tags %}{% blocktranslate with max=v|euro %}at most {{ max }}{% endblocktranslate %}"
    )
    with translation.override("ar"):
        html = template.render(Context({"v": Decimal("15000")}))
    assert '<bdi dir="ltr">15.000,00 €</bdi>' in html
    assert html.replace('<bdi dir="ltr">15.000,00 €</bdi>', "").strip() not in (
        "",
        html,
    )  # an Arabic sentence
    plain = Template("{% load fund_tags %}{% autoescape off %}{{ v|euro }}{% endautoescape %}")
    with translation.override("ar"):
        assert plain.render(Context({"v": Decimal("15000")})) == "15.000,00 €"


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


MOMENT = datetime.datetime(2026, 12, 17, 18, 5)
# What each language's readers expect (the project's English is British, day first, 24 hours; Arabic keeps
# Western digits, as Django's Arabic formats do, with right-to-left marks in short dates).
CONVENTIONS = {
    "de": (
        "17.12.2026",
        "17. Dezember 2026",
        "18:05",
        "1.234,50 €",
        "Dezember 2026",
        "Do, 17. Dez 2026, 18:05",
    ),
    "en": (
        "17/12/2026",
        "17 December 2026",
        "18:05",
        "€1,234.50",
        "December 2026",
        "Thu, 17 Dec 2026, 18:05",
    ),
    "ar": (
        "17\u200f/12\u200f/2026",
        "17 ديسمبر، 2026",
        "18:05",
        "1.234,50 €",
        "ديسمبر 2026",
        "الخميس، 17 ديسمبر 2026، 18:05",
    ),
    "uk": (
        "17.12.2026",
        "17 грудня 2026 р.",
        "18:05",
        "1\u00a0234,50 €",
        "Грудень 2026",
        "Чт, 17 грудня 2026, 18:05",
    ),
    "tr": ("17.12.2026", "17 Aralık 2026", "18:05", "1.234,50 €", "Aralık 2026", "17 Ara 2026 Prş, 18:05"),
}


@pytest.mark.parametrize("language", CONVENTIONS)
def test_dates_times_and_amounts_follow_each_languages_conventions(language):
    short, medium, time, money, month, compact = CONVENTIONS[language]
    with translation.override(language):
        assert formats.short_date(MOMENT) == short
        assert formats.short_datetime(MOMENT) == f"{short} {time}"
        assert formats.medium_date(MOMENT.date()) == medium
        assert formats.time_of_day(MOMENT) == time
        assert formats.amount(Decimal("1234.50")) == money
        assert formats.month_year(MOMENT) == month
        assert formats.compact_date(MOMENT, with_time=True) == compact
        assert "₺" not in formats.amount(Decimal("1234.50"))
        # Templates write the same through the filters.
        html = Template(
            "{% load formatting %}{{ d|short_date }}|{{ d|medium_date }}|{{ d|time_of_day }}|{{ v|amount }}"
        ).render(Context({"d": MOMENT, "v": Decimal("1234.5")}))
        assert html == f'{short}|{medium}|{time}|<bdi dir="ltr">{money}</bdi>'
        # And Django's named formats, which some templates use, agree with the formatter.
        assert Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": MOMENT})) == short


# Patterns a template may still pass to |date: machine-readable ones, one part of a date, and the language's
# named formats (which quartierwerk/formats sets per language, as the formatter reads them).
MACHINE_OR_NAMED = re.compile(r"^(c|Y-m-d|Y-m|Ymd|j|D|[A-Z_]+_FORMAT)$")
DATE_FILTER = re.compile(r"\|(?:date|time):[\"']([^\"']*)[\"']")


def test_templates_write_dates_and_amounts_through_the_formatter():
    root = Path(quartierwerk.__file__).parent
    literal, euro = [], []
    for path in root.glob("**/templates/**/*"):
        if path.suffix not in (".html", ".txt"):
            continue
        text = path.read_text()
        name = str(path.relative_to(root))
        literal += [(name, p) for p in DATE_FILTER.findall(text) if not MACHINE_OR_NAMED.match(p)]
        euro += [
            (name, line.strip()[:80]) for line in text.splitlines() if re.search(r"\}\}\s?€|€\s?\{\{", line)
        ]
    assert literal == [] and euro == []
