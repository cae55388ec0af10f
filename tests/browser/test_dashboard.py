"""The school dashboard as its readers see it: on a desktop, projected at
1280 x 720 and on a phone, every section is there and nothing runs off the side."""

import pytest

from tests.browser.conftest import logged_in_page

pytestmark = pytest.mark.browser

SECTIONS = (
    "circles",
    "climate",
    "sociogram",
    "thermometer",
    "pyramid",
    "checklists",
    "agenda",
    "checkin",
)


@pytest.fixture
def full_demo(transactional_db, settings):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    settings.DEBUG = False


@pytest.mark.parametrize(
    ("width", "height"), [(1440, 900), (1280, 720), (390, 844)], ids=["desktop", "beamer", "phone"]
)
def test_every_section_shows_and_nothing_runs_off_the_side(
    full_demo, browser, live_server, width, height
):
    page = logged_in_page(
        browser,
        live_server,
        "directie@kiezel.example",
        viewport={"width": width, "height": height},
    )
    page.goto(live_server.url + "/s/de-kiezel/dashboard/")
    for key in SECTIONS:
        section = page.locator(f"section#{key}")
        assert section.is_visible(), key
        # Every chart has words for a screen reader.
        for svg in section.locator("svg[role=img]").all():
            assert svg.get_attribute("aria-labelledby"), key
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    # No group's climate or sociogram is named to the directie.
    for key in ("climate", "sociogram", "thermometer"):
        text = page.locator(f"section#{key}").inner_text()
        for name in ("Groep 3", "Groep 5", "Groep 7"):
            assert name not in text, key
    page.context.close()


def test_the_period_picker_narrows_the_dashboard(full_demo, browser, live_server):
    page = logged_in_page(browser, live_server, "noor.hendriks@bestuur.example")
    page.goto(live_server.url + "/s/de-kiezel/dashboard/")
    page.select_option("select[name=periode]", "1")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_load_state()
    assert "periode=1" in page.url
    assert "aug – okt" in page.inner_text(".dashboard-privacy")
    page.context.close()
