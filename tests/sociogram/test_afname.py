"""Set-up, the afname with one-time codes, the pupil pages and the paper grid."""

import pytest
from django.urls import reverse

from sociogram import services
from sociogram.models import Nomination, Respondent, Sociogram, State


def url(name, cast, *args):
    return reverse(f"sociogram:{name}", args=[cast.school.slug, *args])


def test_a_teacher_sets_up_a_sociogram_with_the_handreikings_questions(cast, login):
    client = login(cast.leraar)
    page = client.get(url("new", cast, cast.group.code))
    assert "Met wie speel je graag?" in page.content.decode()
    data = {"title": "Najaar", "max_choices": "3"}
    for key in ("speel-graag", "zit-graag", "werk-graag", "speel-niet", "zit-niet", "werk-niet"):
        data[f"text-{key}"] = "Naast wie zit je graag?" if key == "zit-graag" else "x"
        data[f"feeds-{key}"] = "on"
    data["on-speel-graag"] = data["on-zit-graag"] = "on"
    response = client.post(url("new", cast, cast.group.code), data)
    sociogram = Sociogram.objects.get()
    assert response.status_code == 302
    assert sociogram.max_choices == 3
    assert [x["key"] for x in sociogram.asked] == ["speel-graag", "zit-graag"]
    assert sociogram.asked[1]["text"] == "Naast wie zit je graag?"
    # Every pupil of the group takes part, nobody of another group.
    assert sociogram.respondents.count() == 3


def test_negative_questions_are_off_unless_turned_on(cast, login):
    client = login(cast.leraar)
    page = client.get(url("new", cast, cast.group.code)).content.decode()
    assert 'name="on-speel-graag" id="id_on-speel-graag" checked' in page
    assert 'name="on-speel-niet" id="id_on-speel-niet">' in page


