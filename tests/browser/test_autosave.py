"""Autosave in a real browser: saved state, failure state that keeps the text, reload."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def round_page(demo, log_in, live_server):
    from circles.services import load_handreiking

    load_handreiking()  # transactional tests start from an empty database
    page = log_in("lotte@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/handvatten/eigen-instrument/")
    page.get_by_role("button", name="Begin met dit handvat").click()
    expect(page).to_have_url(re.compile(r"/rondes/"))
    # htmx (a deferred script) must be running before typing starts.
    page.wait_for_load_state("load")
    return page


def test_typing_is_saved_and_survives_a_reload(round_page):
    page = round_page
    answer = page.get_by_label("Wat wil ik naar mijn klas uitstralen?")
    answer.fill("Rust en vertrouwen.")
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"Opgeslagen om \d\d:\d\d"))
    page.reload()
    expect(page.get_by_label("Wat wil ik naar mijn klas uitstralen?")).to_have_value(
        "Rust en vertrouwen."
    )


def test_a_failed_save_is_shown_and_keeps_the_text(round_page):
    page = round_page
    page.route("**/opslaan/**", lambda route: route.abort())
    answer = page.get_by_label("Wat wil ik naar mijn klas uitstralen?")
    answer.fill("Dit mag niet verloren gaan.")
    status = page.locator("#save-status")
    expect(status).to_contain_text("Niet opgeslagen")
    expect(answer).to_have_value("Dit mag niet verloren gaan.")

    page.unroute("**/opslaan/**")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(status).to_contain_text("Opgeslagen om")
    page.reload()
    expect(page.get_by_label("Wat wil ik naar mijn klas uitstralen?")).to_have_value(
        "Dit mag niet verloren gaan."
    )


def test_an_expired_session_says_so_and_keeps_the_text(round_page):
    page = round_page
    page.route("**/opslaan/**", lambda route: route.fulfill(status=401, body=""))
    answer = page.get_by_label("Wat wil ik naar mijn klas uitstralen?")
    answer.fill("Na het inloggen nog hier.")
    expect(page.locator("#save-status")).to_contain_text("je sessie is verlopen")
    expect(answer).to_have_value("Na het inloggen nog hier.")
    login = page.get_by_role("link", name="Opnieuw inloggen")
    expect(login).to_be_visible()
    expect(login).to_have_attribute("target", "_blank")

    # Logged in again (here the session never really ended): retrying saves.
    page.unroute("**/opslaan/**")
    page.get_by_role("button", name="Opnieuw proberen").click()
    expect(page.locator("#save-status")).to_contain_text("Opgeslagen om")
