"""Roll over to the next school year by moving groups up.

Each group of this year gets a group next year (groep 5 → groep 6, 2B → 3B:
every number in the name one up; the beheerder may type another name, and
groups given the same name merge). A group marked as leaving — by default a
po school's groep 8 — has its pupils archived, never deleted; in a po school
a pupil whose own jaargroep is 8 (in a combination group 7/8) leaves as well.
This year's groups, placements and teachers stay as they are, so the old
year stays readable; next year's groups start without teachers. Pupils
already placed in next year (by an import, say) are left where they are, so
rolling over twice changes nothing the second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from welbevinden.schools.models import Group, Placement, Pupil, School, SchoolKind, SchoolYear
from welbevinden.schools.services import make_year_current

# The last jaargroep of a primary school; its pupils leave in summer. A vo
# school's leaving year differs per stream, so the beheerder ticks it.
PO_LAST_LEVEL = 8
NUMBER = re.compile(r"\d+")


def next_name(name: str) -> str:
    return NUMBER.sub(lambda match: str(int(match[0]) + 1), name)[:60]


def group_level(group: Group) -> int | None:
    if group.year_level is not None:
        return group.year_level
    numbers = NUMBER.findall(group.name)
    return int(numbers[0]) if len(numbers) == 1 and len(numbers[0]) <= 2 else None


def last_level(school: School) -> int | None:
    return PO_LAST_LEVEL if school.kind == SchoolKind.PO else None


@dataclass
class GroupStep:
    group: Group
    target: str
    leaves: bool
    movers: list[Placement] = field(default_factory=list)
    leavers: list[Placement] = field(default_factory=list)
    already_placed: int = 0

    @property
    def level(self) -> int | None:
        return group_level(self.group)

    @property
    def total(self) -> int:
        return len(self.movers) + len(self.leavers) + self.already_placed


@dataclass
class Rollover:
    school: School
    year: SchoolYear
    start_year: int
    next_year: SchoolYear | None
    steps: list[GroupStep]
    existing_groups: set[str]

    @property
    def next_name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def new_groups(self) -> list[str]:
        names = {s.target for s in self.steps if not s.leaves and s.movers}
        return sorted(names - self.existing_groups)

    @property
    def mover_count(self) -> int:
        return sum(len(s.movers) for s in self.steps)

    @property
    def leaver_count(self) -> int:
        return sum(len(s.leavers) for s in self.steps)

    @property
    def already_placed(self) -> int:
        return sum(s.already_placed for s in self.steps)

    @property
    def has_changes(self) -> bool:
        return bool(self.next_year is None or self.mover_count or self.leaver_count)


def plan_rollover(
    *, school: School, year: SchoolYear, choices: dict[str, tuple[str, bool]] | None = None
) -> Rollover:
    """What moving up would do; ``choices`` (group code -> name, leaves) override the defaults."""
    start_year = year.start_year + 1
    next_year = SchoolYear.objects.filter(school=school, start_year=start_year).first()
    placed_next = (
        set(Placement.objects.filter(school_year=next_year).values_list("pupil_id", flat=True))
        if next_year
        else set()
    )
    existing = (
        set(Group.objects.filter(school_year=next_year).values_list("name", flat=True))
        if next_year
        else set()
    )
    top = last_level(school)
    steps = []
    placements: dict[int, list[Placement]] = {}
    for placement in Placement.objects.filter(
        school_year=year, pupil__archived_at__isnull=True
    ).select_related("pupil"):
        placements.setdefault(placement.group_id, []).append(placement)
    for group in Group.objects.filter(school_year=year).order_by("name"):
        target, leaves = next_name(group.name), group_level(group) == top and top is not None
        if choices and str(group.code) in choices:
            target, leaves = choices[str(group.code)]
            target = target or next_name(group.name)
        step = GroupStep(group=group, target=target, leaves=leaves)
        for placement in sorted(placements.get(group.pk, []), key=lambda p: p.pupil.display_name):
            if placement.pupil_id in placed_next:
                step.already_placed += 1
            elif leaves or (top is not None and placement.year_level == top):
                step.leavers.append(placement)
            else:
                step.movers.append(placement)
        steps.append(step)
    return Rollover(
        school=school,
        year=year,
        start_year=start_year,
        next_year=next_year,
        steps=steps,
        existing_groups=existing,
    )


@transaction.atomic
def apply_rollover(
    *, school: School, year: SchoolYear, choices: dict[str, tuple[str, bool]], make_current: bool
) -> Rollover:
    School.objects.select_for_update().filter(pk=school.pk).first()
    plan = plan_rollover(school=school, year=year, choices=choices)
    next_year = plan.next_year or SchoolYear.objects.create(
        school=school, start_year=plan.start_year
    )
    levels: dict[str, set] = {}
    for step in plan.steps:
        if step.movers:
            level = step.level + 1 if step.level is not None else None
            levels.setdefault(step.target, set()).add(level)
    Group.objects.bulk_create(
        Group(
            school=school,
            school_year=next_year,
            name=name,
            year_level=next(iter(levels[name])) if len(levels[name]) == 1 else None,
        )
        for name in plan.new_groups
    )
    groups = {g.name: g for g in Group.objects.filter(school_year=next_year)}
    Placement.objects.bulk_create(
        Placement(
            pupil_id=placement.pupil_id,
            group=groups[step.target],
            school_year=next_year,
            year_level=placement.year_level + 1 if placement.year_level is not None else None,
        )
        for step in plan.steps
        for placement in step.movers
    )
    leavers = [placement.pupil_id for step in plan.steps for placement in step.leavers]
    Pupil.objects.filter(pk__in=leavers).update(archived_at=timezone.now())
    if make_current:
        make_year_current(year=next_year)
    return plan
