"""Issue 22: the about page's "Wie zegt wat?" lists every module's own rules as ours."""

from django.urls import reverse

from pyramid import balance


def test_the_about_page_lists_the_modules_own_rules(client, db):
    page = client.get(reverse("circles:about")).content.decode()
    assert 'id="regels-van-de-modules"' in page
    rules = page[page.index('id="regels-van-de-modules"') :]
    for words in (
        "cijfer van 1 tot 4",  # climate log
        "‘gedaald’ en ‘negatief’",
        "tot en met 15 oktober",  # gouden weken default
        "de klasmodus",  # gevoelsthermometer
        "score van 1 tot 5",  # check-in
        "de trend",
        "Coie, Dodge en Coppotelli",  # sociogram
        "na 8 tot 10 weken opnieuw",
        "‘sociaal zwakker’",  # the flags' short names
        "‘liever niet’",  # seating rules
        "hoogstens twee van een gesloten groepje",
        "‘staat stevig’",  # pyramid
        "welke vraag bij welke laag",
        "de zeven stappen",  # route
    ):
        assert words in rules, words
    # The pyramid's thresholds as the code has them.
    assert f"minstens {balance.THIN_FUNDAMENT} aanbod" in rules
    assert f"meer dan {balance.TOP_SHARE_MAX['extra']}%" in rules
    assert f"meer dan {balance.TOP_SHARE_MAX['intensief']}%" in rules


def test_the_legend_links_to_the_modules_rules(client, db):
    page = client.get(reverse("circles:about")).content.decode()
    assert reverse("circles:about") + "#regels-van-de-modules" in page
