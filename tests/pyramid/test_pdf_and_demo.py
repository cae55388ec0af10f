"""The pyramid's PDF (A4 landscape, through the report service), the picture, the demo."""

import io
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from pyramid import charts, selectors
from pyramid.balance import diagnose
from pyramid.models import Pyramid
from pyramid.services import save_notes


@pytest.fixture(autouse=True)
def _empty_report_cache():
    caches["reports"].clear()
    yield
    caches["reports"].clear()


def _pdf(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def test_the_pdf_is_a4_landscape_with_the_pyramid_items_answers_and_balance(
    login, cast, pyramid, make_item
):
    make_item("Intervisie in leerteams", layer="fundament")
    make_item("Kanjertraining", layer="basis", owner_member=cast.ib)
    make_item("Time-out", layer="intensief")
    save_notes(
        pyramid=pyramid,
        layer="fundament",
        answers={"compleet-team": "Ja, het team is compleet"},
        version=0,
        user=None,
    )
    response = login(cast.directie).get(
        reverse("pyramid:pdf", args=[cast.school.slug, pyramid.code])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    reader = _pdf(response)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
        assert round(width / 72 * 25.4) == 297 and round(height / 72 * 25.4) == 210
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for expected in (
        "Ondersteuningspiramide",
        "Intervisie in leerteams",
        "Kanjertraining",
        "Ilse Intern",
        "Ja, het team is compleet",
        "Is er een compleet schoolteam?",
        "Balans",
        "Trimbos-instituut",
    ):
        assert expected in text, expected


def test_a_change_makes_a_new_pdf(login, cast, pyramid, make_item):
    make_item("Eerste")
    client = login(cast.kernteam)
    url = reverse("pyramid:pdf", args=[cast.school.slug, pyramid.code])
    client.get(url)
    make_item("Tweede")
    text = " ".join((p.extract_text() or "") for p in _pdf(client.get(url)).pages)
    assert "Tweede" in text


def test_the_picture_puts_the_counts_in_the_layers_and_says_how_many_more():
    chart = charts.pyramid(
        [
            {"layer": "basis", "label": "Sterke basis", "share": "80-90%", "names": ["A"] * 30},
            {"layer": "fundament", "label": "Fundament", "share": "", "names": ["Intervisie"]},
            {"layer": "extra", "label": "Extra", "share": "5-15%", "names": []},
            {"layer": "intensief", "label": "Intensief", "share": "1-5%", "names": ["B"]},
        ]
    )
    bands = {band.layer: band for band in chart.bands}
    assert [b.layer for b in chart.bands] == ["intensief", "extra", "basis", "fundament"]
    assert bands["basis"].count == 30
    assert bands["basis"].more == 30 - (len(bands["basis"].lines))
    assert bands["basis"].more > 0
    assert bands["fundament"].lines[0].text == "• Intervisie"
    # Coordinates are never localised ("1,0" is not SVG).
    assert "," not in bands["basis"].count_x


def test_long_names_are_wrapped_not_cut_off():
    name = "Kanjertraining in alle groepen met een terugkomdag voor ouders in het voorjaar"
    chart = charts.pyramid([{"layer": "basis", "label": "Basis", "share": "", "names": [name]}])
    basis = next(b for b in chart.bands if b.layer == "basis")
    assert len(basis.lines) == 2
    assert all(len(line.text) <= charts.CHARS_PER_LINE + 2 for line in basis.lines)
    assert " ".join(line.text for line in basis.lines) == "• " + name
    assert basis.more == 0


def test_each_layer_is_drawn_as_wide_as_what_it_holds():
    # An inverted offer (5/3/1/1 from the top) must look inverted.
    counts = {"intensief": 5, "extra": 3, "basis": 1, "fundament": 1}
    chart = charts.pyramid(
        [
            {
                "layer": layer,
                "label": layer,
                "share": "",
                "names": [f"{layer} {i}" for i in range(n)],
            }
            for layer, n in counts.items()
        ]
    )
    width = {band.layer: float(band.bar_w) for band in chart.bands}
    assert width["intensief"] > width["extra"] > width["basis"] == width["fundament"]


def test_seed_demo_gives_the_po_school_a_balanced_pyramid_and_the_vo_school_an_inverted_one(
    db, settings
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())  # twice changes nothing
    kiezel = Pyramid.objects.get(school__slug="de-kiezel")
    rimpeling = Pyramid.objects.get(school__slug="de-rimpeling")
    assert Pyramid.objects.count() == 2
    po = diagnose(selectors.facts(selectors.items_of(kiezel)))
    vo = diagnose(selectors.facts(selectors.items_of(rimpeling)))
    assert po.shape_ok
    assert "inverted" in vo.codes and "fundament_thin" in vo.codes
    assert vo.candidates
    partners = [i.owner_partner for i in selectors.items_of(rimpeling) if i.owner_partner]
    assert {p.name for p in partners} >= {"GGD (regio)", "Jeugdteam Rimpeldorp"}


def test_a_pdf_over_the_page_limit_says_so_instead_of_failing(
    login, cast, pyramid, make_item, settings
):
    settings.REPORT_MAX_PAGES = 1
    for n in range(40):
        make_item(f"Aanbod {n}", description="Een lange beschrijving. " * 10)
    response = login(cast.kernteam).get(
        reverse("pyramid:pdf", args=[cast.school.slug, pyramid.code])
    )
    assert response.status_code == 422
    assert "De PDF van deze piramide wordt te lang" in response.content.decode()
