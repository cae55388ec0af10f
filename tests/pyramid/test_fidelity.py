"""Issue 22, points 1-2: the pyramid's balance rules and question placement are ours, said so."""

import re

from django.urls import reverse


def _page(login, cast):
    url = reverse("pyramid:page", args=[cast.school.slug])
    return login(cast.kernteam).get(url).content.decode()


def test_the_balance_says_its_rules_are_ours(login, cast, pyramid, make_item):
    make_item("Teamuitje", layer="fundament")
    make_item("Kanjertraining")
    make_item("Trainingsgroep", layer="extra", reach_kind="percent", reach_value=40)
    page = _page(login, cast)
    assert "Deze balans volgt onze eigen vuistregels (Welbevinden), niet de handreiking." in page
    assert "onze vuistregel is minstens 3" in page
    assert "extra ondersteuning voor meer dan 15% van de leerlingen" in page
    # The handreiking's examples of a fundament are a quote, not our words.
    assert (
        '<q class="hr">Denk bijvoorbeeld aan deskundigheidsbevordering, intervisie, reflectie op '
        "pedagogisch gebied of teamuitjes.</q>"
    ) in page
    # The old wording made the caps read as the layer's own bound.
    assert "Bereikt meer dan de laag bedoelt" not in page


def test_a_sound_pyramid_is_sound_by_our_rules(login, cast, pyramid, make_item):
    for name, layer in [
        ("Intervisie", "fundament"),
        ("Teamuitje", "fundament"),
        ("Studiedag", "fundament"),
        ("Kanjertraining", "basis"),
        ("Dagstart", "basis"),
        ("Trainingsgroep", "extra"),
        ("Schoolmaatschappelijk werk", "intensief"),
    ]:
        make_item(name, layer=layer)
    assert "Volgens onze vuistregels staat de piramide stevig" in _page(login, cast)


def test_the_picture_words_the_shares_as_the_handreiking(login, cast, pyramid, make_item):
    make_item("Kanjertraining")
    page = _page(login, cast)
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert "voor alle studenten, 80-90% voldoende" in svg
    assert "{#" not in page
    assert "voor een kleine groep (5-15%)" in svg
    assert "voor enkelen (1-5%)" in svg
    assert "voor allen," not in svg


def test_the_upper_layers_say_the_placement_of_their_questions_is_ours(login, cast, pyramid):
    page = _page(login, cast)
    note = "De handreiking stelt deze vragen bij de drie bovenste lagen samen"
    assert page.count(note) == 3  # sterke basis, extra, intensief; not the fundament
    url = reverse("pyramid:notes", args=[cast.school.slug, pyramid.code, "extra"])
    assert note in login(cast.kernteam).get(url).content.decode()
    url = reverse("pyramid:notes", args=[cast.school.slug, pyramid.code, "fundament"])
    assert note not in login(cast.kernteam).get(url).content.decode()
