"""The whole sociogram cycle in real browsers: a teacher sets it up and prints the
codes, three pupils answer on a tablet, the teacher sees both pictures, adds notes,
makes and prints a seating plan."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser


@pytest.fixture
def handreiking(demo):
    from circles.services import load_handreiking

    load_handreiking()  # transactional tests start from an empty database


def _pdf_text(page, url: str) -> str:
    # WeasyPrint on a busy test machine (both suites at once) can pass Playwright's 30 s.
    response = page.request.get(url, timeout=120_000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_a_teacher_runs_the_whole_cycle(handreiking, log_in, live_server, browser):
    page = log_in("joris@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/cirkels/3/")
    page.get_by_role("link", name=re.compile("Maak samen met de klas een sociogram")).first.click()
    # The handvat leads into the module: Joris teaches one group, so straight to it.
    expect(page.get_by_role("heading", name="Sociogrammen Groep 5")).to_be_visible()
    page.get_by_role("link", name="Nieuw sociogram").click()
    page.get_by_label("Naam").fill("Najaar")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("button", name="Afname openen").click()
    expect(page.get_by_text("De afname is open")).to_be_visible()

    slips_url = page.get_by_role("link", name="Codes printen (PDF)").get_attribute("href")
    codes = re.findall(r"Jouw code:\s*([A-Z0-9]{6})", _pdf_text(page, live_server.url + slips_url))
    assert len(codes) >= 20

    # Three pupils answer, one after the other on the class tablet.
    tablet = browser.new_context(viewport={"width": 768, "height": 1024}, locale="nl-NL")
    pupil = tablet.new_page()
    for code in codes[:3]:
        pupil.goto(f"{live_server.url}/leerling/")
        pupil.get_by_label("Typ de code van je briefje.").fill(code.lower())
        pupil.get_by_role("button", name="Beginnen").click()
        expect(pupil.get_by_role("heading", name="Met wie speel je graag?")).to_be_visible()
        names = pupil.locator(".pupil-name label")
        names.nth(0).click()
        names.nth(1).click()
        pupil.get_by_role("button", name="Volgende vraag").click()
        pupil.locator(".pupil-name label").nth(2).click()
        pupil.get_by_role("button", name="Volgende vraag").click()
        pupil.get_by_role("button", name="Klaar, versturen").click()
        expect(pupil.get_by_role("heading", name="Dank je wel!")).to_be_visible()
    # A used code opens nothing.
    pupil.goto(f"{live_server.url}/leerling/")
    pupil.get_by_label("Typ de code van je briefje.").fill(codes[0])
    pupil.get_by_role("button", name="Beginnen").click()
    expect(pupil.get_by_role("alert")).to_contain_text("werkt niet meer")
    tablet.close()

    page.reload()
    expect(page.get_by_text(re.compile("3 van de 2. leerlingen hebben geantwoord"))).to_be_visible()
    page.get_by_role("button", name="Afname sluiten").click()
    expect(page.locator("svg.sociogram-svg")).to_have_count(2)
    expect(page.get_by_role("table").first).to_contain_text("Gekozen door")

    page.get_by_role("link", name=re.compile("Wat ik weet van mijn leerlingen")).click()
    page.locator("textarea").first.fill("Speelt graag buiten.")
    page.get_by_role("checkbox", name="prosociaal").first.check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De notities zijn opgeslagen.")).to_be_visible()
    page.go_back()
    page.go_back()

    page.get_by_role("link", name="Nieuwe groepsindeling maken").click()
    page.get_by_role("button", name="Groepsindeling maken").click()
    expect(page.get_by_text("Versie 1 van de groepsindeling is opgeslagen")).to_be_visible()
    first_seat = page.locator(".seat[data-seat]").first.inner_text()
    # A swap with the keyboard way: two lists.
    page.get_by_label("Wissel").select_option(index=0)
    page.get_by_label("met", exact=True).select_option(index=1)
    page.get_by_role("button", name="Wisselen").click()
    expect(page.get_by_text("opgeslagen als versie 2")).to_be_visible()
    assert (
        page.locator(".seat[data-seat]").nth(1).inner_text().split("\n")[0]
        == first_seat.split("\n")[0]
    )
    pdf_url = page.get_by_role("link", name="Printen (PDF)").get_attribute("href")
    assert "Groepsindeling Groep 5" in _pdf_text(page, live_server.url + pdf_url)
