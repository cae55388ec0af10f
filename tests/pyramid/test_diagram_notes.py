"""The handreiking's words around its pyramid, and whose model it is, on the page and the PDF."""

import io

import pytest
from django.core.cache import caches
from django.urls import reverse
from pypdf import PdfReader

NIP = "Expertgroep mentale gezondheid op school, NIP"
THREE_TIER = "Gebaseerd op het Three-Tier model, ook gebruikt bij PBS, HGW."
ANNOTATIONS = [
    "Leren, welbevinden en gedrag zijn onlosmakelijk aan elkaar verbonden.",
    "Van analyse naar een duurzaam plan van aanpak.",
    "partners in het sociaal domein werken transdisciplinair samen",
    "met deze docent in dit team en op dit moment?",
]


@pytest.fixture(autouse=True)
def _empty_report_cache():
    caches["reports"].clear()
    yield
    caches["reports"].clear()


def test_the_page_quotes_the_diagrams_annotations_and_credits_the_nip(login, cast, pyramid):
    html = login(cast.directie).get(reverse("pyramid:page", args=[cast.school.slug])).content
    html = " ".join(html.decode().split())
    notes = html.split('id="bij-de-piramide"', 1)[1].split("</section>", 1)[0]
    assert '<blockquote cite="' in notes and "— uit de handreiking" in notes
    for text in [NIP, THREE_TIER, "ontwikkeld door de Expertgroep Schoolpsychologen", *ANNOTATIONS]:
        assert text in notes


def test_the_pdf_has_them_too(login, cast, pyramid):
    response = login(cast.directie).get(
        reverse("pyramid:pdf", args=[cast.school.slug, pyramid.code])
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    for expected in [NIP, THREE_TIER, "Van analyse naar een duurzaam plan van aanpak."]:
        assert expected in text
