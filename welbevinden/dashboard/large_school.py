"""An invented large school, for the page benchmark and the query-budget tests.

The demo schools are small (three groups of 25); a page whose query count or
speed grows with data only shows it on a school of realistic size. By default
this builds 1,200 pupils in 48 groups, 80 members and several rounds of every
handvat for every owner; the tests build a scaled-down one with the same
shape. Everything is invented, and written in bulk so it takes seconds.
"""

from __future__ import annotations

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
    pyramid_items: int = 40,
) -> LargeSchool:
    """Create the large school; the first teacher and the beheerder log in with DEMO_PASSWORD.

    Every member teaches a group (groups are shared when there are more
    teachers than groups) and the first ten are in the kernteam. Every
    handvat gets ``rounds`` rounds for each owner: each member's personal
    work, each group's group work and the school's; all but the last are
    finished, so each page sees history and one open round. Last year and
    this year have an ondersteuningspiramide of ``pyramid_items`` items.
    """
    User = get_user_model()
    if School.objects.filter(slug=slug).exists():
        raise ValueError(f"A school with slug {slug!r} exists already.")
    school = School.objects.create(name=LARGE_NAME, slug=slug, kind=SchoolKind.VO)
    start_year = SchoolYear.start_year_for(timezone.localdate())
    # Last year too, so pages that pick a year have history to ignore.
    SchoolYear.objects.create(school=school, start_year=start_year - 1)
    year = SchoolYear.objects.create(school=school, start_year=start_year, is_current=True)
    group_list = Group.objects.bulk_create(
        Group(school=school, school_year=year, name=f"{1 + n // 8}{chr(65 + n % 8)}")
        for n in range(groups)
    )
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
        Teaching(group=group_list[n % len(group_list)], membership=teacher)
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
        Placement(pupil=pupil, school_year=year, group=group_list[n % len(group_list)])
        for n, pupil in enumerate(pupil_list)
    )
    _add_rounds(school, memberships, group_list, rounds)
    _add_pyramids(school, memberships, pyramid_items)
    _add_checklists(school, memberships)
    return LargeSchool(
        school=school, beheerder=memberships[0], teacher=teachers[0], group=group_list[0]
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


def _add_pyramids(school, memberships, count: int) -> None:
    layers = ["fundament", "basis", "basis", "extra", "intensief"]
    for year in SchoolYear.objects.filter(school=school):
        pyramid = Pyramid.objects.create(school=school, school_year=year)
        Item.objects.bulk_create(
            Item(
                pyramid=pyramid,
                layer=layers[n % len(layers)],
                position=n,
                name=f"Aanbod {n + 1}",
                description="Een onderdeel van het aanbod, verzonnen voor de meting.",
                circles=[1 + n % 6],
                owner_member=memberships[1 + n % (len(memberships) - 1)],
                evidence="erkend" if n % 3 else "",
            )
            for n in range(count)
        )
        LayerNote.objects.bulk_create(
            LayerNote(pyramid=pyramid, layer=layer, answers={"mentoraat": "Ja."})
            for layer in ("fundament", "basis")
        )


def _add_checklists(school, memberships) -> None:
    """Every year's Beginsituatie filled in by the kernteam and agreed; ten goals of
    three actions each; twenty check-ins (the checklists app's pages and budgets)."""
    import datetime

    from checklists import content, services
    from checklists.models import CheckInTally, Response

    items = [item["key"] for item in content.items(content.get("beginsituatie"))]
    answers = ["goed", "aandacht", "prioriteit", "weet-niet"]
    kernteam = [m for m in memberships if m.is_kernteam]
    for year in SchoolYear.objects.filter(school=school):
        round = services.round_of(school=school, year=year, key="beginsituatie")
        Response.objects.bulk_create(
            Response(round=round, membership=m, item=key, answer=answers[(i + j) % 4], note="")
            for i, m in enumerate(kernteam)
            for j, key in enumerate(items)
        )
        for j, key in enumerate(items):
            services.save_agreement(
                round=round, item=key, answer=answers[j % 3], note="", user=None
            )
        if year.is_current:
            for n in range(10):
                goal = services.create_goal(
                    school=school,
                    year=year,
                    data={"title": f"Doel {n + 1}", "evaluate_on": datetime.date.today()},
                    user=None,
                    round=round,
                    item=items[n % len(items)],
                )
                for a in range(3):
                    services.add_action(
                        goal=goal,
                        what=f"Actie {a + 1}",
                        who=kernteam[(n + a) % len(kernteam)],
                        due=datetime.date.today(),
                    )
    for n in range(20):
        check_in = services.start_check_in(
            school=school, meeting=f"Teamvergadering {n + 1}", prompt="emoji", user=None
        )
        for value, count in (("blij", 3), ("goed", 5), ("gewoon", 2)):
            CheckInTally.objects.filter(check_in=check_in, value=value).update(count=count)
