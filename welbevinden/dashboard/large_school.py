"""An invented large school, for the page benchmark and the query-budget tests.

The demo schools are small (three groups of 25); a page whose query count or
speed grows with data only shows it on a school of realistic size. By default
this builds 1,200 pupils in 48 groups, 80 members and several rounds of every
handvat for every owner, and three school years (this one and the two before)
of what the school dashboard and the Kernteamrapport read: every group's
shared climate entries (one every two or three weeks, with some falls), two
sociograms per group per year with respondents and nominations, an
ondersteuningspiramide (60 items this year), a round of every checklist with
responses and agreements, the team agenda's goals with actions and
evaluations, check-ins with their tallies and gevoelsthermometer days. The
tests build a scaled-down one with the same shape: everything per group or
per pupil scales with ``groups`` and ``pupils``. Everything is invented and
deterministic (seeded, no clock but today's date), and written in bulk so it
takes seconds.
"""

from __future__ import annotations

import contextvars
import datetime
import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from circles.content import questions
from circles.models import Handvat, Plan, Round, Scope
from pyramid.models import Item, LayerNote, Pyramid
from welbevinden.core.demo import DEMO_PASSWORD, FIRST_NAMES, INITIALS
from welbevinden.schools.models import (
    Group,
    Membership,
    Placement,
    Pupil,
    Role,
    School,
    SchoolKind,
    SchoolYear,
)

LARGE_SLUG = "de-grote-stroom"
LARGE_NAME = "Scholengemeenschap De Grote Stroom"
# What every random source is seeded with (``build_large_school``'s ``seed``):
# a board's schools each have their own (``build_large_board``).
_SEED = contextvars.ContextVar("large_school_seed", default="grote-stroom")


@dataclass(frozen=True)
class LargeSchool:
    school: School
    beheerder: Membership
    # A teacher of one group who is also in the kernteam: sees the most.
    teacher: Membership
    group: Group


def example_answers(handvat: Handvat, seed: int) -> dict:
    """Plausible answers to every question of a handvat (invented, varied by seed)."""
    answers: dict = {}
    for question in questions(handvat.content):
        key, kind = question["key"], question["type"]
        if kind in ("text", "sentence"):
            answers[key] = f"Voorbeeldantwoord {seed} bij {key}."
        elif kind == "scale":
            options = question["options"]
            answers[key] = options[seed % len(options)]["key"]
        elif kind == "choices":
            options = question["options"]
            answers[key] = {"selected": [options[seed % len(options)]["key"]], "other": ""}
        elif kind == "per_item":
            columns = question["columns"]
            answers[key] = {
                item["key"]: columns[(seed + n) % len(columns)]["key"]
                for n, item in enumerate(question["items"])
            }
        elif kind == "rating":
            answers[key] = {
                item["key"]: 1 + (seed + n) % 5 for n, item in enumerate(question["items"])
            }
        elif kind == "plan":
            answers[key] = {
                "wat": f"Voorbeeldplan {seed}",
                "wanneer": "na de herfstvakantie",
                "met_wie": "met het team",
            }
    return answers


@transaction.atomic
def build_large_school(
    *,
    pupils: int = 1200,
    groups: int = 48,
    members: int = 80,
    rounds: int = 3,
    slug: str = LARGE_SLUG,
    email_domain: str = "grotestroom.example",
    pyramid_items: int | None = None,
    years: int = 3,
    name: str = LARGE_NAME,
    board=None,
    seed: str = "grote-stroom",
) -> LargeSchool:
    """Create the large school; the first teacher and the beheerder log in with DEMO_PASSWORD.

    Every member teaches a group (groups are shared when there are more
    teachers than groups) and the first ten are in the kernteam. Every
    handvat gets ``rounds`` rounds for each owner: each member's personal
    work, each group's group work and the school's; all but the last are
    finished, so each page sees history and one open round.

    ``years`` school years (this one and the ones before) each have the same
    groups (by name) with the same pupils and teachers, and each year its
    climate entries, sociograms, checklist rounds, goals, thermometer days
    and an ondersteuningspiramide: ``pyramid_items`` items this year (by
    default 60 for 48 groups, scaled with ``groups``, at least 12), ten fewer
    each year before.

    ``name`` and ``board`` (a schools.Board, or None) are the school's; every
    random choice is seeded by ``seed``, so the same seed builds the same data
    and another seed other data in the same shape (a board's schools).
    """
    token = _SEED.set(seed)
    try:
        return _build(
            pupils, groups, members, rounds, slug, email_domain, pyramid_items, years, name, board
        )
    finally:
        _SEED.reset(token)


