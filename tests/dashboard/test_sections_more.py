"""The dashboard's sociogram, gevoelsthermometer, checklists, team agenda and
check-in sections: filled from the demo, no pupil's name for those who may not
see groups, the suppression and the cutoff, and a fixed number of queries."""

import datetime
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from checklists import selectors as checklists
from checklists import services as checklist_services
from checklists.models import Action, Goal
from circles.climate import selectors as climate
from circles.climate.models import FeelingDay
from sociogram import questions as q
from sociogram import selectors as sociogram
from sociogram.models import Nomination, Respondent, Sociogram, State
from sociogram.services import create_sociogram, run_analysis
from tests.factories import make_group, make_member, make_pupil
from welbevinden.access import SchoolAccess
from welbevinden.dashboard import sections
from welbevinden.dashboard.large_school import build_large_school
from welbevinden.dashboard.sections import Span
from welbevinden.schools.models import Group, Membership, Pupil, Role, SchoolYear
from welbevinden.suppression import last_completed_week_end

MINE = {
    "sociogram": sociogram.dashboard_section,
    "thermometer": climate.thermometer_section,
    "checklists": checklists.dashboard_section,
    "agenda": checklists.agenda_section,
    "checkin": checklists.check_in_section,
}
# Queries of each builder, whatever the school's size (see each docstring).
QUERIES = {"sociogram": 4, "thermometer": 1, "checklists": 3, "agenda": 2, "checkin": 2}


def _viewer(membership, today=None, year=None):
    year = year or membership.school.current_year()
    return sections.viewer_for(SchoolAccess(membership), year, today or timezone.localdate()), Span(
        year
    )


def _member(email, slug):
    return Membership.objects.select_related("school", "user").get(
        user__email=email, school__slug=slug
    )


def _render(section, **extra):
    return render_to_string(section.template, {"section": section, **extra})


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--allow-production", stdout=StringIO())


# Filled from the demo -----------------------------------------------------------


@pytest.mark.parametrize(
    "slug, ib, other",
    [
        ("de-kiezel", "noor.hendriks@bestuur.example", "directie@kiezel.example"),
        ("de-rimpeling", "noor.hendriks@bestuur.example", "directie@rimpeling.example"),
    ],
)
def test_every_section_is_filled_from_the_demo_data(demo, slug, ib, other):
    for email in (ib, other):
        viewer, span = _viewer(_member(email, slug))
        built = {key: builder(viewer, span) for key, builder in MINE.items()}
        assert built["sociogram"].data["measured_groups"] == 1
        assert built["sociogram"].data["groups"] == 3
        assert any(p.total for p in built["thermometer"].data["periods"])
        assert built["checklists"].data["started"]
        assert built["checklists"].data["rows"][0]["agreed"] > 0
        assert built["agenda"].data["open_goals"]
        assert built["agenda"].data["overdue_count"] >= 1
        assert built["checkin"].data["trend"]
        assert any(row["result"].average for row in built["checkin"].data["trend"])
        for section in built.values():
            assert section.url.startswith(f"/s/{slug}/")
            html = _render(section)
            assert "<svg" in html or section.key == "agenda"
            assert _render(section, print=True)


def test_the_registry_holds_these_sections_in_the_dashboards_order():
    keys = [builder.__name__ + "@" + builder.__module__ for builder in sections.builders()]
    assert keys == [
        "dashboard_section@circles.selectors",
        "dashboard_section@circles.climate.selectors",
        "dashboard_section@sociogram.selectors",
        "thermometer_section@circles.climate.selectors",
        "dashboard_section@pyramid.selectors",
        "dashboard_section@checklists.selectors",
        "agenda_section@checklists.selectors",
        "check_in_section@checklists.selectors",
    ]


