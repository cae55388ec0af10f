import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_teacher_logs_a_climate_entry_on_a_phone_and_the_ib_er_sees_it(demo, log_in, page):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("lotte@kiezel.example")
    # The home page reminds her: Groep 3 has no entry yet.
    expect(page.get_by_text("Groep 3: nog geen klimaatnotitie dit schooljaar.")).to_be_visible()
    page.get_by_role("link", name="Notitie maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hoe gaat het met de klas?")
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("moeizaam maar met positieve onderdelen").check()
    page.get_by_label(re.compile(r"^Storming")).check()
    page.get_by_label("Wat ging goed?").fill("De kring liep goed.")
    page.get_by_label("Wat ga ik nu doen?").fill("Samen afspraken maken.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je klimaatnotitie is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimaatlogboek Groep 3")
    expect(page.get_by_text("De kring liep goed.")).to_be_visible()
    expect(page.locator("svg.climate-chart circle")).to_have_count(1)

    page.context.clear_cookies()
    log_in("noor.hendriks@bestuur.example")
    page.get_by_role("link", name="Basisschool De Kiezel").click()
    page.goto(page.url.rstrip("/") + "/klimaat/overzicht/")
    row = page.get_by_role("row").filter(has_text="Groep 3")
    expect(row).to_contain_text("moeizaam maar met positieve onderdelen")
    expect(row).to_contain_text("Storming")
