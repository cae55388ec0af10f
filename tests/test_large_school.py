"""The benchmark's large school holds what the school dashboard and the Kernteamrapport read.

Built scaled down, as tests/test_query_budgets.py builds it: three school years
of climate entries for every group, two sociograms per group per year with
respondents and nominations, a pyramid of the 60-item shape, a round of every
checklist in every year, the team agenda and its check-ins, thermometer days.
The benchmark (bench/pages.py --large, bench/reports.py) uses the full size.
"""

import itertools
from collections import Counter

import pytest
from django.utils import timezone

from checklists import content
from checklists.models import Action, Agreement, CheckIn, CheckInTally, ChecklistRound, Goal
from checklists.models import Response as ChecklistResponse
from circles.climate.models import Entry, FeelingDay, Visibility
from pyramid.models import Item, Pyramid
from sociogram.models import Nomination, Respondent, Sociogram, State
from welbevinden.dashboard.large_school import _layer_counts, build_large_school
from welbevinden.schools.models import Group, Placement, SchoolYear

SCALED = {"pupils": 240, "groups": 8, "members": 24, "rounds": 3}


@pytest.fixture
def large(db):
    return build_large_school(**SCALED, slug="groot")


def _years(school):
    return list(SchoolYear.objects.filter(school=school).order_by("start_year"))


def test_three_school_years_with_the_same_groups_and_pupils(large):
    years = _years(large.school)
    assert [y.start_year for y in years] == [
        SchoolYear.start_year_for(timezone.localdate()) - back for back in (2, 1, 0)
    ]
    assert [y.is_current for y in years] == [False, False, True]
    for year in years:
        assert Group.objects.filter(school_year=year).count() == SCALED["groups"]
        assert Placement.objects.filter(school_year=year).count() == SCALED["pupils"]


def test_every_group_has_shared_climate_entries_every_two_or_three_weeks_in_each_year(large):
    today = timezone.localdate()
    for year in _years(large.school):
        if today < year.starts_on.replace(month=10):
            continue  # this year has only just begun
        entries = Entry.objects.filter(group__school_year=year)
        assert set(entries.values_list("visibility", flat=True)) == {Visibility.SHARED}
        by_group: dict[int, list] = {}
        for group_id, day in entries.order_by("day").values_list("group_id", "day"):
            by_group.setdefault(group_id, []).append(day)
        assert len(by_group) == SCALED["groups"]
        for days in by_group.values():
            assert year.starts_on <= days[0] and days[-1] <= min(today, year.ends_on)
            gaps = {(b - a).days for a, b in itertools.pairwise(days)}
            # Two or three weeks; more across the Christmas break.
            assert min(gaps) >= 14 and max(gaps) <= 45, gaps
        if not year.is_current:
            # A whole year: more than a dozen looks at every group.
            assert min(len(days) for days in by_group.values()) >= 12
    levels = Counter(Entry.objects.filter(school=large.school).values_list("level", flat=True))
    # Mostly positive, with some falls to "negatief en veel gedoe".
    positive = levels["overwegend-positief"] + levels["positief-versterkend"]
    assert positive > levels["moeizaam"] + levels["negatief-veel-gedoe"]
    assert levels["negatief-veel-gedoe"] > 0


def test_two_sociograms_per_group_per_year_with_respondents_and_nominations(large):
    for year in _years(large.school):
        sociograms = Sociogram.objects.filter(group__school_year=year)
        per_group = Counter(sociograms.values_list("group_id", flat=True))
        # This year: the second only once the first is closed (after the gouden weken).
        first_done = timezone.localdate() >= year.starts_on.replace(month=10, day=15)
        if first_done or not year.is_current:
            assert set(per_group.values()) == {2}
        else:
            assert set(per_group.values()) <= {1, 2}
        assert len(per_group) == SCALED["groups"]
        if not year.is_current:
            assert set(sociograms.values_list("state", flat=True)) == {State.CLOSED}
        for sociogram in sociograms:
            placed = Placement.objects.filter(group=sociogram.group).count()
            assert sociogram.respondents.count() == placed
            answered = sociogram.respondents.filter(answered_at__isnull=False).count()
            assert 0 < answered <= placed
            assert sociogram.nominations.filter(question="speel-graag").exists()
            if sociogram.is_open:
                # Who has not answered yet holds a code; who answered does not.
                assert not sociogram.respondents.filter(answered_at=None, answer_code=None)
                assert not sociogram.respondents.exclude(answered_at=None).exclude(answer_code=None)
    # Only those who answered gave names; nobody named themself.
    assert not Nomination.objects.filter(rater__answered_at=None).exists()
    assert Respondent.objects.filter(sociogram__school=large.school).count() == (
        2 * 3 * SCALED["pupils"]
    )