def test_the_ib_sees_the_demo_groups_attention_as_the_sociogram_page_counts_it(demo):
    viewer, span = _viewer(_member("noor.hendriks@bestuur.example", "de-kiezel"))
    (row,) = sociogram.dashboard_section(viewer, span).data["rows"]
    measured = Sociogram.objects.get(group__school__slug="de-kiezel", source_round=None)
    respondents = list(measured.respondents.select_related("pupil"))
    result = run_analysis(measured, respondents, sociogram.nominations_of(measured))
    isolated = {p for p, r in result.pupils.items() if r.isolated}
    rejected = {p for p, r in result.pupils.items() if r.status == "afgewezen"}
    assert row.group_name == "Groep 5"
    assert (row.isolated, row.rejected) == (len(isolated), len(rejected))
    assert row.attention == len(isolated | rejected) > 0
    assert row.took_part == result.respondents


# No names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "email, slug",
    [
        ("directie@kiezel.example", "de-kiezel"),
        ("joris@kiezel.example", "de-kiezel"),
        ("lotte@kiezel.example", "de-kiezel"),
        ("noor.hendriks@bestuur.example", "de-kiezel"),
        ("directie@rimpeling.example", "de-rimpeling"),
        ("daan@rimpeling.example", "de-rimpeling"),
    ],
)
def test_the_dashboard_names_no_pupil(demo, client, email, slug):
    membership = _member(email, slug)
    client.force_login(membership.user)
    html = client.get(reverse("dashboard:school", args=[slug])).content.decode()
    assert 'id="sociogram"' in html and 'id="checkin"' in html
    for name in Pupil.objects.filter(school__slug=slug).values_list("display_name", flat=True):
        assert name not in html
    if not membership.has_role(Role.IB):
        # No figure per group either, for those who may not see groups.
        for group in Group.objects.filter(school__slug=slug):
            assert f'<th scope="row">{group.name}</th>' not in html


def test_a_leraar_sees_how_many_actions_are_overdue_but_not_which(demo):
    lotte = _member("lotte@kiezel.example", "de-kiezel")
    viewer, span = _viewer(lotte)
    section = checklists.agenda_section(viewer, span)
    overdue = Action.objects.filter(
        goal__school=lotte.school, done_at=None, due__lt=timezone.localdate()
    )
    assert section.data["overdue_count"] == overdue.count() >= 1
    html = _render(section)
    for action in overdue:
        assert action.what not in html
        assert action.who.user.full_name not in html
    directie = _member("directie@kiezel.example", "de-kiezel")
    viewer, span = _viewer(directie)
    html = _render(checklists.agenda_section(viewer, span))
    for action in overdue:
        assert action.what in html
        assert action.who.user.full_name not in html


# Suppression and the cutoff ------------------------------------------------------


def _measured(group, attention: int, closed_at):
    """A measured, purged sociogram of ``group`` whose summary has ``attention``
    pupils chosen by nobody (what is left after the purge)."""
    pupils = {
        f"p{n}": {"lm": 0 if n < attention else 3, "ll": 0, "status": None}
        | {"isolated": n < attention, "took_part": True}
        for n in range(20)
    }
    return Sociogram.objects.create(
        school=group.school,
        group=group,
        title="Meting",
        state=State.CLOSED,
        closed_at=closed_at,
        purged_at=closed_at,
        summary={"withheld": "no-negative", "pupils": pupils},
    )


def _weeks_ago(weeks):
    return timezone.now() - datetime.timedelta(weeks=weeks)


def test_three_pupils_needing_attention_read_less_than_five_to_the_directie(cast, client):
    third = make_group(cast.school, "Groep 8")
    for group in (cast.group, cast.other_group, third):
        _measured(group, 1, _weeks_ago(3))
    _measured(make_group(cast.school, "Groep 1"), 0, _weeks_ago(3))
    viewer, span = _viewer(cast.directie)
    section = sociogram.dashboard_section(viewer, span)
    assert section.data["attention"] is None and section.data["attention_hidden"]
    assert section.data["rows"] == []
    html = _render(section)
    assert "minder dan 5" in html and ">3<" not in html
    assert "Minder dan 5 leerlingen" in section.attention[0]
    viewer, span = _viewer(cast.ib)
    ib = sociogram.dashboard_section(viewer, span)
    assert ib.data["attention"] == 3
    assert [row.group_name for row in ib.data["rows"]] == [
        "Groep 1",
        "Groep 4a",
        "Groep 6b",
        "Groep 8",
    ]
    assert ">3<" in _render(ib)


