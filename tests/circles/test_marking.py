"""The handreiking's words are shown as quotations, ours plainly, and the pages say so."""

import pytest
from django.urls import reverse

from circles.models import Handvat
from circles.services import start_round


def test_a_quoted_question_is_a_quotation_and_our_prompt_is_plain(cast, login):
    handvat = Handvat.objects.get(key="stress-en-werkdruk")
    round = start_round(handvat=handvat, school=cast.school, user=cast.leraar.user)
    page = login(cast.leraar).get(reverse("circles:round", args=[cast.school.slug, round.code]))
    html = page.content.decode()
    assert (
        '<q class="hr">Bedenk waar jij het meeste van ontspant, probeer dat een vaste plek in de '
        "dag te geven.</q>" in html
    )
    assert '<q class="hr">Plan realistisch en stel niet te hoge eisen.</q>' in html
    assert "Wat wil je doen?" in html
    assert '<q class="hr">Wat wil je doen?' not in html
    assert "Wie zegt wat?" in page.content.decode()


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_our_scale_labels_and_options_are_not_quoted(cast, login):
    handvat = Handvat.objects.get(key="groepsklimaat")
    round = start_round(handvat=handvat, school=cast.school, user=None, group=cast.group)
    html = (
        login(cast.leraar)
        .get(reverse("circles:round", args=[cast.school.slug, round.code]))
        .content.decode()
    )
    assert '<q class="hr">negatief en veel gedoe</q>' in html
    assert "Allebei" in html and '<q class="hr">Allebei' not in html


def test_the_about_page_says_what_is_quoted_and_what_is_ours(client):
    html = client.get(reverse("circles:about")).content.decode()
    assert (
        "Als leraar aan de slag in het primair onderwijs, voortgezet onderwijs en "
        "gespecialiseerd onderwijs" in html
    )
    assert "Letterlijk uit de handreiking" in html
    assert "Van ons (Welbevinden)" in html
    # No blanket claim that every text on the pages is the handreiking's.
    assert "in de cirkels komen letterlijk uit de handreiking" not in html
    # The handreiking is linked as the handreiking; af1488 as its theoretische onderbouwing.
    assert 'href="https://www.trimbos.nl/aanbod/welbevinden-op-school/"' in html
    assert "‘deze theoretische onderbouwing’" in html


def test_the_footnote_of_cirkel_2_is_a_footnote(cast, login):
    html = (
        login(cast.leraar)
        .get(reverse("circles:circle", args=[cast.school.slug, 2]))
        .content.decode()
    )
    assert 'href="#voetnoot-2"' in html
    assert '<p class="footnote small" id="voetnoot-2">' in html
