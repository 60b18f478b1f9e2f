"""An Arabic-speaking resident reports a problem and applies to the neighbourhood fund, in Arabic from start
to end: right-to-left pages, Arabic interface text (none of the German interface words the page check in
tests/core/test_arabic_pages.py knows), Latin references and German names set apart so their punctuation
stays in place, axe clean. Screenshots of every step go to the test artifacts folder."""

import pytest
from playwright.sync_api import expect

from quartierwerk.core import demo
from tests.browser.conftest import ARTIFACTS, assert_accessible, click_and_load
from tests.core.test_arabic_pages import content_texts, german_words

# Interface text a right-to-left page shows in a left-to-right run without its own direction: a German or English
# phrase ending (or starting) with punctuation, which the browser then draws on the wrong side ("?Wo").
FLIPPED_RUNS = """() => {
    const arabic = /[\\u0600-\\u06FF]/, latinEdge = /([A-Za-zÄÖÜäöüß0-9][.!?:;,)]\\s*$)|(^\\s*[(¿¡][A-Za-zÄÖÜäöüß])/;
    const found = [];
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, text = node.textContent.trim();
        if (!text || arabic.test(text) || !/[A-Za-zÄÖÜäöüß]/.test(text) || !latinEdge.test(text)) continue;
        const parent = node.parentElement;
        if (parent.closest("script, style, [hidden]") || !parent.getClientRects().length) continue;
        if (getComputedStyle(parent).direction === "rtl") found.push(text);
    }
    return found;
}"""


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def check_arabic(page, step: str, content: list[str]):
    """The page is Arabic and right to left, shows no German interface words and no flipped runs, axe clean."""
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert german_words(page.content(), content) == set(), (step, page.url)
    # What the office wrote (German content) carries its own language and direction in its block: that is the
    # content's markup, not the interface's, and left out here as in the word check.
    flipped = [
        t for t in page.evaluate(FLIPPED_RUNS) if not any(t in piece or piece in t for piece in content)
    ]
    assert flipped == [], (step, page.url)
    # A German block (the link to Leichte Sprache) keeps its own language and direction.
    for block in page.locator('main [lang="de"]').all():
        assert block.evaluate("el => getComputedStyle(el).direction") == "ltr", step
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"arabic-{step}.png"), full_page=True)


def switch_to_arabic(page):
    page.goto(page.live_url + "/q/gruenau/")
    switch = page.locator('button[lang="ar"]')
    # Cached pages fetch their CSRF token when a form is first touched; wait for it before sending.
    switch.focus()
    # The language form's token is filled by a script; wait for it without evaluating a string (the CSP forbids eval).
    expect(page.locator('input[name="csrfmiddlewaretoken"][value=""]')).to_have_count(0)
    click_and_load(page, switch)


def test_resident_reports_a_problem_in_arabic(page, demo_data):
    from quartierwerk.reports.models import Report

    content = content_texts()
    switch_to_arabic(page)
    check_arabic(page, "quarter", content)

    page.goto(page.live_url + "/q/gruenau/reports/new/")
    expect(page.locator("h1")).to_have_text("أبلغ عن شيء")
    check_arabic(page, "report-start", content)

    click_and_load(page, page.locator("main a.category-link").first)
    check_arabic(page, "report-form", content)
    expect(page.locator('h1 span[lang="de"]')).to_have_count(1)  # the category's German name, marked German
    page.locator("#id_no_place").check()
    page.locator("#id_description").fill("المصباح عند موقف الحافلات مطفأ منذ أيام.")
    click_and_load(page, page.locator("main form .actions button[type=submit]"))
    page.wait_for_url("**/reports/follow/**")
    report = Report.objects.get(description__startswith="المصباح")
    expect(page.locator("h1 bdi")).to_have_text(report.reference)
    check_arabic(page, "report-follow", content)


def test_resident_applies_to_the_fund_in_arabic(page, demo_data):
    from quartierwerk.fund.models import Application

    content = content_texts()
    switch_to_arabic(page)
    page.goto(page.live_url + "/q/gruenau/fund/")
    check_arabic(page, "fund-home", content)

    click_and_load(page, page.locator('main a[href$="/fund/apply/"]').first)
    check_arabic(page, "fund-start", content)
    page.locator("#id_applicant_kind").select_option("private")
    page.locator("#id_applicant_name").fill("سلمى حداد")
    page.locator("#id_email").fill("salma.haddad@example.org")
    click_and_load(page, page.locator("main form button[type=submit]"))
    page.wait_for_url("**/edit/applicant/")
    check_arabic(page, "fund-applicant", content)
    page.locator("#id_is_of_age").check()
    click_and_load(page, page.locator("main form .actions button[type=submit]"))
    page.wait_for_url("**/edit/project/")
    check_arabic(page, "fund-project", content)
    category = page.locator("#id_category")
    if category.count():
        category.select_option(label="Sonstige Projekte")  # the fund's own category names are content
    page.locator("#id_title").fill("مائدة جيران في الفناء")
    page.locator("#id_summary").fill("نطبخ معًا ونتعرف على الجيران.")
    page.locator("#id_benefit").fill("يلتقي الجيران من ثقافات مختلفة.")
    click_and_load(page, page.locator("main form .actions button[type=submit]"))
    page.wait_for_url("**/edit/costs/")
    check_arabic(page, "fund-costs", content)
    page.locator("#id_lines-0-description").fill("مواد غذائية")
    page.locator("#id_lines-0-amount").fill("250")
    page.locator("#id_no_other_funding").check()
    click_and_load(page, page.locator("main form .actions button[type=submit]").last)
    page.wait_for_url("**/edit/documents/")
    check_arabic(page, "fund-documents", content)
    click_and_load(page, page.locator('main a.kern-btn[href$="/edit/submit/"]'))
    check_arabic(page, "fund-submit", content)
    page.locator("#id_consent").check()
    click_and_load(page, page.locator("main form .actions button[type=submit]"))
    application = Application.objects.get(email="salma.haddad@example.org")
    assert application.reference
    expect(page.locator("h1 bdi")).to_have_text(application.reference)
    # The amount is written the Arabic way (digits as the project writes them, euro after the number).
    expect(page.locator("main")).to_contain_text("250,00 €")
    check_arabic(page, "fund-applicant-page", content)


def test_check_boxes_keep_their_distance_from_the_label_in_arabic(page, demo_data):
    """Right to left the box stands right of its label, with the same gap KERN gives left to right."""
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": page.live_url}])
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(page.live_url + "/q/gruenau/events/")
    box = page.locator(".kern-form-check__checkbox").first.bounding_box()
    label = page.locator(".kern-form-check .kern-label").first.bounding_box()
    text_right = page.evaluate(
        """() => { const range = document.createRange();
        range.selectNodeContents(document.querySelector('.kern-form-check .kern-label'));
        return range.getBoundingClientRect().right; }"""
    )
    assert label["x"] + label["width"] <= box["x"] + 1
    assert box["x"] - text_right >= 12
