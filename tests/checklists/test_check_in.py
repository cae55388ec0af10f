"""Check-in: answered on phones, projected as an aggregate only, from MIN_GROUP_SIZE answers."""

from django.urls import reverse

from checklists import selectors, services
from checklists.checkin import result
from checklists.models import CheckInParticipant, CheckInTally
from checklists.selectors import check_in_trend, trend_chart
from tests.factories import make_member
from tests.reports.conftest import pdf_text
from welbevinden.schools.models import Role


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def _answer(client, cast, check_in, member, value):
    client.force_login(member.user)
    return client.post(_url(cast, "answer", check_in.short), {"value": value})


def _team(cast, n):
    return [make_member(cast.school, Role.LERAAR, full_name=f"Collega {i}") for i in range(n)]


def test_four_answers_show_no_distribution_five_do(client, settings, cast):
    settings.MIN_GROUP_SIZE = 5
    few = services.start_check_in(
        school=cast.school, meeting="Teamvergadering", prompt="weerbericht", user=cast.kernteam.user
    )
    enough = services.start_check_in(
        school=cast.school, meeting="Bouwvergadering", prompt="weerbericht", user=cast.kernteam.user
    )
    team = _team(cast, 5)
    for member in team[:4]:
        _answer(client, cast, few, member, "zon")
    for member in team:
        _answer(client, cast, enough, member, "zon")
    services.close_check_in(check_in=few)
    services.close_check_in(check_in=enough)
    client.force_login(cast.kernteam.user)
    live = client.get(_url(cast, "live", few.code)).content.decode()
    assert "4 antwoorden" in live
    assert "Zonnig" not in live and "Gemiddeld" not in live
    live = client.get(_url(cast, "live", enough.code)).content.decode()
    assert "5 antwoorden" in live
    assert "Zonnig" in live and "Gemiddeld 5.0" in live.replace(",", ".")


def test_an_open_check_in_shows_only_the_number_of_answers_until_it_is_closed(
    client, settings, cast
):
    # Two looks at the projected page one answer apart would give that answer
    # away, so nothing but the count shows while answers come in.
    settings.MIN_GROUP_SIZE = 5
    check_in = services.start_check_in(
        school=cast.school, meeting="Teamvergadering", prompt="weerbericht", user=cast.kernteam.user
    )
    team = _team(cast, 6)
    for member in team[:5]:
        _answer(client, cast, check_in, member, "zon")
    client.force_login(cast.kernteam.user)
    before = client.get(_url(cast, "live", check_in.code)).content.decode()
    _answer(client, cast, check_in, team[5], "regen")
    client.force_login(cast.kernteam.user)
    after = client.get(_url(cast, "live", check_in.code))
    assert after.status_code == 200  # htmx keeps polling
    after = after.content.decode()
    assert "5 antwoorden" in before and "6 antwoorden" in after
    for live in (before, after):
        assert "Zonnig" not in live and "Regen" not in live and "Gemiddeld" not in live
        assert "De uitslag verschijnt als de check-in is gesloten" in live
    assert before.replace("5 antwoorden", "6 antwoorden") == after
    page = client.get(_url(cast, "projected", check_in.code)).content.decode()
    assert "Zonnig" not in page and "zodat niemand kan zien wat één collega koos" in page
    # The agenda's trend shows no mean of it either.
    agenda = client.get(_url(cast, "agenda")).content.decode()
    assert "nog open" in agenda[agenda.index("Teamvergadering") :][:400]

    closed = client.post(_url(cast, "close", check_in.code))
    assert closed.url == _url(cast, "projected", check_in.code)
    page = client.get(closed.url).content.decode()
    assert "Zonnig" in page and "Regen" in page
    assert "De uitslag verschijnt" not in page
    # A projector that was still polling gets the result and stops (htmx: 286).
    assert client.get(_url(cast, "live", check_in.code)).status_code == 286


