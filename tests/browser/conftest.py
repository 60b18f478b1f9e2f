"""Browser tests: Playwright drives Debian's Chromium against a live server; axe-core checks every page."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("QW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
ARTIFACTS = Path(os.environ.get("QW_TEST_ARTIFACTS", "test-artifacts"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class ForeignRequests(list):
    """Requests the page tried to make to any host other than the live server."""


@pytest.fixture
def page(browser, live_server, request):
    """A fresh page (360 px wide by default) that refuses and records every request leaving the live server."""
    width = getattr(request, "param", None) or 360
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="de-DE")
    page = context.new_page()
    # Generous waits: a loaded CI machine (two test workers, two browsers, PostgreSQL) can take seconds for a
    # page. Waiting longer never lets a wrong page pass; it only stops a slow one from failing.
    page.set_default_timeout(30_000)
    expect.set_options(timeout=15_000)
    allowed = urlsplit(live_server.url).netloc
    foreign = ForeignRequests()

    def guard(route):
        netloc = urlsplit(route.request.url).netloc
        if route.request.url.startswith(("data:", "blob:")) or netloc == allowed:
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.foreign_requests = foreign
    page.live_url = live_server.url
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not foreign, f"the page requested third-party hosts: {foreign}"
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def click_and_load(page, locator, **kwargs):
    """Click a link or a form button that loads a new page, and return once that page has loaded.

    Without this, an assertion right after the click may still look at the old page."""
    with page.expect_navigation():
        locator.click(**kwargs)


def assert_accessible(page, *, context: str | None = None):
    """Run axe-core on the current page; fail on any WCAG 2.0/2.1 A or AA violation."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async (ctx) => await axe.run(ctx || document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']
        })""",
        context,
    )
    violations = result["violations"]
    if violations:
        lines = [f"axe found {len(violations)} WCAG violation(s) on {page.url}:"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(
                    f"    {node['target']}: {node['failureSummary'].splitlines()[-1] if node['failureSummary'] else ''}"
                )
        raise AssertionError("\n".join(lines))


def _wait_for_a_fresh_totp_step(email: str) -> None:
    """A code is accepted once (replay protection): a second log-in of the same person within the same
    30-second step waits for the next code, as a person would."""
    import time

    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user__email=email, confirmed=True).first()
    if device is None or device.last_t < 0:
        return
    while int(time.time() - device.t0) // device.step <= device.last_t:
        time.sleep(0.5)


def totp_now(base32_key: str) -> str:
    """The current TOTP code for a key, as an authenticator app would show it."""
    import base64
    import time

    from django_otp.oath import TOTP

    totp = TOTP(base64.b32decode(base32_key))
    totp.time = time.time()
    return f"{totp.token():06d}"


def login(page, email: str, password: str, totp_key: str | None = None):
    """Log in through the real form (and the TOTP step when the account has one)."""
    page.goto(page.live_url + "/account/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    click_and_load(page, page.get_by_role("button", name="Anmelden"))
    if totp_key:
        page.wait_for_url("**/account/login/verify/")
        _wait_for_a_fresh_totp_step(email)
        page.get_by_label("Sechsstelliger Code").fill(totp_now(totp_key))
        click_and_load(page, page.get_by_role("button", name="Bestätigen"))
