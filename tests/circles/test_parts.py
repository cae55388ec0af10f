"""Who does a handvat follows the handreiking: parts with their own owner.

Reflecteer met collega's and the Schijf van Zeven: each colleague prepares
alone, and what a pair or trio agrees to share is recorded apart from it.
Teamagenda: the teacher's goals for their own class are the teacher's.
"""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from circles.models import Handvat, Round, Scope
from circles.services import start_round

# Parts are tested on the teamagenda's (it leads into the team agenda now; see conftest).
pytestmark = pytest.mark.usefixtures("school_handvatten_as_rounds")


def _url(name, cast, *args):
    return reverse(f"circles:{name}", args=[cast.school.slug, *args])


def _start(client, cast, key, part):
    response = client.post(_url("start", cast, key), {"deel": part})
    return Round.objects.get(code=response.url.rstrip("/").split("/")[-1])


def test_the_reflection_is_prepared_alone(login, cast):
    round = _start(login(cast.leraar), cast, "reflecteer", "personal")
    assert round.scope == Scope.PERSONAL and round.owner == cast.leraar.user
    for member in (cast.kernteam, cast.directie, cast.beheerder):
        assert login(member).get(_url("round", cast, round.code)).status_code == 404


def test_what_the_pair_shares_is_recorded_apart_and_read_by_every_member(login, cast):
    client = login(cast.leraar)
    preparation = _start(client, cast, "reflecteer", "personal")
    shared = _start(client, cast, "reflecteer", "shared")
    assert shared.scope == Scope.SHARED and shared != preparation
    page = client.get(_url("round", cast, shared.code)).content.decode()
    assert "Wat spreken jullie als tweetal of drietal af om met het team te delen?" in page
    assert "Waar beleef je op dit moment het meeste plezier aan?" not in page

    colleague = login(cast.other_leraar)
    assert colleague.get(_url("round", cast, shared.code)).status_code == 200
    response = colleague.post(_url("round", cast, shared.code), {"gedeeld": "Iets anders"})
    assert response.status_code == 403
    handvat_page = colleague.get(_url("handvat", cast, "reflecteer")).content.decode()
    assert "Gedeeld door Lars Leraar" in handvat_page


def test_the_teachers_own_goals_are_theirs_not_the_schools(login, cast):
    teacher = login(cast.leraar)
    page = teacher.get(_url("handvat", cast, "teamagenda")).content.decode()
    assert "Voor jezelf" in page  # a teacher outside the kernteam can fill in their own part
    own = _start(teacher, cast, "teamagenda", "personal")
    assert own.scope == Scope.PERSONAL
    assert "Welke doelen stel jij voor jouw klas(sen)?" in (
        teacher.get(_url("round", cast, own.code)).content.decode()
    )

    kernteam = login(cast.kernteam)
    school = _start(kernteam, cast, "teamagenda", "school")
    school_page = kernteam.get(_url("round", cast, school.code)).content.decode()
    assert "Welke doelen stel jij voor jouw klas(sen)?" not in school_page
    assert "Welke doelen stellen jullie als team voor de gehele school?" in school_page
    # The school's handvat page lists the school's rounds, never a colleague's own.
    handvat_page = kernteam.get(_url("handvat", cast, "teamagenda")).content.decode()
    assert str(own.code) not in handvat_page
    assert kernteam.get(_url("round", cast, own.code)).status_code == 404


def test_the_handvat_page_with_parts_has_a_bounded_number_of_queries(
    login, cast, django_assert_max_num_queries
):
    client = login(cast.leraar)
    _start(client, cast, "schijf-van-zeven", "personal")
    _start(client, cast, "schijf-van-zeven", "shared")
    _start(login(cast.other_leraar), cast, "schijf-van-zeven", "shared")
    client = login(cast.leraar)
    with django_assert_max_num_queries(12):
        page = client.get(_url("handvat", cast, "schijf-van-zeven"))
    assert "Gedeeld door Olga Ander" in page.content.decode()


