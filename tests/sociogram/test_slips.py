"""The code slips print as a fixed grid: 8 whole slips a page, none across a page break."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from sociogram import services
from tests.factories import make_pupil


def test_every_page_holds_eight_whole_slips(cast, sociogram, login):
    for number in range(22):  # 25 pupils with the cast's three
        make_pupil(cast.group, f"Leerling {number} K.")
    services.open_afname(sociogram)
    codes = sociogram.respondents.count()
    response = login(cast.leraar).get(
        reverse("sociogram:slips", args=[cast.school.slug, sociogram.code])
    )
    pages = [p.extract_text() for p in PdfReader(BytesIO(response.content)).pages]
    per_page = [text.count("Jouw code:") for text in pages]
    assert sum(per_page) == codes
    assert per_page[:-1] == [8] * (len(pages) - 1)