def test_with_fewer_than_three_other_groups_measured_the_count_is_not_shown(cast):
    _measured(cast.group, 6, _weeks_ago(3))
    _measured(cast.other_group, 6, _weeks_ago(3))
    viewer, span = _viewer(cast.directie)
    section = sociogram.dashboard_section(viewer, span)
    # 12 pupils would be above the people's minimum, but it is two groups' result.
    assert section.data["attention"] is None and section.data["too_few_groups"]
    assert ">12<" not in _render(section) and not section.attention
    third = make_group(cast.school, "Groep 8")
    _measured(third, 6, _weeks_ago(3))
    assert sociogram.dashboard_section(viewer, span).data["attention"] == 18
    # A teacher knows their own group: the others must make three without it.
    teacher, span = _viewer(cast.leraar)
    assert sociogram.dashboard_section(teacher, span).data["too_few_groups"]


def test_a_measurement_after_the_cutoff_counts_for_the_ib_only(cast):
    today = datetime.date(2026, 12, 9)  # a Wednesday; the cutoff is Sunday 6 December
    third = make_group(cast.school, "Groep 8")
    for group in (cast.group, cast.other_group):
        _measured(group, 2, timezone.make_aware(datetime.datetime(2026, 11, 20, 12)))
    _measured(third, 2, timezone.make_aware(datetime.datetime(2026, 12, 8, 12)))
    viewer, span = _viewer(cast.directie, today)
    assert viewer.cutoff == last_completed_week_end(today) == datetime.date(2026, 12, 6)
    section = sociogram.dashboard_section(viewer, span)
    assert (section.data["measured_groups"], section.data["measurements"]) == (2, 2)
    ib, span = _viewer(cast.ib, today)
    assert sociogram.dashboard_section(ib, span).data["measured_groups"] == 3


def _tap(group, day, *counts):
    names = ("heel_goed", "goed", "gaat_wel", "niet_goed", "slecht")
    FeelingDay.objects.create(
        school=group.school, group=group, day=day, **dict(zip(names, counts, strict=True))
    )


def test_the_thermometer_counts_taps_up_to_the_cutoff_for_those_who_may_not_see_groups(cast):
    today = datetime.date(2026, 12, 9)
    groups = [cast.group, cast.other_group, make_group(cast.school, "Groep 8")]
    for group in groups:
        _tap(group, datetime.date(2026, 11, 16), 5, 5, 5, 5, 5)
    # After Sunday 6 December: the IB'er sees it, the directie not yet.
    _tap(groups[0], datetime.date(2026, 12, 8), 5, 5, 5, 5, 5)
    # Today still changes: nobody sees it.
    _tap(groups[1], today, 5, 5, 5, 5, 5)
    directie, span = _viewer(cast.directie, today)
    ib, _span = _viewer(cast.ib, today)
    (period_1, period_2) = climate.feeling_periods(directie, span)
    assert period_1.total == 0
    assert (period_2.total, period_2.counts) == (75, (15, 15, 15, 15, 15))
    assert climate.feeling_periods(ib, span)[1].total == 100


def test_a_period_with_a_small_count_shows_only_its_total(cast):
    groups = [cast.group, cast.other_group, make_group(cast.school, "Groep 8")]
    for group in groups:
        _tap(group, datetime.date(2026, 9, 14), 6, 6, 5, 1, 0)  # "niet goed" 3 in all
    viewer, span = _viewer(cast.directie, datetime.date(2026, 12, 9))
    period = climate.feeling_periods(viewer, span)[0]
    assert period.total == 54 and period.counts == (None,) * 5
    html = _render(climate.thermometer_section(viewer, span))
    assert "alleen het totaal" in html and ">54<" in html
    # Two groups only: one group's taps would be the other's total minus the own.
    FeelingDay.objects.filter(group=groups[2]).delete()
    for group in groups[:2]:
        FeelingDay.objects.filter(group=group).update(niet_goed=5)
    assert climate.feeling_periods(viewer, span)[0].counts == (None,) * 5
    ib, span = _viewer(cast.ib, datetime.date(2026, 12, 9))
    assert climate.feeling_periods(ib, span)[0].counts == (12, 12, 10, 10, 0)


