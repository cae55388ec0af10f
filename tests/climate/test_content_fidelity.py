"""Issue 22: the log's own rules read as ours; the handreiking's words stay where the work is."""

from django.urls import reverse


def _url(name, cast, *, group=True):
    args = [cast.school.slug, cast.group.code] if group else [cast.school.slug]
    return reverse(f"climate:{name}", args=args)


def test_the_entry_form_asks_what_dit_refers_to_before_vind_je_dit_voldoende(login, cast):
    page = login(cast.leraar).get(_url("entry_new", cast)).content.decode()
    moments = (
        '<q class="hr">Sta eens stil bij alle momenten in de week waarop je bewust werkt aan de '
        "sfeer/dynamiek in de klas. Wanneer is dat?</q>"
    )
    assert moments in page
    assert page.index(moments) < page.index("Vind je dit voldoende")


def test_the_entry_form_keeps_the_handvats_other_questions_quoted(login, cast):
    page = login(cast.leraar).get(_url("entry_new", cast)).content.decode()
    assert '<q class="hr">Hoe zou je je eigen stijl omschrijven?</q>' in page
    assert '<q class="hr">Bij het vormen van een klas kan ik goed... (vul aan)</q>' in page
    assert '<q class="hr">Maar ik vind het lastiger om... (vul aan)</q>' in page
    assert "Wat doe je als je er zelf niet uitkomt met een klas?" in page
    assert "De cijfers 1 tot 4 zijn van ons" in page


def test_the_log_says_the_rhythm_flags_counts_and_gouden_weken_default_are_ours(login, cast):
    index = login(cast.directie).get(_url("index", cast, group=False)).content.decode()
    assert "Ons voorstel, niet van de handreiking: noteer om de week of twee" in index
    assert "Onze eigen regel (Welbevinden), niet die van de handreiking" in index
    overview = login(cast.ib).get(_url("overview", cast, group=False)).content.decode()
    assert "De signalen zijn van ons, niet van de handreiking" in overview
    settings_page = login(cast.kernteam).get(_url("settings", cast, group=False)).content.decode()
    assert "tot en met 15 oktober lopen, is onze keuze" in settings_page
    quoted = '<q class="hr">vanaf het begin schooljaar tot en met de herfstvakantie</q>'
    assert quoted in settings_page
    assert "(onze standaard)" in settings_page


def test_the_thermometer_page_gives_the_handreikings_use_and_marks_class_mode_ours(login, cast):
    page = login(cast.leraar).get(_url("thermometer", cast)).content.decode()
    assert "een aanknopingspunt om het gesprek aan te gaan met de leerling." in page
    assert "— uit de handreiking" in page
    assert "Wil je me vertellen hoe dat komt?" in page
    assert "de app bewaart er niets van, ook niets over het kind" in page
    assert "De klasmodus is onze aanvulling, niet van de handreiking" in page
    start = login(cast.leraar).get(_url("class_mode", cast)).content.decode()
    assert "De klasmodus is onze aanvulling, niet van de handreiking." in start
