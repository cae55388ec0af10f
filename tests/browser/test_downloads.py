"""Every download link on the main pages of a demo school downloads (issue 21): the
browser gets a file, a PDF or CSV, and the page keeps its content (with htmx the
checklist and team agenda buttons pasted the raw PDF into the page)."""

import pytest

from tests.browser.conftest import logged_in_page

pytestmark = pytest.mark.browser

PAGES = (
    "/s/de-kiezel/",
    "/s/de-kiezel/teamagenda/",
    "/s/de-kiezel/checklists/beginsituatie/",
    "/s/de-kiezel/piramide/",
    "/s/de-kiezel/klimaat/overzicht/",
    "/s/de-kiezel/dashboard/",
)
DOWNLOADS = "form.report-download button[type=submit], a[href*='pdf'], a[href$='.csv']"


@pytest.fixture
def full_demo(transactional_db, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


def _downloads_on(page, live_server):
    clicked = 0
    for path in PAGES:
        page.goto(live_server.url + path)
        controls = page.locator(DOWNLOADS)
        for index in range(controls.count()):
            with page.expect_download(timeout=120_000) as info:
                controls.nth(index).click()
            download = info.value
            with open(download.path(), "rb") as file:
                body = file.read()
            assert body.startswith(b"%PDF") or download.suggested_filename.endswith(".csv"), path
            assert "%PDF" not in page.content(), path
            clicked += 1
    return clicked


def test_every_download_link_downloads(full_demo, log_in, live_server, page):
    log_in("noor.hendriks@bestuur.example")
    assert _downloads_on(page, live_server) >= 4


def test_every_download_link_downloads_without_javascript(full_demo, browser, live_server):
    page = logged_in_page(
        browser, live_server, "noor.hendriks@bestuur.example", java_script_enabled=False
    )
    assert _downloads_on(page, live_server) >= 4
    page.context.close()


BACKGROUND_PAGES = ("/s/de-kiezel/", "/s/de-kiezel/dashboard/")


def _background_downloads_on(page, live_server):
    """The Kernteamrapport's buttons start a job (immediate mode in the tests: it is
    done when the answer comes); the status shows "Download", which downloads."""
    for path in BACKGROUND_PAGES:
        page.goto(live_server.url + path)
        page.locator("form.report-start button[type=submit]").first.click()
        download_link = page.get_by_role("link", name="Download")
        download_link.wait_for(timeout=120_000)
        assert "Kernteamrapport is klaar." in page.content(), path
        with page.expect_download(timeout=120_000) as info:
            download_link.click()
        with open(info.value.path(), "rb") as file:
            assert file.read().startswith(b"%PDF"), path
        assert info.value.suggested_filename.startswith("kernteamrapport-de-kiezel-"), path


def test_the_kernteamrapport_made_in_the_background_downloads(full_demo, log_in, live_server, page):
    log_in("noor.hendriks@bestuur.example")
    _background_downloads_on(page, live_server)


def test_the_kernteamrapport_made_in_the_background_downloads_without_javascript(
    full_demo, browser, live_server
):
    page = logged_in_page(
        browser, live_server, "noor.hendriks@bestuur.example", java_script_enabled=False
    )
    _background_downloads_on(page, live_server)
    assert "/rapporten/taken/" in page.url  # the status page, not the button's page
    page.context.close()