def test_three_members_who_answered_a_checklist_read_less_than_five(cast):
    round = checklist_services.round_of(
        school=cast.school, year=cast.school.current_year(), key="beginsituatie"
    )
    for member in (cast.kernteam, cast.ib, make_member(cast.school, Role.KERNTEAM)):
        checklist_services.save_responses(
            round=round, membership=member, answers={"sel": ("goed", ""), "warm": ("goed", "")}
        )
    checklist_services.save_agreement(
        round=round, item="sel", answer="prioriteit", note="", user=None
    )
    viewer, span = _viewer(cast.directie)
    section = checklists.dashboard_section(viewer, span)
    row = section.data["rows"][0]
    assert (row["answered"], row["answered_shown"], row["agreed"]) == (3, None, 1)
    assert [p["key"] for p in row["priorities"]] == ["sel"]
    html = _render(section)
    assert "minder dan 5" in html and "nog geen doel" in html
    assert any("prioriteit zonder doel" in line for line in section.decisions)


def test_coming_and_late_evaluations_and_overdue_actions_are_relative_to_today(cast):
    year = cast.school.current_year()
    today = datetime.date(2026, 12, 9)
    late = Goal.objects.create(
        school=cast.school, school_year=year, title="Laat", evaluate_on=today
    )
    Goal.objects.filter(pk=late.pk).update(evaluate_on=datetime.date(2026, 12, 1))
    soon = Goal.objects.create(
        school=cast.school, school_year=year, title="Straks", evaluate_on=datetime.date(2027, 1, 10)
    )
    Goal.objects.create(
        school=cast.school, school_year=year, title="Later", evaluate_on=datetime.date(2027, 5, 1)
    )
    Action.objects.create(goal=soon, what="Te laat", due=datetime.date(2026, 12, 8))
    Action.objects.create(goal=soon, what="Op tijd", due=today)
    viewer, span = _viewer(cast.kernteam, today)
    section = checklists.agenda_section(viewer, span)
    assert [g.title for g in section.data["coming"]] == ["Straks"]
    assert [g.title for g in section.data["late"]] == ["Laat"]
    assert [a["what"] for a in section.data["overdue"]] == ["Te laat"]
    assert len(section.data["open_goals"]) == 3


def test_the_check_ins_are_those_of_the_span(demo):
    viewer, span = _viewer(_member("directie@kiezel.example", "de-kiezel"))
    year = span.year
    period = next(p for p in span.periods if p.holds(timezone.localdate()))
    whole = checklists.check_in_section(viewer, span).data["trend"]
    part = checklists.check_in_section(viewer, Span(year, period)).data["trend"]
    assert len(part) < len(whole)
    assert all(period.holds(timezone.localdate(row["check_in"].started_at)) for row in part)


# Queries -----------------------------------------------------------------------


def _count(builder, viewer, span) -> int:
    builder(viewer, span)  # per-process caches (the checklists' content) filled
    with CaptureQueriesContext(connection) as captured:
        builder(viewer, span)
    return len(captured.captured_queries)


def _counts(viewer, span) -> dict[str, int]:
    return {key: _count(builder, viewer, span) for key, builder in MINE.items()}


def _measure_every_group(school):
    """Two sociograms per group (closed three and ten weeks ago, the first one
    left as answered) with three choices per pupil, and thermometer taps in each group."""
    questions = q.defaults()
    for group in Group.objects.filter(school=school, school_year__is_current=True):
        for weeks in (10, 3):
            measured = create_sociogram(
                group=group, user=None, title="Meting", questions=questions, max_choices=None
            )
            ids = list(measured.respondents.values_list("pk", flat=True))
            Nomination.objects.bulk_create(
                Nomination(
                    sociogram=measured, question="speel-graag", rater_id=rater, chosen_id=chosen
                )
                for n, rater in enumerate(ids)
                for chosen in {ids[(n + k) % len(ids)] for k in (1, 2, 5)} - {rater}
            )
            Respondent.objects.filter(sociogram=measured).update(answered_at=_weeks_ago(weeks))
            Sociogram.objects.filter(pk=measured.pk).update(
                state=State.CLOSED, closed_at=_weeks_ago(weeks)
            )
        for days in (30, 16, 9):
            _tap(group, timezone.localdate() - datetime.timedelta(days=days), 6, 5, 5, 5, 5)


