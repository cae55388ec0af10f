"""A beheerder imports each example file: upload, preview, confirm; then the roll-over."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FILES = Path(__file__).parent.parent / "schools" / "import_files"

# File, the school's beheerder, a group in the file and a pupil in it.
EXAMPLES = [
    ("parnassys.xml", "beheer@kiezel.example", "Groep 5/6", "Milan H."),
    ("esis.xml", "beheer@kiezel.example", "4/5 Zeesterren", "Yasmina E."),
    ("magister.csv", "beheer@rimpeling.example", "2A", "Zoë D."),
    ("somtoday.csv", "beheer@rimpeling.example", "1H", "Ilse H."),
]


def _upload(page, path):
    page.get_by_label("Bestand").set_input_files(path)
    page.get_by_role("button", name="Bestand lezen").click()


@pytest.mark.parametrize(("name", "email", "group", "pupil"), EXAMPLES)
def test_import_preview_confirm_and_again_no_changes(demo, log_in, page, name, email, group, pupil):
    log_in(email)
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Leerlingen", exact=True).click()
    page.get_by_role("link", name="Importeren uit je administratie").click()
    expect(
        page.get_by_text("BSN, geboortedatum, geslacht en adres lezen we niet in")
    ).to_be_visible()
    _upload(page, FILES / name)

    expect(page.get_by_role("heading", name="Voorbeeld van de import")).to_be_visible()
    expect(page.get_by_role("cell", name=pupil, exact=True)).to_be_visible()
    page.get_by_role("button", name="Bevestigen en verwerken").click()

    # The summary of what the import did, then on to that year's groups.
    expect(page.get_by_role("heading", name="Import verwerkt")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Naar de (groepen|klassen) van")).click()
    page.get_by_role("link", name=group, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(group)
    expect(page.get_by_role("cell", name=pupil, exact=True)).to_be_visible()

    page.go_back()  # to the groups, in the beheer pages
    page.get_by_role("link", name="Leerlingen", exact=True).click()
    page.get_by_role("link", name="Importeren uit je administratie").click()
    _upload(page, FILES / name)
    expect(page.get_by_text("Geen wijzigingen.")).to_be_visible()
    expect(page.get_by_role("button", name="Bevestigen en verwerken")).to_have_count(0)


def test_unclear_columns_are_mapped(demo, log_in, page, live_server):
    log_in("beheer@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/beheer/leerlingen/importeren/")
    _upload(page, FILES / "unclear.csv")
    expect(page.get_by_text("We herkennen niet alle kolommen van dit bestand.")).to_be_visible()
    page.get_by_label("Leerlingnummer").select_option(label="Nr")
    page.get_by_label(re.compile(r"^\s*Roepnaam")).select_option(label="Naam")
    page.get_by_label("Achternaam").select_option(label="Familie")
    page.get_by_label("Groep of klas").select_option(label="Lokaalgroep")
    _upload(page, FILES / "unclear.csv")
    expect(page.get_by_role("cell", name="Sem W.", exact=True)).to_be_visible()


def test_the_demo_po_school_rolls_over_with_a_preview(demo, log_in, page):
    log_in("beheer@kiezel.example")
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Schooljaren", exact=True).click()
    page.get_by_role("link", name="Doorschuiven", exact=True).click()
    expect(page.get_by_label("Nieuwe naam voor Groep 7")).to_have_value("Groep 8")
    page.get_by_label("Nieuwe naam voor Groep 7").fill("Groep 8 Uilen")
    page.get_by_role("button", name="Voorbeeld bijwerken").click()
    expect(page.get_by_text("naar Groep 8 Uilen")).to_be_visible()
    page.get_by_role("button", name="Doorschuiven naar").click()
    expect(page.get_by_text("Doorgeschoven naar")).to_be_visible()
    expect(page.get_by_role("link", name="Groep 8 Uilen", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Groep 4", exact=True)).to_be_visible()


def test_a_large_export_with_skipped_pupils_on_a_phone(demo, log_in, page, live_server, tmp_path):
    """400 invented pupils, some broken, some left, some not placed: readable at 390 px."""
    from tests.schools import edexml_export

    data, rows = edexml_export.generate(400, broken_every=29)
    path = tmp_path / "school.xml"
    path.write_bytes(data)
    skipped = sum(1 for r in rows if r.broken or r.left_before_export)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in("beheer@kiezel.example")
    page.goto(f"{live_server.url}/s/de-kiezel/beheer/leerlingen/importeren/")
    _upload(page, path)
    expect(page.get_by_text("gelezen als EDEXML 2.1")).to_be_visible()
    # The counts and the folded list of what is skipped come first; nothing wider than the phone.
    expect(page.get_by_text(f"{skipped} niet ingelezen").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_text(f"{skipped} niet ingelezen", exact=True).last.click()
    expect(page.get_by_text("die EDEXML 2.1 niet kent").first).to_be_visible()
    page.get_by_role("link", name="Naar bevestigen").click()
    page.get_by_role("button", name="Bevestigen en verwerken").click()
    expect(page.get_by_role("heading", name="Import verwerkt")).to_be_visible()
    expect(page.get_by_text(f"{skipped} niet ingelezen")).to_be_visible()