def test_set_up_without_a_positive_question_is_refused_keeping_the_text(cast, login):
    client = login(cast.leraar)
    data = {"title": "Mijn titel", "on-speel-niet": "on", "text-speel-niet": "Met wie niet?"}
    for key in ("speel-graag", "zit-graag", "werk-graag", "zit-niet", "werk-niet"):
        data[f"text-{key}"] = "x"
    response = client.post(url("new", cast, cast.group.code), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "minstens één vraag naar wie een leerling graag mag" in page
    assert "Mijn titel" in page and "Met wie niet?" in page
    assert not Sociogram.objects.exists()


def test_opening_gives_each_pupil_a_code_and_closing_takes_them_away(sociogram, login, cast):
    client = login(cast.leraar)
    client.post(url("open", cast, sociogram.code))
    codes = list(sociogram.respondents.values_list("answer_code", flat=True))
    assert all(codes) and len(set(codes)) == 3
    page = client.get(reverse("sociogram:detail", args=[cast.school.slug, sociogram.code]))
    assert "<strong>testserver/leerling/</strong>" in page.content.decode()
    client.post(url("close", cast, sociogram.code))
    assert not sociogram.respondents.exclude(answer_code=None).exists()
    sociogram.refresh_from_db()
    assert sociogram.state == State.CLOSED


def _answer(client, code, picks_per_question):
    start = client.post(reverse("sociogram:pupil_start"), {"code": code})
    assert start.status_code == 302, start.content
    responses = []
    for number, picks in enumerate(picks_per_question, start=1):
        path = f"{reverse('sociogram:pupil_question')}?vraag={number}"
        responses.append(client.post(path, {"gekozen": picks}))
    return responses


def test_a_pupil_answers_once_with_a_code_and_sees_no_results(client, sociogram, pupils):
    services.open_afname(sociogram)
    mees = Respondent.objects.get(pk=pupils["Mees"].pk)
    code = mees.answer_code
    page = client.post(reverse("sociogram:pupil_start"), {"code": mees.answer_code.lower()})
    assert page.status_code == 302
    question = client.get(reverse("sociogram:pupil_question"))
    html = question.content.decode()
    # Classmates' first names, never their own, nothing of the school.
    assert "Sanne" in html and "Yara" in html and "Mees" not in html
    assert "Het Anker" not in html and "Groep 6b" not in html and "Sanne B." not in html
    sanne, yara = pupils["Sanne"].pk, pupils["Yara"].pk
    last = _answer(client, mees.answer_code.lower(), [[sanne], [yara], [sanne, yara]])[-1]
    assert last.url == reverse("sociogram:pupil_done")
    given = set(Nomination.objects.values_list("question", "chosen_id"))
    assert given == {
        ("speel-graag", sanne),
        ("speel-niet", yara),
        ("zit-graag", sanne),
        ("zit-graag", yara),
    }
    mees.refresh_from_db()
    assert mees.answered_at and mees.answer_code is None
    # The code is used up.
    again = client.post(reverse("sociogram:pupil_start"), {"code": code})
    assert again.status_code == 400
    assert "klopt niet of werkt niet meer" in again.content.decode()


def test_the_pupil_pages_are_not_stored_and_send_no_referrer_out(client, sociogram, pupils):
    services.open_afname(sociogram)
    code = Respondent.objects.get(pk=pupils["Yara"].pk).answer_code
    for response in (
        client.get(reverse("sociogram:pupil_start")),
        client.post(reverse("sociogram:pupil_start"), {"code": code}),
        client.get(reverse("sociogram:pupil_question")),
    ):
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "same-origin"
        # Nothing on the page points outside the app, so no referrer can leave it.
        assert "http" not in response.content.decode().replace("http-equiv", "")


def test_a_closed_afname_stops_a_pupil_halfway(client, sociogram, pupils):
    services.open_afname(sociogram)
    code = Respondent.objects.get(pk=pupils["Yara"].pk).answer_code
    client.post(reverse("sociogram:pupil_start"), {"code": code})
    services.close_afname(sociogram)
    response = client.get(reverse("sociogram:pupil_question"))
    assert response.status_code == 302 and response.url == reverse("sociogram:pupil_start")
    assert not Nomination.objects.exists()


def test_a_pupil_cannot_choose_themself_or_a_stranger(client, sociogram, pupils, other):
    services.open_afname(sociogram)
    yara = Respondent.objects.get(pk=pupils["Yara"].pk)
    _answer(client, yara.answer_code, [[yara.pk, pupils["Mees"].pk, 99999], [], []])
    assert set(Nomination.objects.values_list("rater_id", "chosen_id")) == {
        (yara.pk, pupils["Mees"].pk)
    }


def test_too_many_names_is_a_clear_message_keeping_the_choice(client, sociogram, pupils):
    sociogram.max_choices = 1
    sociogram.save()
    services.open_afname(sociogram)
    yara = Respondent.objects.get(pk=pupils["Yara"].pk)
    client.post(reverse("sociogram:pupil_start"), {"code": yara.answer_code})
    both = [pupils["Mees"].pk, pupils["Sanne"].pk]
    response = client.post(reverse("sociogram:pupil_question"), {"gekozen": both})
    assert response.status_code == 400
    html = response.content.decode()
    assert "hoogstens 1 namen" in html
    assert html.count("checked") == 2


def test_guessing_codes_is_rate_limited(client, sociogram, pupils, settings):
    settings.SOCIOGRAM_CODE_FAILURE_LIMIT = 3
    services.open_afname(sociogram)
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC"):
        assert client.post(reverse("sociogram:pupil_start"), {"code": guess}).status_code == 400
    right = Respondent.objects.get(pk=pupils["Yara"].pk).answer_code
    response = client.post(reverse("sociogram:pupil_start"), {"code": right})
    assert response.status_code == 429
    assert "Te vaak een verkeerde code" in response.content.decode()


def test_the_paper_grid_takes_numbers_and_keeps_wrong_input(sociogram, pupils, login, cast):
    client = login(cast.leraar)
    # Numbers follow the class list: 1 Mees, 2 Sanne, 3 Yara.
    mees, sanne, yara = pupils["Mees"], pupils["Sanne"], pupils["Yara"]
    data = {
        f"p{mees.pk}-speel-graag": "2 3",
        f"p{mees.pk}-speel-niet": "",
        f"p{sanne.pk}-speel-graag": "1, 7",
        # Each row as the page showed it (nobody had answered yet).
        **{f"p{r.pk}-was": "-" for r in (mees, sanne, yara)},
    }
    response = client.post(url("paper", cast, sociogram.code), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Typ alleen nummers van de lijst (1 tot en met 3)" in html
    assert 'value="1, 7"' in html
    data[f"p{sanne.pk}-speel-graag"] = "1"
    data[f"p{yara.pk}-deed-mee"] = "1"  # took part, chose nobody
    response = client.post(url("paper", cast, sociogram.code), data)
    assert response.status_code == 302
    assert set(Nomination.objects.values_list("rater_id", "chosen_id")) == {
        (mees.pk, sanne.pk),
        (mees.pk, yara.pk),
        (sanne.pk, mees.pk),
    }
    assert Respondent.objects.filter(answered_at__isnull=False).count() == 3
    assert set(Respondent.objects.values_list("via", flat=True)) == {"paper"}


def test_the_paper_grid_refuses_choosing_oneself(sociogram, pupils, login, cast):
    client = login(cast.leraar)
    mees = pupils["Mees"]
    response = client.post(url("paper", cast, sociogram.code), {f"p{mees.pk}-speel-graag": "1"})
    assert response.status_code == 400
    assert "Je kunt jezelf niet kiezen" in response.content.decode()
    assert not Nomination.objects.exists()


def test_a_pupil_who_joins_the_group_later_gets_a_code_when_reopened(sociogram, cast):
    from tests.factories import make_pupil

    services.open_afname(sociogram)
    services.close_afname(sociogram)
    make_pupil(cast.group, "Noah V.")
    services.open_afname(sociogram)
    noah = sociogram.respondents.get(pupil__display_name="Noah V.")
    assert noah.answer_code


@pytest.mark.parametrize("name", ["slips", "questionnaire"])
def test_the_printouts_are_pdfs(sociogram, login, cast, name):
    services.open_afname(sociogram)
    response = login(cast.leraar).get(url(name, cast, sociogram.code))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


def test_two_pupils_with_one_first_name_keep_their_initial(client, cast, sociogram, pupils):
    from tests.factories import make_pupil

    make_pupil(cast.group, "Sanne V.")
    services.open_afname(sociogram)
    code = Respondent.objects.get(pk=pupils["Yara"].pk).answer_code
    client.post(reverse("sociogram:pupil_start"), {"code": code})
    html = client.get(reverse("sociogram:pupil_question")).content.decode()
    assert "Sanne B." in html and "Sanne V." in html and "Mees<" in html


def test_a_pupils_answers_make_only_their_schools_pages_stale(client, sociogram, pupils, other):
    from django.core.cache import caches

    from welbevinden.core import pagecache

    services.open_afname(sociogram)
    mees = Respondent.objects.get(pk=pupils["Mees"].pk)
    client.post(reverse("sociogram:pupil_start"), {"code": mees.answer_code})
    pagecache.flush()
    shared = caches["default"]
    tables = ("sociogram_respondent", "sociogram_nomination")
    keys = [
        pagecache._generation_key(scope, table)
        for scope in (pagecache.ALL, other.school.slug)
        for table in ("", *tables)
    ]
    mine = pagecache._generation_key(sociogram.school.slug, "sociogram_respondent")
    pagecache.bump(pagecache.ALL, *tables)
    pagecache.bump(other.school.slug, *tables)
    before = shared.get_many(keys)
    mine_before = shared.get(mine)
    _answer(client, mees.answer_code, [[pupils["Sanne"].pk], [pupils["Yara"].pk], []])
    pagecache.flush()
    assert shared.get_many(keys) == before
    assert shared.get(mine) != mine_before