def _build(pupils, groups, members, rounds, slug, email_domain, pyramid_items, years, name, board):
    User = get_user_model()
    if School.objects.filter(slug=slug).exists():
        raise ValueError(f"A school with slug {slug!r} exists already.")
    if pyramid_items is None:
        pyramid_items = max(12, round(PYRAMID_ITEMS * groups / 48))
    school = School.objects.create(name=name, slug=slug, kind=SchoolKind.VO, board=board)
    start_year = SchoolYear.start_year_for(timezone.localdate())
    # The years before too, so pages that pick a year have history to ignore
    # and the dashboard has trends over years.
    year_list = SchoolYear.objects.bulk_create(
        SchoolYear(school=school, start_year=start_year - back, is_current=back == 0)
        for back in range(years - 1, -1, -1)
    )
    year = year_list[-1]
    groups_by_year = {
        y.pk: Group.objects.bulk_create(
            Group(school=school, school_year=y, name=f"{1 + n // 8}{chr(65 + n % 8)}")
            for n in range(groups)
        )
        for y in year_list
    }
    group_list = groups_by_year[year.pk]
    password = make_password(DEMO_PASSWORD)
    users = User.objects.bulk_create(
        User(email=f"lid{n + 1}@{email_domain}", full_name=f"Lid {n + 1} Stroom", password=password)
        for n in range(members)
    )
    memberships = []
    for n, user in enumerate(users):
        membership = Membership(user=user, school=school)
        # The first member is the beheerder; the others teach, the first ten
        # teachers also in the kernteam, and two are IB'er.
        if n == 0:
            membership.set_roles([Role.BEHEERDER])
        elif n in (1, 2):
            membership.set_roles([Role.IB, Role.KERNTEAM])
        elif n <= 12:
            membership.set_roles([Role.LERAAR, Role.KERNTEAM])
        else:
            membership.set_roles([Role.LERAAR])
        memberships.append(membership)
    memberships = Membership.objects.bulk_create(memberships)
    teachers = [m for m in memberships if m.is_leraar]
    Teaching = Group.teachers.through
    Teaching.objects.bulk_create(
        Teaching(group=year_groups[n % groups], membership=teacher)
        for year_groups in groups_by_year.values()
        for n, teacher in enumerate(teachers)
    )
    pupil_list = Pupil.objects.bulk_create(
        Pupil(
            school=school,
            display_name=f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {INITIALS[n % len(INITIALS)]}.",
            lvs_number=f"GS{n + 1:05d}",
        )
        for n in range(pupils)
    )
    Placement.objects.bulk_create(
        (
            Placement(pupil=pupil, school_year=y, group=groups_by_year[y.pk][n % groups])
            for y in year_list
            for n, pupil in enumerate(pupil_list)
        ),
        batch_size=1000,
    )
    # Per group of each year: its pupils and its teachers, in a fixed order.
    pupils_of = {g.pk: [] for gs in groups_by_year.values() for g in gs}
    for y in year_list:
        for n, pupil in enumerate(pupil_list):
            pupils_of[groups_by_year[y.pk][n % groups].pk].append(pupil)
    teachers_of = {g.pk: [] for gs in groups_by_year.values() for g in gs}
    for gs in groups_by_year.values():
        for n, teacher in enumerate(teachers):
            teachers_of[gs[n % groups].pk].append(teacher)
    today = timezone.localdate()
    _add_rounds(school, memberships, group_list, rounds)
    _add_pyramids(school, memberships, year_list, pyramid_items)
    _add_checklists(school, memberships, year_list)
    _add_goals(school, memberships, year_list, today)
    _add_check_ins(school, memberships, year_list, today)
    for y in year_list:
        _add_climate(school, y, groups_by_year[y.pk], teachers_of, today)
        _add_sociograms(school, y, groups_by_year[y.pk], pupils_of, teachers_of, today)
        _add_thermometer(school, y, groups_by_year[y.pk], pupils_of, today)
    return LargeSchool(
        school=school, beheerder=memberships[0], teacher=teachers[0], group=group_list[0]
    )


def _rng(*parts) -> random.Random:
    """A random source of its own for each part of the school: the same data every run."""
    return random.Random("/".join(str(p) for p in (_SEED.get(), *parts)))


