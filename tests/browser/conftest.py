"""Real-browser tests: Playwright driving Debian's Chromium against a live server.

Playwright never downloads a browser here; it starts the system Chromium. In
`make test` these tests skip, saying why, when no Chromium is installed; in CI
(CI=true) a missing Chromium is a failure, not a skip.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_CANDIDATES = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = find_chromium()
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    if CHROMIUM or IN_CI:
        return
    skip = pytest.mark.skip(
        reason="No Chromium found: install it (sudo apt-get install chromium) to run the "
        "browser tests, or set CHROMIUM_PATH."
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if CHROMIUM is None:
        pytest.fail("CI=true but no Chromium is installed: the browser tests must run in CI.")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def demo(transactional_db):
    from welbevinden.core.demo import seed

    seed()


@pytest.fixture
def log_in(page, live_server):
    """Log in through the real login form, as a person would."""
    from welbevinden.core.demo import DEMO_PASSWORD

    def _log_in(email, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/account/inloggen/")
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Wachtwoord").fill(password)
        # Wait for the page the form leads to, not the login page that is
        # already loaded (a wrong password also answers with a new page).
        with page.expect_navigation():
            page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("load")
        return page

    return _log_in


def logged_in_page(browser, live_server, email, **options):
    """A browser context of its own (``options`` as for ``new_context``: a viewport, no
    JavaScript), logged in through the real form; the caller closes ``page.context``."""
    from welbevinden.core.demo import DEMO_PASSWORD

    context = browser.new_context(
        **{"locale": "nl-NL", "timezone_id": "Europe/Amsterdam", **options}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    return page


@pytest.fixture
def session(browser, live_server):
    """A logged-in browser of its own per person; closed after the test, so its
    page stops polling the live server."""
    contexts = []

    def _session(email):
        page = logged_in_page(browser, live_server, email)
        contexts.append(page.context)
        return page

    yield _session
    for context in contexts:
        context.close()
