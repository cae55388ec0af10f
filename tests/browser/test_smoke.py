import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_demo_teacher_logs_in_and_reaches_the_home_page(demo, log_in, live_server):
    page = log_in("joris@kiezel.example")
    expect(page).to_have_url(re.compile(r"/s/de-kiezel/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Joris")
    expect(
        page.get_by_role("group", name="De zes cirkels van invloed op welbevinden")
    ).to_be_visible()
    page.get_by_role("link", name="Groep 5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Groep 5")


def test_a_wrong_password_keeps_the_email_and_explains(demo, log_in, page):
    log_in("joris@kiezel.example", password="verkeerd-wachtwoord")
    expect(page.get_by_text("horen niet bij elkaar")).to_be_visible()
    expect(page.get_by_label("E-mailadres")).to_have_value("joris@kiezel.example")


def test_the_beheerder_pastes_a_class_list(demo, log_in, page):
    log_in("beheer@rimpeling.example")
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Klassen").first.click()
    page.get_by_role("link", name="1A", exact=True).click()
    page.get_by_role("link", name="Lijst plakken").click()
    page.get_by_label("Namen").fill("Tijn W.\nFem K.; 5501")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("2 leerlingen toegevoegd aan 1A.")).to_be_visible()
    expect(page.get_by_role("cell", name="Fem K.", exact=True)).to_be_visible()


def test_the_menu_works_on_a_phone(demo, log_in, page):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("noor.hendriks@bestuur.example")
    # Noor works for two schools, so she first chooses one.
    page.get_by_role("link", name="Basisschool De Kiezel").click()
    # Bootstrap's script (deferred) must have run before the menu can open.
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Menu openen").click()
    expect(page.get_by_role("button", name="Noor")).to_be_visible()
    page.get_by_role("button", name="Noor").click()
    switch = page.get_by_role("link", name="Scholengemeenschap De Rimpeling", exact=True)
    expect(switch).to_be_visible()
    switch.click()
    expect(page).to_have_url(re.compile(r"/s/de-rimpeling/$"))