def test_the_schijf_van_zeven_says_its_scale_and_web_are_ours(login, cast):
    client = login(cast.leraar)
    round = _start(client, cast, "schijf-van-zeven", "personal")
    page = client.get(_url("round", cast, round.code)).content.decode()
    assert "De schaal van 1 tot 5 en het web zijn van Welbevinden" in page
    assert "geen score" in page


def test_the_migration_moves_a_school_reflection_to_a_shared_round_losing_nothing(cast):
    handvat = Handvat.objects.get(key="reflecteer")
    old = Round.objects.create(
        school=cast.school,
        handvat=handvat,
        scope=Scope.SCHOOL,
        started_by=cast.kernteam.user,
        answers={"plezier": "De kring op maandag.", "parkeren": "De nieuwe methode."},
    )
    migration = importlib.import_module("circles.migrations.0005_scopes_follow_the_handreiking")
    migration.move_reflecteer(apps, None)

    old.refresh_from_db()
    assert old.scope == Scope.SHARED and old.owner == cast.kernteam.user
    assert set(old.answers) == {"gedeeld"}
    assert old.answers["gedeeld"] == (
        "Waar beleef je op dit moment het meeste plezier aan?\nDe kring op maandag.\n\n"
        "Wat kan je parkeren? Wat veroorzaakt de druk?\nDe nieuwe methode."
    )
    assert Round.objects.filter(handvat=handvat).count() == 1


def test_a_school_reflection_from_before_still_shows_every_question(login, cast):
    # A round nobody can own stays a school round; no step has that scope any
    # more, so it shows every step and its answers stay readable.
    handvat = Handvat.objects.get(key="reflecteer")
    old = Round.objects.create(
        school=cast.school, handvat=handvat, scope=Scope.SCHOOL, answers={"plezier": "Zingen."}
    )
    page = login(cast.leraar).get(_url("round", cast, old.code)).content.decode()
    assert "Zingen." in page


def test_start_round_keeps_the_handvats_own_scope_by_default(cast):
    handvat = Handvat.objects.get(key="teamagenda")
    round = start_round(handvat=handvat, school=cast.school, user=cast.kernteam.user)
    assert round.scope == Scope.SCHOOL


def test_the_migration_keeps_a_school_checkers_round_readable_by_every_member(login, cast):
    old = Round.objects.create(
        school=cast.school,
        handvat=Handvat.objects.get(key="checkers"),
        scope=Scope.SCHOOL,
        started_by=cast.kernteam.user,
        answers={"aantekeningen": "De snelwijzer hangt in de teamkamer."},
    )
    migration = importlib.import_module("circles.migrations.0005_scopes_follow_the_handreiking")
    migration.move_checkers(apps, None)

    old.refresh_from_db()
    assert old.scope == Scope.SHARED and old.owner == cast.kernteam.user
    assert old.answers == {"aantekeningen": "De snelwijzer hangt in de teamkamer."}
    page = login(cast.other_leraar).get(_url("round", cast, old.code)).content.decode()
    assert "De snelwijzer hangt in de teamkamer." in page


def test_a_plan_in_a_shared_round_is_on_its_recorders_home_page(login, cast):
    from circles.selectors import open_plans
    from circles.services import save_answers

    old = Round.objects.create(
        school=cast.school,
        handvat=Handvat.objects.get(key="checkers"),
        scope=Scope.SHARED,
        owner=cast.kernteam.user,
    )
    save_answers(
        round=old,
        answers={"plan": {"wat": "Snelwijzer ophangen", "wanneer": "", "met_wie": ""}},
        version=old.version,
        user=cast.kernteam.user,
    )
    assert [p.what for p in open_plans(cast.kernteam)] == ["Snelwijzer ophangen"]
    assert list(open_plans(cast.other_leraar)) == []
