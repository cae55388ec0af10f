"""Plans follow the work they come from: a person's own plans stay theirs; the plans of a
group's or the school's work are for whoever may fill in that work now."""

import pytest
from django.urls import reverse

from circles import permissions, selectors
from circles.models import Handvat, Plan, Round
from circles.services import mark_plan_done, save_answers, start_round
from tests.factories import make_member
from welbevinden.access import SchoolAccess
from welbevinden.schools.models import Role


def _start(cast, key, user, group=None):
    return start_round(
        handvat=Handvat.objects.get(key=key), school=cast.school, user=user, group=group
    )


def _write_plan(round, user, what):
    round.refresh_from_db()
    save_answers(round=round, answers={"plan": {"wat": what}}, version=round.version, user=user)


def _home(client, cast):
    return client.get(reverse("dashboard:home", args=[cast.school.slug])).content.decode()


def _done_url(cast, plan):
    return reverse("circles:plan_done", args=[cast.school.slug, plan.code])


def test_a_group_plan_moves_with_the_group_to_its_new_teacher(login, cast):
    round = _start(cast, "sociaal-emotioneel-leren", cast.leraar.user, group=cast.group)
    _write_plan(round, cast.leraar.user, "Kringgesprek over samenwerken")
    # The beheerder gives the group to another teacher, who carries on.
    cast.group.teachers.set([cast.other_leraar])
    _write_plan(round, cast.other_leraar.user, "Gesprek met ouders van Sam D. over pesten")
    plan = Plan.objects.get()

    first = login(cast.leraar)
    assert "Sam D." not in _home(first, cast)
    assert first.post(_done_url(cast, plan)).status_code == 403
    plan.refresh_from_db()
    assert plan.done_at is None

    new = login(cast.other_leraar)
    assert "Gesprek met ouders van Sam D. over pesten" in _home(new, cast)
    new.post(_done_url(cast, plan))
    plan.refresh_from_db()
    assert plan.done_at is not None


def test_a_school_plan_is_on_every_kernteam_members_home_page(login, cast):
    tess = make_member(cast.school, Role.KERNTEAM, full_name="Tess Team")
    round = _start(cast, "teamagenda", cast.kernteam.user)
    _write_plan(round, cast.kernteam.user, "Welbevinden elke maand op de agenda")
    assert "Welbevinden elke maand op de agenda" in _home(login(tess), cast)
    # Reading the school's work is not doing it: the plan is the kernteam's.
    assert "Welbevinden elke maand op de agenda" not in _home(login(cast.leraar), cast)
    plan = Plan.objects.get()
    assert login(cast.leraar).post(_done_url(cast, plan)).status_code == 403
    # Whoever wrote it, when they leave the kernteam, the plan stays with the kernteam.
    cast.kernteam.set_roles([Role.LERAAR])
    cast.kernteam.save()
    assert "Welbevinden elke maand op de agenda" not in _home(login(cast.kernteam), cast)


def test_the_ib_reads_group_plans_in_the_round_but_does_not_tick_them_off(login, cast):
    round = _start(cast, "sociaal-emotioneel-leren", cast.leraar.user, group=cast.group)
    _write_plan(round, cast.leraar.user, "Kringgesprek over samenwerken")
    plan = Plan.objects.get()
    ib = login(cast.ib)
    assert "Kringgesprek over samenwerken" not in _home(ib, cast)
    assert ib.post(_done_url(cast, plan)).status_code == 403


def test_a_personal_plan_stays_its_authors_alone(login, cast):
    round = _start(cast, "ruimte-voor-ontspanning", cast.leraar.user)
    _write_plan(round, cast.leraar.user, "Elke dinsdag wandelen")
    plan = Plan.objects.get()
    for member in (cast.beheerder, cast.ib, cast.kernteam, cast.other_leraar):
        assert login(member).post(_done_url(cast, plan)).status_code == 404


def test_the_group_plans_selector_lists_a_groups_open_plans(cast):
    round = _start(cast, "sociaal-emotioneel-leren", cast.leraar.user, group=cast.group)
    _write_plan(round, cast.leraar.user, "Kringgesprek over samenwerken")
    other = _start(cast, "sociaal-emotioneel-leren", cast.other_leraar.user, group=cast.other_group)
    _write_plan(other, cast.other_leraar.user, "Spel op het plein")
    assert [p.what for p in selectors.group_plans(cast.group)] == ["Kringgesprek over samenwerken"]
    mark_plan_done(plan=Plan.objects.get(round=round))
    assert list(selectors.group_plans(cast.group)) == []
    assert len(selectors.group_plans(cast.group, open_only=False)) == 1


@pytest.mark.parametrize(
    "member", ["beheerder", "kernteam", "ib", "directie", "leraar", "other_leraar"]
)
def test_the_editable_rounds_query_agrees_with_can_edit(cast, member):
    membership = getattr(cast, member)
    rounds = [
        _start(cast, "ruimte-voor-ontspanning", cast.leraar.user),
        _start(cast, "ruimte-voor-ontspanning", cast.kernteam.user),
        _start(cast, "sociaal-emotioneel-leren", cast.leraar.user, group=cast.group),
        _start(cast, "sociaal-emotioneel-leren", cast.other_leraar.user, group=cast.other_group),
        _start(cast, "teamagenda", cast.kernteam.user),
    ]
    editable = set(Round.objects.editable_by(membership).values_list("pk", flat=True))
    access = SchoolAccess(membership)
    assert editable == {r.pk for r in rounds if permissions.can_edit(access, r)}
