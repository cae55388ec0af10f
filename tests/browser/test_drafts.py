"""A create form's text survives an ended session: sent to the log-in page, back after
logging in, gone once saved (static/js/app.js, drafts; issue 19, point 7)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTE = "De kring liep goed, ook met de nieuwe leerling erbij."


def _climate_form(page, live_server):
    from welbevinden.schools.models import Group

    group = Group.objects.get(school__slug="de-kiezel", name="Groep 3")
    page.goto(f"{live_server.url}/s/de-kiezel/klimaat/groepen/{group.code}/nieuw/")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hoe gaat het met de klas?")


def test_a_climate_note_sent_after_the_session_ended_is_back_after_logging_in(
    demo, log_in, page, live_server
):
    from circles.climate.models import Entry
    from welbevinden.core.demo import DEMO_PASSWORD

    log_in("lotte@kiezel.example")
    _climate_form(page, live_server)
    page.get_by_label("moeizaam maar met positieve onderdelen").check()
    page.get_by_label(re.compile(r"^Storming")).check()
    page.get_by_label("Wat ging goed?").fill(NOTE)
    page.get_by_label("Wat ga ik nu doen?").fill("Samen afspraken maken.")

    # The session ends while she types (the idle timer, or the server forgot it).
    page.context.clear_cookies(name="sessionid")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(re.compile(r"/account/inloggen/"))
    expect(page.get_by_role("status")).to_contain_text("je tekst staat daarna weer in")
    page.screenshot(path="/tmp/agenda19-login-waiting.png")
    assert Entry.objects.filter(went_well=NOTE).count() == 0

    page.get_by_label("E-mailadres").fill("lotte@kiezel.example")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Hoe gaat het met de klas?")
    expect(page.get_by_role("status").filter(has_text="Je tekst van daarnet")).to_be_visible()
    expect(page.get_by_label("Wat ging goed?")).to_have_value(NOTE)
    expect(page.get_by_label("Wat ga ik nu doen?")).to_have_value("Samen afspraken maken.")
    expect(page.get_by_label("moeizaam maar met positieve onderdelen")).to_be_checked()
    page.screenshot(path="/tmp/agenda19-draft-restored.png", full_page=True)

    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je klimaatnotitie is opgeslagen.")).to_be_visible()
    assert Entry.objects.filter(went_well=NOTE).count() == 1
    # Saved: a new form starts empty.
    _climate_form(page, live_server)
    expect(page.get_by_label("Wat ging goed?")).to_have_value("")
    expect(page.get_by_text("Je tekst van daarnet")).to_have_count(0)


def test_a_double_click_on_opslaan_saves_one_note(demo, log_in, page, live_server):
    from circles.climate.models import Entry

    log_in("lotte@kiezel.example")
    _climate_form(page, live_server)
    before = Entry.objects.count()
    page.get_by_label("moeizaam maar met positieve onderdelen").check()
    page.get_by_label(re.compile(r"^Storming")).check()
    page.get_by_label("Wat ging goed?").fill(NOTE)
    page.get_by_role("button", name="Opslaan").dblclick()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klimaatlogboek Groep 3")
    page.wait_for_load_state("load")
    assert Entry.objects.count() == before + 1


def test_a_refused_form_keeps_the_text_without_a_notice_and_logging_out_forgets_it(
    demo, log_in, page, live_server
):
    log_in("lotte@kiezel.example")
    _climate_form(page, live_server)
    page.get_by_label("Wat ging goed?").fill(NOTE)
    page.get_by_role("button", name="Opslaan").click()  # no climate chosen: refused
    expect(page.get_by_label("Wat ging goed?")).to_have_value(NOTE)
    expect(page.get_by_text("Je tekst van daarnet")).to_have_count(0)

    page.get_by_role("button", name=re.compile("Lotte")).click()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state("load")
    log_in("lotte@kiezel.example")
    _climate_form(page, live_server)
    expect(page.get_by_label("Wat ging goed?")).to_have_value("")
