"""The preview of an import and its one-transaction application.

``make_plan`` compares what a parser read with the school: new pupils,
renamed, moved (or placed for the first time in that school year), returning
from the archive, leaving (in the school but not in the file), new groups and
the school year's groups the file does not mention. Pupils are matched by
their key (the LVS number), never by name. The one exception is a temporary
key (``#…``): when such a pupil is missing from the file and exactly one new
pupil in the same group has the same display name, the preview proposes to
give the pupil that permanent key instead of creating a second pupil.
Pupils the file has without a group are created without a placement (not
placed yet); pupils the file says have left are never current: if the school
has them, the plan offers to archive them (``left``).

``apply_plan`` makes the plan again inside one transaction and refuses when
it differs from what the beheerder confirmed (someone changed the school in
between); applying the same file twice changes nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from welbevinden.schools.imports.records import ImportedPupil, ImportFile, Leaver
from welbevinden.schools.models import Group, Placement, Pupil, School, SchoolYear


class PlanChanged(Exception):
    """The school changed between preview and confirmation."""


@dataclass
class Plan:
    school: School
    start_year: int
    year: SchoolYear | None  # None: the school year is created
    file: ImportFile
    new_groups: list[tuple[str, int | None]] = field(default_factory=list)
    other_groups: list[str] = field(default_factory=list)  # in the year, not in the file
    new: list[ImportedPupil] = field(default_factory=list)
    renamed: list[tuple[Pupil, ImportedPupil]] = field(default_factory=list)
    moved: list[tuple[Pupil, str, ImportedPupil]] = field(default_factory=list)  # from group
    restored: list[tuple[Pupil, ImportedPupil]] = field(default_factory=list)
    keys_matched: list[tuple[Pupil, ImportedPupil]] = field(default_factory=list)
    level_changes: list[tuple[Pupil, ImportedPupil]] = field(default_factory=list)
    leaving: list[tuple[Pupil, str]] = field(default_factory=list)  # with their group
    # In the school and active, and the file says they left: offered for archiving.
    left: list[tuple[Pupil, Leaver, str]] = field(default_factory=list)
    # The file says they left and the school has no active pupil with that key.
    left_elsewhere: list[Leaver] = field(default_factory=list)
    unplaced: int = 0  # pupils in the file without a group (nog niet geplaatst)
    unnumbered: int = 0  # active pupils without a key: never matched
    unchanged: int = 0

    @property
    def year_name(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def has_changes(self) -> bool:
        return bool(
            self.year is None
            or self.new_groups
            or self.new
            or self.renamed
            or self.moved
            or self.restored
            or self.keys_matched
            or self.level_changes
        )

    def digest(self) -> str:
        """A fingerprint of every change, to check the confirmation against."""
        content = {
            "year": self.year.pk if self.year else None,
            "groups": self.new_groups,
            "new": [(p.key, p.display_name, p.group, p.year_level) for p in self.new],
            "renamed": [(p.pk, i.display_name) for p, i in self.renamed],
            "moved": [(p.pk, i.group) for p, _g, i in self.moved],
            "restored": [p.pk for p, _i in self.restored],
            "matched": [(p.pk, i.key) for p, i in self.keys_matched],
            "levels": [(p.pk, i.year_level) for p, i in self.level_changes],
            "leaving": [p.pk for p, _g in self.leaving],
            "left": [p.pk for p, _l, _g in self.left],
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:32]

    def counts(self) -> dict[str, int]:
        return {
            "new": len(self.new),
            "renamed": len(self.renamed),
            "moved": len(self.moved),
            "restored": len(self.restored),
            "keys_matched": len(self.keys_matched),
            "leaving": len(self.leaving),
            "left": len(self.left),
            "skipped": len(self.file.skipped) + len(self.left_elsewhere),
            "unplaced": self.unplaced,
            "new_groups": len(self.new_groups),
            "unchanged": self.unchanged,
        }


def make_plan(*, school: School, start_year: int, file: ImportFile) -> Plan:
    year = SchoolYear.objects.filter(school=school, start_year=start_year).first()
    plan = Plan(school=school, start_year=start_year, year=year, file=file)
    groups = {g.name: g for g in Group.objects.filter(school_year=year)} if year else {}
    # Sorted: a JSON object read back from PostgreSQL (jsonb) has its own key order.
    plan.new_groups = sorted(
        (name, level) for name, level in file.groups.items() if name not in groups
    )
    plan.other_groups = sorted(name for name in groups if name not in file.groups)

    pupils = list(Pupil.objects.filter(school=school))
    by_key = {p.lvs_number: p for p in pupils if p.lvs_number}
    placements = (
        {
            pl.pupil_id: pl
            for pl in Placement.objects.filter(school_year=year).select_related("group")
        }
        if year
        else {}
    )
    file_keys = {p.key for p in file.pupils} | {leaver.key for leaver in file.leavers}
    new: list[ImportedPupil] = []
    for imported in file.pupils:
        if not imported.is_placed:
            plan.unplaced += 1
        pupil = by_key.get(imported.key)
        if pupil is None:
            new.append(imported)
            continue
        changed = False
        if pupil.is_archived:
            plan.restored.append((pupil, imported))
            changed = True
        if pupil.display_name != imported.display_name:
            plan.renamed.append((pupil, imported))
            changed = True
        placement = placements.get(pupil.pk)
        if not imported.is_placed:
            # Not placed yet in the administration: a placement made here stays.
            pass
        elif placement is None or placement.group.name != imported.group:
            plan.moved.append((pupil, placement.group.name if placement else "", imported))
            changed = True
        elif placement.year_level != imported.year_level and imported.year_level is not None:
            plan.level_changes.append((pupil, imported))
            changed = True
        if not changed:
            plan.unchanged += 1

    leaving = [
        p for p in pupils if not p.is_archived and p.lvs_number and p.lvs_number not in file_keys
    ]
    # A temporary key replaced by a permanent one: same group, same name, one candidate each way.
    matched: set[int] = set()
    for pupil in [p for p in leaving if p.has_temporary_key]:
        placement = placements.get(pupil.pk)
        group = placement.group.name if placement else None
        candidates = [
            i
            for i in new
            if i.display_name == pupil.display_name and (group is None or i.group == group)
        ]
        if len(candidates) == 1 and candidates[0] not in [i for _p, i in plan.keys_matched]:
            plan.keys_matched.append((pupil, candidates[0]))
            matched.add(pupil.pk)
    matched_imports = [i for _p, i in plan.keys_matched]
    plan.new = [i for i in new if all(i is not m for m in matched_imports)]
    plan.leaving = [
        (p, placements[p.pk].group.name if p.pk in placements else "")
        for p in leaving
        if p.pk not in matched
    ]
    for leaver in file.leavers:
        pupil = by_key.get(leaver.key)
        if pupil is not None and not pupil.is_archived:
            placement = placements.get(pupil.pk)
            plan.left.append((pupil, leaver, placement.group.name if placement else ""))
        elif pupil is None:
            plan.left_elsewhere.append(leaver)
    plan.unnumbered = sum(1 for p in pupils if not p.is_archived and not p.lvs_number)
    plan.leaving.sort(key=lambda item: (item[1], item[0].display_name))
    plan.new.sort(key=lambda i: (i.group, i.display_name))
    return plan


@transaction.atomic
def apply_plan(
    *,
    school: School,
    start_year: int,
    file: ImportFile,
    digest: str,
    archive_leavers: bool,
    archive_left: bool = False,
) -> Plan:
    """Apply what the beheerder saw, all or nothing."""
    # One import at a time per school: the second waits, then sees the first's result.
    School.objects.select_for_update().filter(pk=school.pk).first()
    plan = make_plan(school=school, start_year=start_year, file=file)
    if plan.digest() != digest:
        raise PlanChanged
    year = plan.year
    if year is None:
        year = SchoolYear.objects.create(
            school=school,
            start_year=start_year,
            is_current=not SchoolYear.objects.filter(school=school, is_current=True).exists(),
        )
    Group.objects.bulk_create(
        Group(school=school, school_year=year, name=name, year_level=level)
        for name, level in plan.new_groups
    )
    groups = {g.name: g for g in Group.objects.filter(school_year=year)}
    now = timezone.now()

    for pupil, imported in plan.keys_matched:
        pupil.lvs_number = imported.key
        pupil.display_name = imported.display_name
        pupil.archived_at = None
    Pupil.objects.bulk_update(
        [p for p, _i in plan.keys_matched], ["lvs_number", "display_name", "archived_at"]
    )
    for pupil, imported in plan.renamed:
        pupil.display_name = imported.display_name
    Pupil.objects.bulk_update([p for p, _i in plan.renamed], ["display_name"])
    for pupil, _imported in plan.restored:
        pupil.archived_at = None
    Pupil.objects.bulk_update([p for p, _i in plan.restored], ["archived_at"])
    if archive_leavers and plan.leaving:
        Pupil.objects.filter(pk__in=[p.pk for p, _g in plan.leaving]).update(archived_at=now)
    if archive_left and plan.left:
        Pupil.objects.filter(pk__in=[p.pk for p, _l, _g in plan.left]).update(archived_at=now)

    created = Pupil.objects.bulk_create(
        Pupil(school=school, display_name=i.display_name, lvs_number=i.key) for i in plan.new
    )
    if created and created[0].pk is None:
        # Backends without RETURNING for bulk inserts; fetch the new rows back.
        by_code = {p.code: p for p in Pupil.objects.filter(code__in=[p.code for p in created])}
        created = [by_code[p.code] for p in created]

    # Placements in the year: the new pupils', the moved ones' (first
    # placement or another group), the matched ones' and the jaargroep changes.
    placed = [
        *((p, i) for p, i in zip(created, plan.new, strict=True) if i.is_placed),
        *((p, i) for p, _g, i in plan.moved),
        *((p, i) for p, i in plan.keys_matched if i.is_placed),
        *plan.level_changes,
    ]
    existing = {
        pl.pupil_id: pl
        for pl in Placement.objects.filter(school_year=year, pupil__in=[p for p, _i in placed])
    }
    changed, fresh = [], []
    for pupil, imported in placed:
        placement = existing.get(pupil.pk)
        if placement is None:
            fresh.append(
                Placement(
                    pupil=pupil,
                    group=groups[imported.group],
                    school_year=year,
                    year_level=imported.year_level,
                )
            )
        else:
            placement.group = groups[imported.group]
            placement.year_level = imported.year_level
            changed.append(placement)
    Placement.objects.bulk_update(changed, ["group", "year_level"])
    Placement.objects.bulk_create(fresh)
    return plan
