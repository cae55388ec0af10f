"""Filling in handvatten: who may, saving (plain and autosave), conflicts, history, plans."""

import json
import re

import pytest
from django.urls import reverse

from circles.models import Handvat, Plan, Round
from circles.services import complete_round, save_answers, start_round
from tests.factories import make_member
from welbevinden.schools.models import Role

# The round engine on school questions (checklist, teamagenda; see conftest).
pytestmark = pytest.mark.usefixtures("school_handvatten_as_rounds")


def _round(cast, key, user=None, group=None):
    handvat = Handvat.objects.get(key=key)
    return start_round(
        handvat=handvat, school=cast.school, user=user or cast.leraar.user, group=group
    )


def _url(name, cast, *args):
    return reverse(f"circles:{name}", args=[cast.school.slug, *args])


# Privacy ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["beheerder", "directie", "ib", "kernteam", "other_leraar"])
def test_a_personal_round_does_not_exist_for_anyone_else(login, cast, role):
    round = _round(cast, "eigen-instrument")
    client = login(getattr(cast, role))
    for name in ("round", "autosave", "complete", "reopen"):
        method = client.get if name == "round" else client.post
        assert method(_url(name, cast, round.code)).status_code == 404


def test_the_author_sees_their_personal_round(login, cast):
    round = _round(cast, "eigen-instrument")
    response = login(cast.leraar).get(_url("round", cast, round.code))
    assert response.status_code == 200
    assert "Waarin geef ik mijn klas het goede voorbeeld?" in response.content.decode()
    assert "alleen jij ziet wat je hier invult" in response.content.decode()


def test_personal_work_is_not_listed_for_others(login, cast):
    round = _round(cast, "eigen-instrument")
    save_answers(round=round, answers={"x": "geheim"}, version=0, user=cast.leraar.user)
    for role in ("beheerder", "directie", "kernteam"):
        client = login(getattr(cast, role))
        for url in (
            _url("mine", cast),
            _url("circle", cast, 1),
            _url("handvat", cast, "eigen-instrument"),
        ):
            content = client.get(url).content.decode()
            assert str(round.code) not in content


def test_group_work_is_for_the_groups_teachers_and_read_by_ib(login, cast):
    round = _round(cast, "groepsklimaat", group=cast.group)
    assert login(cast.leraar).get(_url("round", cast, round.code)).status_code == 200
    ib = login(cast.ib).get(_url("round", cast, round.code))
    assert ib.status_code == 200
    assert 'id="round-form"' not in ib.content.decode()
    assert (
        login(cast.ib).post(_url("autosave", cast, round.code), {"version": 0}).status_code == 403
    )
    for role in ("other_leraar", "kernteam", "directie", "beheerder"):
        assert login(getattr(cast, role)).get(_url("round", cast, round.code)).status_code == 403


def test_school_work_is_filled_in_by_the_kernteam_and_read_by_all(login, cast):
    round = _round(cast, "checklist", user=cast.kernteam.user)
    assert (
        'id="round-form"'
        in login(cast.kernteam).get(_url("round", cast, round.code)).content.decode()
    )
    for role in ("leraar", "directie", "beheerder"):
        client = login(getattr(cast, role))
        page = client.get(_url("round", cast, round.code))
        assert page.status_code == 200
        assert 'id="round-form"' not in page.content.decode()
        assert client.post(_url("autosave", cast, round.code), {"version": 0}).status_code == 403


def test_only_the_kernteam_starts_school_work(login, cast):
    assert login(cast.leraar).post(_url("start", cast, "checklist")).status_code == 403
    response = login(cast.kernteam).post(_url("start", cast, "checklist"))
    assert response.status_code == 302
    assert Round.objects.filter(handvat__key="checklist", school=cast.school).count() == 1


def test_only_a_groups_teacher_starts_its_group_work(login, cast):
    url = _url("group_start", cast, cast.group.code, "groepsklimaat")
    assert login(cast.other_leraar).post(url).status_code == 403
    assert login(cast.ib).post(url).status_code == 403
    assert login(cast.leraar).post(url).status_code == 302


def test_starting_twice_continues_the_open_round(login, cast):
    client = login(cast.leraar)
    first = client.post(_url("start", cast, "eigen-instrument")).url
    second = client.post(_url("start", cast, "eigen-instrument")).url
    assert first == second


