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


@pytest.mark.parametrize("width", [1280, 390])
def test_class_mode_leaves_no_face_highlighted_and_refuses_the_teachers_pages(
    demo, log_in, page, live_server, width
):
    from circles.services import load_handreiking
    from welbevinden.schools.models import Group

    load_handreiking()
    group = Group.objects.get(school__slug="de-kiezel", name="Groep 5")
    page.set_viewport_size({"width": width, "height": 900})
    log_in("joris@kiezel.example")
    base = f"{live_server.url}/s/de-kiezel/klimaat/groepen/{group.code}/"
    page.goto(base + "thermometer/")
    page.get_by_role("link", name="Klasmodus openen").click()
    page.get_by_label(re.compile("Pincode")).fill("2468")
    page.get_by_role("button", name="Klasmodus starten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe voel jij je vandaag?")
    button = page.get_by_role("button", name="Heel goed")
    look = "b => [getComputedStyle(b).borderColor, getComputedStyle(b).outlineStyle]"
    idle = button.evaluate(look)
    button.click()
    expect(page.get_by_text("Dank je! Nu de volgende.")).to_be_visible()
    # A neutral screen for the next pupil: nothing focused, nothing outlined.
    assert page.evaluate("document.activeElement === document.body")
    page.mouse.move(0, 0)
    assert button.evaluate(look) == idle
    page.screenshot(path=f"/tmp/clim19-class-mode-{width}.png")
    # Every other page is refused while class mode is on.
    for path in ("", "thermometer/"):
        response = page.goto(base + path)
        assert response.status == 403
        expect(page.get_by_role("heading", level=1)).to_have_text("De klasmodus staat aan")
    response = page.goto(f"{live_server.url}/s/de-kiezel/")
    assert response.status == 403
    page.screenshot(path=f"/tmp/clim19-class-mode-locked-{width}.png")
    page.get_by_role("link", name="Klasmodus beëindigen (leerkracht)").click()
    page.get_by_label("Wachtwoord of pincode van de leerkracht").fill("2468")
    page.get_by_role("button", name="Beëindigen").click()
    expect(page.get_by_text("De klasmodus is beëindigd.")).to_be_visible()