def test_each_section_costs_the_same_queries_on_the_demo_and_a_larger_school(demo):
    demo_ib = _counts(*_viewer(_member("noor.hendriks@bestuur.example", "de-kiezel")))
    demo_teacher = _counts(*_viewer(_member("joris@kiezel.example", "de-kiezel")))
    assert demo_ib == demo_teacher == QUERIES
    large = build_large_school(pupils=240, groups=8, members=24, rounds=1, slug="groot")
    _measure_every_group(large.school)
    ib = Membership.objects.filter(school=large.school, is_ib=True).select_related("school")[0]
    viewer, span = _viewer(ib)
    assert sociogram.dashboard_section(viewer, span).data["measured_groups"] == 8
    assert _counts(viewer, span) == QUERIES
    assert _counts(*_viewer(large.teacher)) == QUERIES


def test_the_dashboard_page_with_these_sections_keeps_one_count_on_both_schools(demo, client):
    def page_queries(membership):
        client.force_login(membership.user)
        url = reverse("dashboard:school", args=[membership.school.slug])
        assert client.get(url).status_code == 200
        caches["pages"].clear()  # the page rendered anew, not served again
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    demo_count = page_queries(_member("noor.hendriks@bestuur.example", "de-kiezel"))
    large = build_large_school(pupils=240, groups=8, members=24, rounds=1, slug="groot")
    _measure_every_group(large.school)
    ib = Membership.objects.filter(school=large.school, is_ib=True).select_related("school")[0]
    assert page_queries(ib) == demo_count


def test_a_school_without_data_gets_a_first_step_in_every_section(cast):
    viewer, span = _viewer(cast.directie)
    texts = {key: _render(builder(viewer, span)) for key, builder in MINE.items()}
    assert "nog geen sociogram afgesloten" in texts["sociogram"]
    assert "nog niet in de klas gebruikt" in texts["thermometer"]
    assert "nog geen checklist ingevuld" in texts["checklists"]
    assert "Nog geen open doelen" in texts["agenda"]
    assert "nog geen check-in gedaan" in texts["checkin"]


def test_a_past_school_year_reads_its_own_data(cast):
    last_year = SchoolYear.objects.create(school=cast.school, start_year=2025)
    old = make_group(cast.school, "Groep 5 (vorig jaar)", year=last_year)
    make_pupil(old, "Oud L.")
    _measured(old, 1, timezone.make_aware(datetime.datetime(2026, 3, 10, 12)))
    viewer, span = _viewer(cast.ib, year=last_year)
    section = sociogram.dashboard_section(viewer, span)
    assert (section.data["groups"], section.data["measured_groups"]) == (1, 1)
    viewer, span = _viewer(cast.ib)
    assert sociogram.dashboard_section(viewer, span).data["measured_groups"] == 0


def test_the_attention_count_finds_what_the_full_analysis_finds_on_random_classes():
    import random

    from sociogram.analysis import analyse, attention

    rng = random.Random(23)
    for trial in range(200):
        pupils = [str(n) for n in range(rng.randrange(2, 33))]
        took_part = {p for p in pupils if rng.random() < 0.9}
        positive = {p: {rng.choice(pupils) for _ in range(rng.randrange(0, 5))} for p in pupils}
        negative = (
            {p: {rng.choice(pupils) for _ in range(rng.randrange(0, 3))} for p in pupils}
            if trial % 3
            else None
        )
        full = analyse(pupils, took_part, positive, negative)
        found = attention(pupils, took_part, positive, negative)
        assert found.isolated == {p for p, r in full.pupils.items() if r.isolated}
        if full.categories_shown:
            assert found.rejected == {p for p, r in full.pupils.items() if r.status == "afgewezen"}
        else:
            assert found.rejected is None
        assert (found.pupils, found.took_part) == (len(pupils), full.respondents)