def _at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _school_day(day: datetime.date) -> datetime.date:
    """The day itself on a weekday, else the Monday after."""
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def _in_holiday(day: datetime.date) -> bool:
    # Invented holidays of ours: the second half of July and the Christmas break.
    summer = day.month == 7 and day.day >= 15
    christmas = (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 4)
    return summer or christmas


def _year_days(year: SchoolYear, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last school day of a year so far: late August to mid-July, never after today."""
    return datetime.date(year.start_year, 8, 24), min(
        today, datetime.date(year.start_year + 1, 7, 14)
    )


def _add_rounds(school, memberships, group_list, count: int) -> None:
    now = timezone.now()
    new_rounds = []
    for handvat in Handvat.objects.filter(retired=False):
        if handvat.scope == Scope.PERSONAL:
            owners = [{"owner": m.user} for m in memberships]
        elif handvat.scope == Scope.GROUP:
            owners = [{"group": g} for g in group_list]
        else:
            owners = [{}]
        for seed, owner in enumerate(owners):
            by = owner.get("owner") or memberships[1 + seed % (len(memberships) - 1)].user
            for number in range(1, count + 1):
                finished = number < count
                new_rounds.append(
                    Round(
                        school=school,
                        handvat=handvat,
                        scope=handvat.scope,
                        number=number,
                        answers=example_answers(handvat, seed + number),
                        version=1,
                        started_by=by,
                        updated_by=by,
                        completed_at=now - timedelta(days=30 * (count - number))
                        if finished
                        else None,
                        **owner,
                    )
                )
    created = Round.objects.bulk_create(new_rounds, batch_size=500)
    # Plans of the open rounds, on their makers' home pages.
    plans = []
    for round in created:
        if round.completed_at is not None:
            continue
        for question in questions(round.handvat.content):
            if question["type"] == "plan":
                plans.append(
                    Plan(
                        school=school,
                        user=round.owner or round.updated_by,
                        round=round,
                        question_key=question["key"],
                        what=round.answers[question["key"]]["wat"],
                        when="na de herfstvakantie",
                        with_whom="met het team",
                    )
                )
    Plan.objects.bulk_create(plans, batch_size=500)


PYRAMID_ITEMS = 60
# Our invented shape of a vo school's pyramid: a broad basis, a real fundament,
# a narrower top. Shares of the items per layer, bottom first.
PYRAMID_SHAPE = (("fundament", 0.20), ("basis", 0.45), ("extra", 0.22), ("intensief", 0.13))
AANBOD = {
    "fundament": (
        "Intervisie in de sectie",
        "Studiedag pedagogisch klimaat",
        "Collegiale consultatie",
        "Coaching van nieuwe collega's",
        "Teamdag over werkdruk",
    ),
    "basis": (
        "Mentorlessen welbevinden",
        "Gouden weken in de brugklas",
        "Leerlingenraad over de sfeer",
        "Dagstart in de mentorklas",
        "Kennismakingsgesprekken met ouders",
        "Lessen mediawijsheid",
    ),
    "extra": (
        "Faalangstreductietraining",
        "Rots en Water in kleine groep",
        "Examenvreesgroep",
        "Huiswerkbegeleiding met een maatje",
    ),
    "intensief": (
        "Zorgadviesteam",
        "Begeleiding door de jeugdconsulent",
        "Time-outvoorziening",
        "Schoolmaatschappelijk werk",
    ),
}
PARTS = ("onderbouw", "bovenbouw", "vmbo", "havo en vwo", "examenklassen")
FREQUENCIES = ("wekelijks", "per periode", "jaarlijks", "op afspraak")
PARTNERS = (
    ("Jeugdteam Stroomdal", "wijkteam"),
    ("GGD Stroomdal", "ggd"),
    ("Jongerenwerk De Oever", "jongerenwerk"),
)


def _layer_counts(total: int) -> list[tuple[str, int]]:
    """``total`` items over the layers in PYRAMID_SHAPE's shares (largest remainder)."""
    exact = [(layer, share * total) for layer, share in PYRAMID_SHAPE]
    counts = {layer: int(value) for layer, value in exact}
    # Stable sort: equal remainders keep the layers' order, bottom first.
    by_remainder = sorted(exact, key=lambda x: int(x[1]) - x[1])
    for layer, _value in by_remainder[: total - sum(counts.values())]:
        counts[layer] += 1
    return [(layer, counts[layer]) for layer, _share in PYRAMID_SHAPE]


def _add_pyramids(school, memberships, year_list, count: int) -> None:
    """This year's pyramid of ``count`` items; each year before ten fewer (at least half)."""
    from circles.models import Partner

    partners = Partner.objects.bulk_create(
        Partner(school=school, name=name, kind=kind, contact_role="contactpersoon")
        for name, kind in PARTNERS
    )
    staff = [m for m in memberships if not m.is_beheerder]
    previous = None
    for index, year in enumerate(year_list):
        back = len(year_list) - 1 - index
        size = max(count - 10 * back, count // 2)
        pyramid = Pyramid.objects.create(school=school, school_year=year, copied_from=previous)
        rng = _rng("piramide", year.start_year)
        items = []
        for layer, layer_count in _layer_counts(size):
            names = AANBOD[layer]
            for n in range(layer_count):
                position = len(items)
                name = names[n % len(names)]
                if n >= len(names):
                    # The same offer again for another part of the school.
                    name = f"{name}, {PARTS[(n // len(names) - 1) % len(PARTS)]}"
                if layer == "basis":
                    # Mostly for all pupils; a few for part of them (the balance's concern).
                    reach = (
                        ("all", None) if rng.random() < 0.8 else ("percent", rng.choice((30, 40)))
                    )
                elif layer == "extra":
                    reach = ("number", rng.randint(6, 30)) if rng.random() < 0.8 else ("", None)
                elif layer == "intensief":
                    reach = ("number", rng.randint(2, 10))
                else:
                    reach = ("", None)
                by_partner = layer == "intensief" and n % 2 == 1
                items.append(
                    Item(
                        pyramid=pyramid,
                        layer=layer,
                        position=position,
                        name=name,
                        description="Een onderdeel van het aanbod, verzonnen voor de meting.",
                        circles=sorted({1 + position % 6, 1 + (position * 5) % 6}),
                        target_group="het team" if layer == "fundament" else "leerjaar 1 t/m 6",
                        reach_kind=reach[0],
                        reach_value=reach[1],
                        frequency=rng.choice(
                            ("wekelijks", "per periode", "jaarlijks", "op afspraak")
                        ),
                        owner_member=None
                        if by_partner or n % 7 == 6
                        else staff[1 + position % (len(staff) - 1)],
                        owner_partner=partners[n % len(partners)] if by_partner else None,
                        evidence=rng.choice(("erkend", "onderbouwd", "praktijk", "")),
                        status=rng.choice(("loopt",) * 6 + ("gepland", "gestopt")),
                    )
                )
        Item.objects.bulk_create(items)
        LayerNote.objects.bulk_create(
            LayerNote(pyramid=pyramid, layer=layer, answers=answers, version=1)
            for layer, answers in (
                (
                    "fundament",
                    {"aanbod": "Intervisie en coaching.", "visie": "Ja, sinds dit jaar."},
                ),
                ("basis", {"mentoraat": "Ja.", "sterke-basis": "Mentorlessen in elk leerjaar."}),
                ("extra", {"extra": "Trainingen in kleine groepen."}),
                ("intensief", {"externe-partners": "Het jeugdteam en de GGD."}),
            )
        )
        previous = pyramid


def _add_checklists(school, memberships, year_list) -> None:
    """A round of every checklist in every year: the kernteam's own answers and what it
    agreed. This year the last checklist is under way: half the kernteam answered and
    half of its items are agreed."""
    from checklists import content
    from checklists.models import Agreement, ChecklistRound, Response

    answers = ("goed", "goed", "aandacht", "aandacht", "prioriteit", "weet-niet")
    kernteam = [m for m in memberships if m.is_kernteam]
    keys = sorted(content.checklists())
    rounds = ChecklistRound.objects.bulk_create(
        ChecklistRound(school=school, school_year=year, checklist=key)
        for year in year_list
        for key in keys
    )
    responses, agreements = [], []
    for round in rounds:
        items = [item["key"] for item in content.items(content.get(round.checklist))]
        under_way = round.school_year.is_current and round.checklist == keys[-1]
        rng = _rng("checklist", round.school_year.start_year, round.checklist)
        answering = kernteam[: len(kernteam) // 2] if under_way else kernteam
        for j, key in enumerate(items):
            # Each item has a leaning the members mostly share; some disagree.
            leaning = rng.choice(answers)
            given = [leaning if rng.random() < 0.7 else rng.choice(answers) for _m in answering]
            responses += [
                Response(
                    round=round,
                    membership=member,
                    item=key,
                    answer=answer,
                    note="Zie de notulen van de werkgroep." if (i + j) % 11 == 0 else "",
                )
                for i, (member, answer) in enumerate(zip(answering, given, strict=True))
            ]
            if under_way and j >= len(items) // 2:
                continue
            agreed = max(set(given), key=lambda a: (given.count(a), a))
            agreements.append(
                Agreement(
                    round=round,
                    item=key,
                    answer="aandacht" if agreed == "weet-niet" else agreed,
                    note="Besproken in het kernteam." if agreed == "prioriteit" else "",
                    updated_by=kernteam[0].user,
                    version=1,
                )
            )
    Response.objects.bulk_create(responses, batch_size=1000)
    Agreement.objects.bulk_create(agreements, batch_size=1000)


def _add_goals(school, memberships, year_list, today) -> None:
    """The team agenda: ten goals this year, six in each year before (all evaluated), from
    the Beginsituatie's priorities; three actions each, some done, some overdue."""
    from checklists.models import Action, Agreement, Goal

    kernteam = [m for m in memberships if m.is_kernteam]
    goals = []
    for year in year_list:
        priorities = list(
            Agreement.objects.filter(
                round__school=school, round__school_year=year, round__checklist="beginsituatie"
            )
            .order_by("-answer", "item")
            .values_list("round_id", "item")
        )
        count = 10 if year.is_current else 6
        for n in range(count):
            round_id, item = priorities[n % len(priorities)]
            if year.is_current:
                # Three evaluated, two due for evaluation already, five still to come.
                evaluate_on = today + timedelta(days=(n - 5) * 21)
                evaluated = n < 3
            else:
                evaluate_on = datetime.date(year.start_year + 1, 1 + n, 15)
                evaluated = True
            goals.append(
                Goal(
                    school=school,
                    school_year=year,
                    title=f"Doel {n + 1}: {item.replace('-', ' ')}",
                    target="De hele school" if n % 3 else f"Leerjaar {1 + n % 6}",
                    monitoring="Klimaatlogboek en sociogram; in de teamvergadering.",
                    evaluate_on=evaluate_on,
                    evaluated_on=evaluate_on if evaluated else None,
                    evaluated_by=kernteam[0].user if evaluated else None,
                    learned="Werkt; volgend jaar doorzetten in de onderbouw." if evaluated else "",
                    version=1 if evaluated else 0,
                    source_round_id=round_id,
                    source_item=item,
                    created_by=kernteam[0].user,
                )
            )
    goals = Goal.objects.bulk_create(goals)
    actions = []
    for g, goal in enumerate(goals):
        finished = goal.evaluated_on is not None
        for a in range(3):
            due = (goal.evaluate_on or today) - timedelta(days=(3 - a) * 14)
            # Open goals: the first action done, the second overdue when its day passed.
            done = finished or a == 0
            actions.append(
                Action(
                    goal=goal,
                    what=f"Actie {a + 1} bij doel {g + 1}",
                    who=kernteam[(g + a) % len(kernteam)],
                    due=due,
                    done_at=_at(min(due, today)) if done else None,
                )
            )
    Action.objects.bulk_create(actions)


def _add_check_ins(school, memberships, year_list, today) -> None:
    """Twenty check-ins at team meetings, every three weeks back from today, closed, with
    tallies of 15-30 answers (some with a count below the privacy minimum)."""
    from checklists import services
    from checklists.models import CheckIn, CheckInTally

    user = memberships[1].user
    first_day = year_list[0].starts_on
    check_ins = []
    for n in range(20):
        day = _school_day(today - timedelta(days=21 * n))
        if day < first_day:
            break
        prompt = "emoji" if n % 2 else "weerbericht"
        check_in = services.start_check_in(
            school=school, meeting=f"Teamvergadering {day:%d-%m-%Y}", prompt=prompt, user=user
        )
        check_in.started_at = _at(day, 15)
        check_in.closed_at = _at(day, 16)
        check_ins.append(check_in)
    CheckIn.objects.bulk_update(check_ins, ["started_at", "closed_at"])
    tallies = list(
        CheckInTally.objects.filter(check_in__in=check_ins)
        .select_related("check_in")
        .order_by("check_in__started_at", "value")
    )
    for tally in tallies:
        rng = _rng("check-in", tally.check_in.started_at.date(), tally.value)
        tally.count = rng.choice((0, 2, 4, 5, 6, 7, 9))
    CheckInTally.objects.bulk_update(tallies, ["count"])


def _climate_levels(rng: random.Random, count: int, falls: bool) -> list[int]:
    """A group's climate (1-4) over a year: mostly 3 and 4, now and then a 2; with
    ``falls`` a fall to 1 or 2 somewhere in the year for three or four entries, after
    which it recovers."""
    level = rng.choice((2, 3, 3, 3, 4))
    fall_at = rng.randrange(count // 3, max(count - 3, count // 3 + 1)) if falls else count
    fall_end = fall_at + rng.choice((3, 4))
    levels = []
    for index in range(count):
        if fall_at <= index < fall_end:
            levels.append(rng.choice((1, 1, 2)))
            level = 2
            continue
        # Mostly as before; else a new look, most often positive.
        if rng.random() < 0.4:
            level = rng.choice((2, 3, 3, 4, 4))
        levels.append(level)
    return levels


def _add_climate(school, year, groups, teachers_of, today) -> None:
    """Every group's shared climate entries: one every two or three weeks, by its teachers
    in turn; about one group in five falls during the year."""
    from circles.climate.carry_over import LEVEL_KEYS
    from circles.climate.demo import NEXT, PHASES, WENT_WELL, WORRIES
    from circles.climate.models import Entry, Visibility

    first, last = _year_days(year, today)
    entries = []
    for g, group in enumerate(groups):
        rng = _rng("klimaat", year.start_year, group.name)
        days, day = [], first + timedelta(days=rng.randrange(0, 4))
        while day <= last:
            day = _school_day(day)
            if day <= last and not _in_holiday(day):
                days.append(day)
            day += timedelta(days=rng.choice((14, 21)))
        levels = _climate_levels(rng, len(days), falls=rng.random() < 0.2)
        authors = teachers_of[group.pk] or [None]
        for index, (day, level) in enumerate(zip(days, levels, strict=True)):
            author = authors[index % len(authors)]
            next_text, next_key = NEXT[(g + index) % len(NEXT)]
            entries.append(
                Entry(
                    school=school,
                    group=group,
                    author=author.user if author else None,
                    day=day,
                    level=LEVEL_KEYS[level - 1],
                    phase=PHASES[min(index * 4 // max(len(days), 1), 3)],
                    time_spent="meer-tijd" if level <= 2 else "voldoende",
                    approach="reactief"
                    if level == 1
                    else ("allebei" if level == 2 else "proactief"),
                    went_well=WENT_WELL[(g + index) % len(WENT_WELL)],
                    worries=WORRIES[(g + index) % len(WORRIES)] if level < 4 else "",
                    next_step=next_text,
                    next_handvat=next_key,
                    # What was planned before the last two entries has been followed up.
                    followed_up_at=_at(day + timedelta(days=7)) if index < len(days) - 2 else None,
                    visibility=Visibility.SHARED,
                )
            )
    Entry.objects.bulk_create(entries, batch_size=1000)


def _add_thermometer(school, year, groups, pupils_of, today) -> None:
    """Gevoelsthermometer days in every third group (the mentor classes that use it), on
    Mondays and Thursdays: five counts per day, never more than the group's pupils."""
    from circles.climate.models import FeelingDay

    first, last = _year_days(year, today)
    days = []
    day = first
    while day <= last:
        if day.weekday() in (0, 3) and not _in_holiday(day):
            days.append(day)
        day += timedelta(days=1)
    feeling_days = []
    for g, group in enumerate(groups):
        if g % 3:
            continue
        size = len(pupils_of[group.pk])
        rng = _rng("thermometer", year.start_year, group.name)
        for day in days:
            answered = max(0, size - rng.randrange(0, 4))
            weights = (4, 5, 3, 1.5, 0.5) if rng.random() < 0.85 else (1, 3, 4, 3, 2)
            counts = [0] * 5
            for choice in rng.choices(range(5), weights=weights, k=answered):
                counts[choice] += 1
            feeling_days.append(
                FeelingDay(
                    school=school,
                    group=group,
                    day=day,
                    heel_goed=counts[0],
                    goed=counts[1],
                    gaat_wel=counts[2],
                    niet_goed=counts[3],
                    slecht=counts[4],
                )
            )
    FeelingDay.objects.bulk_create(feeling_days, batch_size=1000)


SOCIOGRAM_TITLES = ("Sociogram, eerste meting", "Sociogram, tweede meting")
SOCIOGRAM_ASKED = frozenset({"speel-graag", "speel-niet", "zit-graag", "werk-graag"})


def _nominations(rng: random.Random, ids: list[int], answered: set[int]) -> dict[str, dict]:
    """Choices per question for one class: circles of four to six friends, a few pupils
    nobody chooses, one or two many would rather not sit with."""
    order = ids[:]
    rng.shuffle(order)
    isolated = set(order[: rng.choice((0, 1, 1, 2))])
    rejected = set(order[len(isolated) : len(isolated) + rng.choice((0, 1, 2))])
    rest = [i for i in order if i not in isolated]
    circles, start = [], 0
    while start < len(rest):
        size = rng.randint(4, 6)
        circles.append(rest[start : start + size])
        start += size
    circle_of = {i: c for c in circles for i in c}
    chosen: dict[str, dict[int, set[int]]] = {key: {} for key in sorted(SOCIOGRAM_ASKED)}
    for rater in ids:
        if rater not in answered:
            continue
        friends = [i for i in circle_of.get(rater, rest[:4]) if i != rater]
        play = set(rng.sample(friends, min(len(friends), rng.randint(2, 4))))
        if rng.random() < 0.3:
            play.add(rng.choice([i for i in rest if i != rater]))
        chosen["speel-graag"][rater] = play
        chosen["zit-graag"][rater] = set(rng.sample(sorted(play), min(len(play), 2)))
        chosen["werk-graag"][rater] = set(rng.sample(friends, min(len(friends), rng.randint(1, 3))))
        against = {i for i in sorted(rejected) if i != rater and rng.random() < 0.35}
        if rng.random() < 0.1:
            against.add(rng.choice([i for i in ids if i != rater]))
        chosen["speel-niet"][rater] = against - play
    return chosen


def _add_sociograms(school, year, groups, pupils_of, teachers_of, today) -> None:
    """Two sociograms per group, planned after the gouden weken and in the spring. Both
    closed in the years before. This year one whose planned day has not come yet is open
    since two days with 60 % answered (and the second is not made while the first is open)."""
    from sociogram import questions as q
    from sociogram.models import (
        CODE_ALPHABET,
        CODE_LENGTH,
        Flag,
        Nomination,
        PupilNote,
        Respondent,
        Sociogram,
        State,
    )

    questions = q.defaults()
    for question in questions:
        question["on"] = question["key"] in SOCIOGRAM_ASKED
    start = year.starts_on
    planned = (datetime.date(start.year, 10, 6), datetime.date(start.year + 1, 3, 16))
    sociograms, plans = [], []
    for g, group in enumerate(groups):
        author = (teachers_of[group.pk] or [None])[0]
        for k, (title, day) in enumerate(zip(SOCIOGRAM_TITLES, planned, strict=True)):
            day = _school_day(day + timedelta(days=g % 5))
            if k == 1 and sociograms[-1].is_open:
                break  # the year has just begun: the first afname is still open
            is_open = day > today
            opened = _at(today - timedelta(days=2) if is_open else day, 9)
            sociograms.append(
                Sociogram(
                    school=school,
                    group=group,
                    title=title,
                    state=State.OPEN if is_open else State.CLOSED,
                    questions=questions,
                    opened_at=opened,
                    closed_at=None if is_open else _at(day + timedelta(days=3), 15),
                    reflection={}
                    if is_open
                    else {
                        "verrassingen": "Twee leerlingen worden door niemand gekozen.",
                        "kansen": "De vriendengroepjes bij het samenwerken mengen.",
                    },
                    reflection_version=0 if is_open else 1,
                    created_by=author.user if author else None,
                )
            )
            plans.append((group, opened, is_open))
    sociograms = Sociogram.objects.bulk_create(sociograms)
    for sociogram, (_group, opened, _open) in zip(sociograms, plans, strict=True):
        # Newest first on every page: the made-up day, not the moment of building.
        sociogram.created_at = opened - timedelta(days=7)
    Sociogram.objects.bulk_update(sociograms, ["created_at"], batch_size=500)
    respondents, codes = [], set()
    # Seeded by the school too: two large schools in one database hold different codes.
    code_rng = _rng("codes", school.slug, year.start_year)
    for sociogram, (group, opened, is_open) in zip(sociograms, plans, strict=True):
        rng = _rng("sociogram", year.start_year, group.name, sociogram.title)
        for pupil in pupils_of[group.pk]:
            took_part = rng.random() < (0.6 if is_open else 0.95)
            code = None
            if is_open and not took_part:
                # While the afname is open, who has not answered holds a one-time code.
                while code is None or code in codes:
                    code = "".join(code_rng.choices(CODE_ALPHABET, k=CODE_LENGTH))
                codes.add(code)
            respondents.append(
                Respondent(
                    sociogram=sociogram,
                    pupil=pupil,
                    answer_code=code,
                    answered_at=opened + timedelta(hours=1) if took_part else None,
                    via=Respondent.Via.ONLINE if took_part else "",
                )
            )
    respondents = Respondent.objects.bulk_create(respondents, batch_size=1000)
    by_sociogram: dict[int, list[Respondent]] = {}
    for respondent in respondents:
        by_sociogram.setdefault(respondent.sociogram_id, []).append(respondent)
    nominations = []
    for sociogram, (group, _opened, _open) in zip(sociograms, plans, strict=True):
        present = by_sociogram.get(sociogram.pk, [])
        ids = [r.pk for r in present]
        if len(ids) < 6:
            continue
        rng = _rng("keuzes", year.start_year, group.name, sociogram.title)
        chosen = _nominations(rng, ids, {r.pk for r in present if r.answered_at})
        nominations += [
            Nomination(sociogram=sociogram, question=key, rater_id=rater, chosen_id=other)
            for key, by_rater in chosen.items()
            for rater, others in sorted(by_rater.items())
            for other in sorted(others)
        ]
    Nomination.objects.bulk_create(nominations, batch_size=2000)
    if not year.is_current:
        return
    # What the teachers know of a few pupils of each group this year (stap 3).
    flags = (Flag.VULNERABLE, Flag.PROSOCIAL, Flag.EXTERNALISING)
    PupilNote.objects.bulk_create(
        PupilNote(
            school=school,
            group=group,
            pupil=pupil,
            flags=[str(flags[(g + n) % len(flags)])],
            note="",
            updated_by=teachers_of[group.pk][0].user if teachers_of[group.pk] else None,
        )
        for g, group in enumerate(groups)
        for n, pupil in enumerate(pupils_of[group.pk][:3])
    )


LARGE_BOARD_SLUG = "brede-delta"
LARGE_BOARD_NAME = "Stichting De Brede Delta"


@dataclass(frozen=True)
class LargeBoard:
    board: object  # schools.Board
    # The board's bestuurder: logs in with DEMO_PASSWORD and sees the board's view.
    bestuurder: object  # the User
    schools: list[LargeSchool]


def build_large_board(
    *,
    schools: int = 40,
    pupils: int = 750,
    groups: int = 30,
    members: int = 20,
    rounds: int = 1,
    years: int = 3,
    slug: str = LARGE_BOARD_SLUG,
) -> LargeBoard:
    """A board of ``schools`` large schools, each built by ``build_large_school``.

    By default 40 schools of 750 pupils in 30 groups (30,000 pupils), each with
    three school years of everything the school dashboard and the board's view
    read, and 20 members with one (open) round of every handvat each: the
    handvat rounds are what takes longest to write and what the board never
    reads. Every school's data is its own (seeded by its slug). The board's
    bestuurder (``bestuurder@<slug>.example``) and each school's first
    kernteam member (``LargeSchool.teacher``) log in with DEMO_PASSWORD.
    """
    from welbevinden.schools.models import Board, BoardMembership, BoardRole

    User = get_user_model()
    with transaction.atomic():
        board = Board.objects.create(name=LARGE_BOARD_NAME, slug=slug)
        bestuurder = User.objects.create(
            email=f"bestuurder@{slug}.example",
            full_name="Bestuurder Delta",
            password=make_password(DEMO_PASSWORD),
        )
        BoardMembership.objects.create(user=bestuurder, board=board, role=BoardRole.BESTUURDER)
    built = [
        build_large_school(
            pupils=pupils,
            groups=groups,
            members=members,
            rounds=rounds,
            years=years,
            slug=f"{slug}-{n + 1:02d}",
            email_domain=f"{slug}-{n + 1:02d}.example",
            name=f"Scholengemeenschap Delta {n + 1:02d}",
            board=board,
            seed=f"{slug}-{n + 1:02d}",
        )
        for n in range(schools)
    ]
    return LargeBoard(board=board, bestuurder=bestuurder, schools=built)