# Saving ------------------------------------------------------------------------


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_a_plain_submit_saves_without_javascript(login, cast):
    round = _round(cast, "groepsklimaat", group=cast.group)
    response = login(cast.leraar).post(
        _url("round", cast, round.code),
        {
            "version": 0,
            "klimaat": "moeizaam",
            "momenten": "In de kring.",
            "kan-ik-goed": "luisteren",
            "opslaan": "",
        },
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.answers["klimaat"] == "moeizaam"
    assert round.answers["momenten"] == "In de kring."
    assert round.answers["kan-ik-goed"] == "luisteren"
    assert round.version == 1


def test_autosave_answers_with_the_time_and_the_new_version(login, cast):
    round = _round(cast, "eigen-instrument")
    client = login(cast.leraar)
    response = client.post(
        _url("autosave", cast, round.code),
        {"version": 0, "plezier": "Als we samen lachen."},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"Opgeslagen om \d\d:\d\d", content)
    assert 'id="id_version" value="1" hx-swap-oob="true"' in content
    round.refresh_from_db()
    assert round.version == 1


def test_a_too_long_answer_is_refused_with_a_message_and_nothing_is_lost(login, cast):
    round = _round(cast, "eigen-instrument")
    key = _first_question_key(round)
    save_answers(round=round, answers={key: "eerste versie"}, version=0, user=cast.leraar.user)
    response = login(cast.leraar).post(
        _url("autosave", cast, round.code), {"version": 1, key: "x" * 5001}
    )
    assert response.status_code == 422
    assert "Niet opgeslagen" in response.content.decode()
    round.refresh_from_db()
    assert round.answers[key] == "eerste versie"


def _step_keys(round, number=1):
    return [q["key"] for q in round.handvat.content["steps"][number - 1]["questions"]]


def _first_question_key(round):
    return round.handvat.content["steps"][0]["questions"][0]["key"]


def test_an_expired_session_gets_401_and_the_answer_stays_unsaved(login, cast):
    from welbevinden.accounts.middleware import LAST_SEEN_KEY

    round = _round(cast, "eigen-instrument")
    client = login(cast.leraar)
    session = client.session
    session[LAST_SEEN_KEY] -= 31 * 60
    session.save()
    response = client.post(
        _url("autosave", cast, round.code),
        {"version": 0, _first_question_key(round): "tekst"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 401
    round.refresh_from_db()
    assert round.answers == {}


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_a_concurrent_edit_by_someone_else_shows_both_versions(login, cast):
    second_teacher = make_member(
        cast.school, Role.LERAAR, groups=[cast.group], full_name="Tess Tweede"
    )
    round = _round(cast, "groepsklimaat", group=cast.group)
    # Lars loads the page at version 0; Tess saves first.
    save_answers(
        round=round, answers={"momenten": "Tess: elke vrijdag"}, version=0, user=second_teacher.user
    )

    base = json.dumps(dict.fromkeys(_step_keys(round)))
    response = login(cast.leraar).post(
        _url("autosave", cast, round.code),
        {"version": 0, "base": base, "momenten": "Lars: elke maandag"},
    )
    content = response.content.decode()
    assert response.status_code == 409
    assert "Tess: elke vrijdag" in content and "Lars: elke maandag" in content
    assert "Tess Tweede" in content
    round.refresh_from_db()
    assert round.answers["momenten"] == "Tess: elke vrijdag"

    # Choosing "Bewaar mijn versie" sends the version it has now seen.
    forced = login(cast.leraar).post(
        _url("autosave", cast, round.code),
        {"force_version": round.version, "momenten": "Lars: elke maandag"},
    )
    assert forced.status_code == 200
    round.refresh_from_db()
    assert round.answers["momenten"] == "Lars: elke maandag"


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_a_concurrent_edit_of_other_fields_merges_without_conflict(login, cast):
    second_teacher = make_member(cast.school, Role.LERAAR, groups=[cast.group])
    round = _round(cast, "groepsklimaat", group=cast.group)
    save_answers(round=round, answers={"momenten": "vrijdag"}, version=0, user=second_teacher.user)
    # Lars's page was loaded before Tess saved: its base has every answer empty.
    base = json.dumps(dict.fromkeys(_step_keys(round)))
    response = login(cast.leraar).post(
        _url("autosave", cast, round.code),
        {"version": 0, "base": base, "vastlopen": "Ik vraag de IB'er."},
    )
    assert response.status_code == 200
    round.refresh_from_db()
    assert round.answers["momenten"] == "vrijdag"
    assert round.answers["vastlopen"] == "Ik vraag de IB'er."


def test_the_plain_form_shows_a_conflict_too(login, cast):
    second = make_member(cast.school, Role.KERNTEAM)
    round = _round(cast, "checklist", user=cast.kernteam.user)
    save_answers(round=round, answers={"gaat-goed": "De pauzes"}, version=0, user=second.user)
    response = login(cast.kernteam).post(
        _url("round", cast, round.code), {"version": 0, "gaat-goed": "De lessen"}
    )
    assert response.status_code == 200
    assert "Beide versies staan hieronder" in response.content.decode()


# Steps, finishing, history --------------------------------------------------------


def test_a_stepped_handvat_is_a_wizard(login, cast):
    round = _round(cast, "medeverantwoordelijk", group=cast.group)
    client = login(cast.leraar)
    page = client.get(_url("round", cast, round.code)).content.decode()
    assert "Stap 1 van 3" in page
    assert 'aria-current="step"' in page
    response = client.post(
        _url("round", cast, round.code) + "?stap=1", {"version": 0, "volgende": ""}
    )
    assert response.url.endswith("?stap=2")
    assert "Stap 2 van 3" in client.get(response.url).content.decode()
    assert client.get(_url("round", cast, round.code) + "?stap=99").status_code == 200
    assert client.get(_url("round", cast, round.code) + "?stap=abc").status_code == 200


def test_finishing_and_redoing_keeps_the_history(login, cast):
    client = login(cast.leraar)
    round = _round(cast, "eigen-instrument")
    key = _first_question_key(round)
    save_answers(round=round, answers={key: "Eerste keer"}, version=0, user=cast.leraar.user)
    client.post(_url("complete", cast, round.code))
    round.refresh_from_db()
    assert round.is_completed

    again = client.post(_url("start", cast, "eigen-instrument")).url
    second = Round.objects.get(code=again.rstrip("/").split("/")[-1])
    assert second.number == 2
    page = client.get(again).content.decode()
    assert "Eerste keer" in page  # the earlier answer beside the question
    handvat_page = client.get(_url("handvat", cast, "eigen-instrument")).content.decode()
    assert "Eerdere rondes" in handvat_page and "Ronde 1" in handvat_page


def test_a_finished_round_reads_back_and_can_be_reopened(login, cast):
    round = _round(cast, "eigen-instrument")
    complete_round(round=round)
    client = login(cast.leraar)
    page = client.get(_url("round", cast, round.code)).content.decode()
    assert 'id="round-form"' not in page
    late = client.post(_url("autosave", cast, round.code), {"version": 0})
    assert late.status_code == 409
    assert "intussen afgerond" in late.content.decode()
    client.post(_url("reopen", cast, round.code))
    round.refresh_from_db()
    assert not round.is_completed


# Plans -------------------------------------------------------------------------


def test_a_plan_shows_on_the_home_page_until_done(login, cast):
    round = _round(cast, "ruimte-voor-ontspanning")
    client = login(cast.leraar)
    client.post(
        _url("autosave", cast, round.code),
        {
            "version": 0,
            "plan__wat": "Elke dinsdag wandelen",
            "plan__wanneer": "in de pauze",
            "plan__met_wie": "met Karin",
        },
    )
    plan = Plan.objects.get()
    home = reverse("dashboard:home", args=[cast.school.slug])
    assert "Elke dinsdag wandelen" in client.get(home).content.decode()
    assert "Elke dinsdag wandelen" not in login(cast.ib).get(home).content.decode()
    assert login(cast.ib).post(_url("plan_done", cast, plan.code)).status_code == 404
    login(cast.leraar).post(_url("plan_done", cast, plan.code))
    assert "Elke dinsdag wandelen" not in client.get(home).content.decode()


# Pages ---------------------------------------------------------------------------


def test_the_schijf_van_zeven_draws_a_radar_chart(login, cast):
    round = _round(cast, "schijf-van-zeven")
    save_answers(
        round=round, answers={"tijd": {"focus": 4, "slaap": 2}}, version=0, user=cast.leraar.user
    )
    page = login(cast.leraar).get(_url("round", cast, round.code)).content.decode()
    assert "<polygon points=" in page
    assert "Focus tijd: 4" in page
    assert "," not in re.search(r'<line x1="([^"]+)"', page).group(1)


def test_the_circle_page_shows_content_and_status(login, cast, django_assert_max_num_queries):
    _round(cast, "rol-leraar", group=cast.group)
    client = login(cast.leraar)
    with django_assert_max_num_queries(12):
        page = client.get(_url("circle", cast, 3)).content.decode()
    assert "Kernboodschap" in page and "Onderbouwing" in page
    assert "De rol van leraren bij groepsvorming" in page
    assert "Bezig" in page
    assert "Trimbos-instituut" in page


def test_mijn_handvatten_shows_progress_per_circle(login, cast, django_assert_max_num_queries):
    round = _round(cast, "eigen-instrument")
    complete_round(round=round)
    client = login(cast.leraar)
    with django_assert_max_num_queries(12):
        page = client.get(_url("mine", cast)).content.decode()
    assert "1 van 3 afgerond" in page


def test_the_about_page_is_public_and_attributed(client, db):
    page = client.get(reverse("circles:about")).content.decode()
    assert "Preventief werken aan welbevinden" in page
    assert "Wat betekenen de cirkels?" in page
    assert "Trimbos-instituut" in page


def test_an_unknown_circle_or_handvat_is_404(login, cast):
    client = login(cast.leraar)
    assert client.get(_url("circle", cast, 7)).status_code == 404
    assert client.get(_url("handvat", cast, "bestaat-niet")).status_code == 404


def test_an_htmx_save_without_a_session_gets_401_not_the_login_page(client, cast):
    round = _round(cast, "eigen-instrument")
    response = client.post(
        _url("autosave", cast, round.code), {"version": 0}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 401
    assert response.content == b""


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_choosing_my_version_keeps_the_colleagues_other_changes(login, cast):
    tess = make_member(cast.school, Role.LERAAR, groups=[cast.group])
    round = _round(cast, "groepsklimaat", group=cast.group)
    base = json.dumps(dict.fromkeys(_step_keys(round)))
    save_answers(
        round=round,
        answers={"momenten": "Tess: vrijdag", "vastlopen": "Tess vraagt de IB'er"},
        version=0,
        user=tess.user,
    )
    client = login(cast.leraar)
    mine = {"version": 0, "base": base, "momenten": "Lars: maandag", "kan-ik-goed": "luisteren"}
    first = client.post(_url("autosave", cast, round.code), mine)
    assert first.status_code == 409
    round.refresh_from_db()
    # What did not clash is saved at once: nobody loses their own edit.
    assert round.answers["kan-ik-goed"] == "luisteren"
    assert round.answers["momenten"] == "Tess: vrijdag"

    forced = client.post(_url("autosave", cast, round.code), {**mine, "force_version": "1"})
    assert forced.status_code == 200
    round.refresh_from_db()
    assert round.answers["momenten"] == "Lars: maandag"
    assert round.answers["vastlopen"] == "Tess vraagt de IB'er"


def test_an_untouched_empty_plan_does_not_clash_with_a_colleagues_plan(login, cast):
    tess = make_member(cast.school, Role.KERNTEAM)
    round = _round(cast, "teamagenda", user=cast.kernteam.user)
    base = json.dumps(dict.fromkeys(_step_keys(round)))
    save_answers(
        round=round,
        answers={"plan": {"wat": "Agenda", "wanneer": "", "met_wie": ""}},
        version=0,
        user=tess.user,
    )
    response = login(cast.kernteam).post(
        _url("autosave", cast, round.code),
        {
            "version": 0,
            "base": base,
            "evalueren": "In juni",
            "plan__wat": "",
            "plan__wanneer": "",
            "plan__met_wie": "",
        },
    )
    assert response.status_code == 200
    round.refresh_from_db()
    assert round.answers["plan"]["wat"] == "Agenda"


def test_a_plan_stays_with_its_maker_and_opens_again_when_changed(login, cast):
    tess = make_member(cast.school, Role.KERNTEAM)
    round = _round(cast, "teamagenda", user=cast.kernteam.user)
    save_answers(
        round=round, answers={"plan": {"wat": "Agenda"}}, version=0, user=cast.kernteam.user
    )
    plan = Plan.objects.get()
    assert plan.user == cast.kernteam.user
    save_answers(round=round, answers={"evalueren": "juni"}, version=round.version, user=tess.user)
    plan.refresh_from_db()
    assert plan.user == cast.kernteam.user
    from circles.services import mark_plan_done

    mark_plan_done(plan=plan)
    save_answers(
        round=round,
        answers={"plan": {"wat": "Nieuwe agenda"}},
        version=round.version,
        user=tess.user,
    )
    plan.refresh_from_db()
    assert plan.done_at is None and plan.what == "Nieuwe agenda"


def test_after_a_plain_conflict_the_page_keeps_its_old_base(login, cast):
    second = make_member(cast.school, Role.KERNTEAM)
    round = _round(cast, "checklist", user=cast.kernteam.user)
    save_answers(round=round, answers={"gaat-goed": "De pauzes"}, version=0, user=second.user)
    base = json.dumps(dict.fromkeys(_step_keys(round)))
    page = (
        login(cast.kernteam)
        .post(
            _url("round", cast, round.code), {"version": 0, "base": base, "gaat-goed": "De lessen"}
        )
        .content.decode()
    )
    assert 'name="version" id="id_version" value="0"' in page
    assert "De lessen" in page


def test_a_plain_save_after_a_colleague_finished_keeps_the_text_on_the_page(login, cast):
    round = _round(cast, "checklist", user=cast.kernteam.user)
    complete_round(round=round)
    response = login(cast.kernteam).post(
        _url("round", cast, round.code), {"version": 0, "gaat-goed": "Mijn tekst"}
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "intussen afgerond" in content
    assert "Mijn tekst" in content


def test_a_broken_base_is_treated_as_unknown_not_a_500(login, cast):
    round = _round(cast, "eigen-instrument")
    response = login(cast.leraar).post(
        _url("autosave", cast, round.code), {"version": 0, "base": "[" * 100000}
    )
    assert response.status_code == 200


def test_an_owner_never_has_two_open_rounds(cast):
    from django.db import IntegrityError, transaction

    first = _round(cast, "eigen-instrument")
    assert _round(cast, "eigen-instrument") == first
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.create(
            school=cast.school,
            handvat=first.handvat,
            scope="personal",
            owner=cast.leraar.user,
            number=2,
        )


def test_reopening_is_refused_while_a_newer_round_is_open(login, cast):
    first = _round(cast, "eigen-instrument")
    complete_round(round=first)
    _round(cast, "eigen-instrument")
    response = login(cast.leraar).post(_url("reopen", cast, first.code), follow=True)
    assert "Er is al een nieuwe ronde bezig" in response.content.decode()
    first.refresh_from_db()
    assert first.is_completed


@pytest.mark.usefixtures("groepsklimaat_as_rounds")
def test_the_round_page_issues_a_bounded_number_of_queries(
    login, cast, django_assert_max_num_queries
):
    first = _round(cast, "groepsklimaat", group=cast.group)
    save_answers(round=first, answers={"momenten": "maandag"}, version=0, user=cast.leraar.user)
    complete_round(round=first)
    second = _round(cast, "groepsklimaat", group=cast.group)
    client = login(cast.leraar)
    with django_assert_max_num_queries(14):
        page = client.get(_url("round", cast, second.code))
    assert "maandag" in page.content.decode()


def test_jumping_to_another_step_saves_this_one_first(login, cast):
    round = _round(cast, "medeverantwoordelijk", group=cast.group)
    key = _step_keys(round, 1)[0]
    response = login(cast.leraar).post(
        _url("round", cast, round.code) + "?stap=1",
        {"version": 0, key: "Sanne en Mees", "naar_stap": "3"},
    )
    assert response.url.endswith("?stap=3")
    round.refresh_from_db()
    assert round.answers[key] == "Sanne en Mees"


@pytest.mark.parametrize("step", ["²", "٣", "9" * 5000])
def test_a_step_that_is_no_plain_number_stays_on_this_step(login, cast, step):
    # "²".isdigit() is true and int("²") fails: a server error (issue 19).
    round = _round(cast, "medeverantwoordelijk", group=cast.group)
    key = _step_keys(round, 1)[0]
    response = login(cast.leraar).post(
        _url("round", cast, round.code) + "?stap=1",
        {"version": 0, key: "Sanne en Mees", "naar_stap": step},
    )
    assert response.status_code == 302
    assert response.url.endswith("?stap=1")