def test_an_open_word_check_in_shows_no_words_until_it_is_closed(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="een-woord-beeld", user=cast.kernteam.user
    )
    for member, word in zip(_team(cast, 5), ["moe", "blij", "rustig", "druk", "blij"], strict=True):
        _answer(client, cast, check_in, member, word)
    client.force_login(cast.kernteam.user)
    live = client.get(_url(cast, "live", check_in.code)).content.decode()
    assert "rustig" not in live and "5 antwoorden" in live
    services.close_check_in(check_in=check_in)
    assert "rustig" in client.get(_url(cast, "live", check_in.code)).content.decode()


def test_small_cells_stay_hidden_once_the_total_is_shown():
    shown = result("weerbericht", {"zon": 4, "regen": 1}, 5, closed=True)
    assert shown.shown
    # 1 is below the minimum, and 4 would give it away: both hidden.
    assert {o.key: n for o, n in shown.rows if o.key in ("zon", "regen")} == {
        "zon": None,
        "regen": None,
    }


def test_nobody_can_see_who_answered_what(client, cast):
    check_in = services.start_check_in(
        school=cast.school,
        meeting="Bouwvergadering",
        prompt="een-woord-beeld",
        user=cast.kernteam.user,
    )
    team = _team(cast, 5)
    for member, word in zip(team, ["Moe", "blij", "rustig", "druk", "blij"], strict=True):
        _answer(client, cast, check_in, member, word)
    services.close_check_in(check_in=check_in)
    # Stored as counts per answer; who took part is kept apart, without the answer.
    assert dict(CheckInTally.objects.values_list("value", "count")) == {
        "moe": 1,
        "blij": 2,
        "rustig": 1,
        "druk": 1,
    }
    assert [f.name for f in CheckInTally._meta.get_fields()] == ["id", "check_in", "value", "count"]
    client.force_login(cast.kernteam.user)
    page = client.get(_url(cast, "projected", check_in.code)).content.decode()
    for member in team:
        assert member.user.full_name not in page
    assert "rustig" in page


def test_a_colleague_answers_once(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="emoji", user=cast.kernteam.user
    )
    _answer(client, cast, check_in, cast.leraar, "blij")
    again = _answer(client, cast, check_in, cast.leraar, "moe")
    assert again.status_code == 302
    assert dict(CheckInTally.objects.filter(count__gt=0).values_list("value", "count")) == {
        "blij": 1
    }
    assert CheckInParticipant.objects.count() == 1
    assert "Je hebt geantwoord" in client.get(_url(cast, "answer", check_in.short)).content.decode()


def test_a_bad_answer_is_refused_in_dutch(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="weerbericht", user=cast.kernteam.user
    )
    response = _answer(client, cast, check_in, cast.leraar, "sneeuw")
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not CheckInTally.objects.filter(count__gt=0).exists()


def test_a_closed_check_in_takes_no_answers(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="emoji", user=cast.kernteam.user
    )
    services.close_check_in(check_in=check_in)
    _answer(client, cast, check_in, cast.leraar, "blij")
    assert not CheckInTally.objects.filter(count__gt=0).exists()


def test_the_projected_page_shows_the_short_link_a_qr_code_and_the_handreikings_prompt(
    client, cast
):
    client.force_login(cast.leraar.user)  # leraren take part and may start one
    response = client.post(
        _url(cast, "check_in_start"), {"meeting": "Studiedag", "prompt": "geslaagde-werkdag"}
    )
    page = client.get(response.url).content.decode()
    check_in = cast.school.check_ins.get()
    assert f"/s/{cast.school.slug}/c/{check_in.short}/" in page
    assert "<svg" in page and "QR-code" in page
    assert "wanneer is een werkdag voor jou geslaagd?" in page
    assert 'hx-trigger="every 3s"' in page


def test_outsiders_and_other_schools_short_links(client, cast, other):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="emoji", user=cast.kernteam.user
    )
    client.force_login(other.leraar.user)
    assert client.get(_url(cast, "answer", check_in.short)).status_code == 404
    assert (
        client.get(
            reverse("checklists:answer", args=[other.school.slug, check_in.short])
        ).status_code
        == 404
    )
    client.force_login(cast.leraar.user)  # only who started it, or the kernteam, closes it
    assert client.post(_url(cast, "close", check_in.code)).status_code == 403