def test_this_years_pyramid_has_the_60_item_shape_scaled(large):
    assert _layer_counts(60) == [("fundament", 12), ("basis", 27), ("extra", 13), ("intensief", 8)]
    current = Pyramid.objects.get(school=large.school, school_year__is_current=True)
    layers = Counter(Item.objects.filter(pyramid=current).values_list("layer", flat=True))
    # 60 items for 48 groups, scaled to 8 groups (at least 12), in the same shares.
    assert sum(layers.values()) == 12
    assert dict(layers) == dict(_layer_counts(12))
    assert all(layers[layer] > 0 for layer in ("fundament", "basis", "extra", "intensief"))
    assert layers["basis"] == max(layers.values())
    assert Pyramid.objects.filter(school=large.school).count() == 3
    assert current.copied_from.school_year.start_year == current.school_year.start_year - 1
    assert current.notes.count() == 4


def test_every_checklist_has_a_round_with_responses_and_agreements_in_every_year(large):
    keys = set(content.checklists())
    for year in _years(large.school):
        rounds = ChecklistRound.objects.filter(school=large.school, school_year=year)
        assert set(rounds.values_list("checklist", flat=True)) == keys
        for round in rounds:
            items = {item["key"] for item in content.items(content.get(round.checklist))}
            answered = set(
                ChecklistResponse.objects.filter(round=round).values_list("item", flat=True)
            )
            agreed = set(Agreement.objects.filter(round=round).values_list("item", flat=True))
            assert answered == items
            assert agreed and agreed <= items
    # This year one checklist is under way: not every item agreed yet.
    under_way = [
        r
        for r in ChecklistRound.objects.filter(school=large.school, school_year__is_current=True)
        if r.agreements.count() < len(content.items(content.get(r.checklist)))
    ]
    assert len(under_way) == 1
    assert Agreement.objects.filter(round__school=large.school, answer="prioriteit").exists()


def test_the_team_agenda_check_ins_and_thermometer_have_data(large):
    today = timezone.localdate()
    goals = Goal.objects.filter(school=large.school, school_year__is_current=True)
    assert goals.count() == 10
    assert goals.filter(evaluated_on__isnull=False).exists()  # evaluated
    assert goals.filter(evaluated_on=None, evaluate_on__lt=today).exists()  # evaluation due
    assert goals.filter(evaluate_on__gt=today).exists()  # still to come
    actions = Action.objects.filter(goal__in=goals)
    assert actions.count() == 30
    assert actions.filter(done_at=None, due__lt=today).exists()  # overdue
    assert actions.filter(done_at__isnull=False).exists()
    assert Goal.objects.filter(school=large.school, school_year__is_current=False).count() == 12
    check_ins = CheckIn.objects.filter(school=large.school, closed_at__isnull=False)
    assert check_ins.count() >= 10
    assert len({c.started_at.date() for c in check_ins}) == check_ins.count()
    assert CheckInTally.objects.filter(check_in__in=check_ins, count__gt=0).exists()
    days = FeelingDay.objects.filter(school=large.school)
    assert set(days.values_list("group__school_year__start_year", flat=True)) == {
        y.start_year for y in _years(large.school)
    }
    sizes = Counter(Placement.objects.filter(group__school=large.school).values_list("group"))
    for day in days:
        assert 0 < sum(day.counts.values()) <= sizes[(day.group_id,)]


def test_the_large_school_is_the_same_every_time(large):
    again = build_large_school(**SCALED, slug="groot-2", email_domain="groot2.example")

    def shape(school):
        return (
            list(
                Entry.objects.filter(school=school)
                .order_by("group__school_year__start_year", "group__name", "day")
                .values_list("group__name", "day", "level")
            ),
            Nomination.objects.filter(sociogram__school=school).count(),
            list(
                Item.objects.filter(pyramid__school=school)
                .order_by("pyramid__school_year__start_year", "position")
                .values_list("layer", "name", "reach_kind", "reach_value")
            ),
        )

    assert shape(large.school) == shape(again.school)


def test_the_large_board_holds_its_schools_each_with_data_of_its_own(db, client):
    from django.urls import reverse

    from welbevinden.core.demo import DEMO_PASSWORD
    from welbevinden.dashboard.large_school import build_large_board
    from welbevinden.schools.models import Role

    built = build_large_board(schools=3, pupils=90, groups=3, members=13, rounds=1, slug="rijn")
    assert [s.school.board for s in built.schools] == [built.board] * 3
    assert len({s.school.slug for s in built.schools}) == 3
    assert Placement.objects.filter(pupil__school__board=built.board).count() == 3 * 90 * 3
    # Seeded each by its own slug: the schools' climate logs differ.
    logs = [
        list(
            Entry.objects.filter(school=s.school)
            .order_by("group__name", "day")
            .values_list("day", "level")
        )
        for s in built.schools
    ]
    assert logs[0] and logs[0] != logs[1]
    # The bestuurder logs in and sees the board; a school's kernteam member its dashboard.
    assert built.bestuurder.check_password(DEMO_PASSWORD)
    client.force_login(built.bestuurder)
    assert client.get(reverse("boards:board", args=[built.board.slug])).status_code == 200
    teacher = built.schools[0].teacher
    assert teacher.user.check_password(DEMO_PASSWORD) and teacher.has_role(Role.KERNTEAM)
    client.force_login(teacher.user)
    url = reverse("dashboard:school", args=[built.schools[0].school.slug])
    assert client.get(url).status_code == 200
