"""Issue 22 point 3: the seating page quotes the two tips and marks our rules as ours."""

import re

from django.urls import reverse

TIPS = (
    "Plaats leerlingen die externaliserend gedrag vertonen naast een prosociale en sociaal sterke "
    "klasgenoot.",
    "Plaats sociaal zwakkere leerlingen meer centraal in de klas.",
)


def test_the_seating_page_quotes_the_two_tips_and_marks_our_rules(cast, sociogram, login):
    url = reverse("sociogram:seating", args=[cast.school.slug, sociogram.code])
    page = login(cast.leraar).get(url).content.decode()
    quote = re.search(r'<figure class="hr-text">.*?</figure>', page, re.S).group(0)
    for tip in TIPS:
        assert tip in quote
    assert "uit de handreiking" in quote
    assert "Onze eigen regels, niet uit de handreiking:" in page
    ours = re.search(r'<ul class="mb-0 ps-3 own-rules">.*?</ul>', page, re.S).group(0)
    assert "liever niet" in ours and "Gesloten groepjes" in ours and "in de buurt" in ours
    # The reworded tip ("geliefd") is gone; "sociaal sterk" is explained as our reading.
    assert "geliefd" not in page
    assert "Zo passen wij (Welbevinden) de tips toe" in page