def test_the_trend_shows_averages_only_for_check_ins_with_enough_answers(client, cast):
    few = services.start_check_in(
        school=cast.school, meeting="Kleine groep", prompt="emoji", user=None
    )
    many = services.start_check_in(
        school=cast.school, meeting="Hele team", prompt="emoji", user=None
    )
    team = _team(cast, 5)
    _answer(client, cast, few, team[0], "moe")
    for member in team:
        _answer(client, cast, many, member, "goed")
    services.close_check_in(check_in=few)
    services.close_check_in(check_in=many)
    client.force_login(cast.kernteam.user)
    page = client.get(_url(cast, "agenda")).content.decode()
    assert "te weinig" in page[page.index("Kleine groep") :][:300]
    assert "4.0" in page[page.index("Hele team") :][:300].replace(",", ".")


def test_no_mean_is_shown_of_an_answer_too_few_chose(client, settings, cast):
    # 4 x zon and 1 x onweer: "Gemiddeld 4,2" would give the one onweer away.
    settings.MIN_GROUP_SIZE = 5
    check_in = services.start_check_in(
        school=cast.school, meeting="Teamvergadering", prompt="weerbericht", user=cast.kernteam.user
    )
    team = _team(cast, 5)
    for member, value in zip(team, ["zon"] * 4 + ["onweer"], strict=True):
        _answer(client, cast, check_in, member, value)
    services.close_check_in(check_in=check_in)
    shown = result("weerbericht", selectors.tallies(check_in), 5, closed=True)
    assert shown.average is None
    assert all(count is None for _option, count in shown.rows)  # no zeros next to hidden ones
    client.force_login(cast.kernteam.user)
    live = client.get(_url(cast, "live", check_in.code)).content.decode()
    assert "5 antwoorden" in live
    assert "Gemiddeld" not in live and "4,2" not in live and "4.2" not in live
    assert ">0<" not in live
    # The trend on the agenda page and in its PDF: no bar and no mean.
    page = client.get(_url(cast, "agenda")).content.decode()
    assert "4,2" not in page and "4.2" not in page
    assert "niet getoond" in page[page.index("Teamvergadering") :][:400]
    chart = trend_chart(check_in_trend(cast.school))
    assert [bar.value for bar in chart.bars] == [""]
    pdf = pdf_text(client.get(_url(cast, "agenda_pdf")))
    assert "4,2" not in pdf and "4.2" not in pdf


def test_the_database_keeps_no_order_of_who_answered_what(client, cast):
    check_in = services.start_check_in(
        school=cast.school, meeting="Team", prompt="weerbericht", user=cast.kernteam.user
    )
    before = {(t.pk, t.value, t.count) for t in CheckInTally.objects.filter(check_in=check_in)}
    # Every option's row is there before anyone answers, so the first answer
    # makes no row of its own that could line up with the first participant.
    assert {value for _pk, value, _count in before} == {
        "zon",
        "zon-wolk",
        "bewolkt",
        "regen",
        "onweer",
    }
    team = _team(cast, 5)
    _answer(client, cast, check_in, team[0], "onweer")
    after = {(t.pk, t.value) for t in CheckInTally.objects.filter(check_in=check_in)}
    assert after == {(pk, value) for pk, value, _count in before}
    for member in team[1:]:
        _answer(client, cast, check_in, member, "zon")
    # Random keys and no timestamps: nothing to sort participants or tallies by.
    for model in (CheckInTally, CheckInParticipant):
        assert model._meta.pk.get_internal_type() == "UUIDField"
        assert not [
            f
            for f in model._meta.concrete_fields
            if f.get_internal_type() in ("DateTimeField", "DateField", "AutoField", "BigAutoField")
        ]
    # An open prompt's words are rows of their own, under random keys as well.
    words = services.start_check_in(
        school=cast.school, meeting="Team", prompt="een-woord-beeld", user=cast.kernteam.user
    )
    assert not CheckInTally.objects.filter(check_in=words).exists()
