"""On a phone, a staff list keeps whole words in its cells and scrolls sideways instead of one letter a line."""

import pytest

from quartierwerk.core import demo
from tests.browser.conftest import login

LONGEST_WORD_FITS = """() => {
  const cells = [...document.querySelectorAll('.table-wrap tbody tr:first-child td')];
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  probe.style.position = 'absolute';
  const squeezed = [];
  for (const td of cells) {
    const word = td.innerText.split(/\\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!word) continue;
    probe.textContent = word;
    td.appendChild(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(td);
    const room = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (room + 1 < needed) squeezed.push(word);
  }
  return squeezed;
}"""


@pytest.fixture
def demo_data(transactional_db):
    return demo.load()


def test_staff_read_the_reports_inbox_on_a_phone(page, demo_data):
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/reports/?view=all")
    assert page.locator(".table-wrap tbody tr").count() > 0
    assert page.evaluate(LONGEST_WORD_FITS) == []


def test_staff_read_the_report_figures_on_a_phone(page, demo_data):
    # A long label ("Median der Zeit bis zur ersten Antwort") wraps; the figure beside it keeps whole words.
    login(page, "qm-gruenau@demo.quartierwerk.example", demo.DEMO_PASSWORD, demo.DEMO_TOTP_BASE32)
    page.wait_for_url("**/staff/")
    page.goto(page.live_url + "/q/gruenau/staff/reports/figures/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    squeezed = page.evaluate(
        """() => [...document.querySelectorAll('dl.facts dd')].filter((dd) => {
             const range = document.createRange();
             range.selectNodeContents(dd);
             const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
             return tops.size > 2;
           }).map((dd) => dd.innerText)"""
    )
    assert squeezed == []
