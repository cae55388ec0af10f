"""Reads of the climate log, for its own pages, the home page and the reports.

Every read that others may see goes through ``Entry.objects.visible_to`` or
``shared()``: a private entry is its author's alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet, Subquery
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from circles.climate.models import Entry, ReminderSettings
from welbevinden.schools.models import Group, Membership


def settings_for(school) -> ReminderSettings:
    found = ReminderSettings.objects.filter(school=school).first()
    return found or ReminderSettings(school=school)


def entries_of(membership, group) -> QuerySet[Entry]:
    """The entries of one group this member may read, newest first."""
    return Entry.objects.visible_to(membership).filter(group=group).select_related("author")


def _last_days(entries: QuerySet[Entry], groups) -> dict[int, datetime.date]:
    rows = entries.filter(group__in=groups).order_by().values("group_id").annotate(last=Max("day"))
    return {row["group_id"]: row["last"] for row in rows}


def circle_status(membership, groups) -> dict[int, str]:
    """Per group, when its climate was last looked at (the circle pages' status)."""
    last = _last_days(Entry.objects.visible_to(membership), groups)
    return {
        group.id: (
            _("Laatste klimaatnotitie %(day)s") % {"day": date_format(last[group.id], "j F")}
            if group.id in last
            else _("Nog geen klimaatnotitie")
        )
        for group in groups
    }


@dataclass(frozen=True)
class Reminder:
    group: Group
    last: datetime.date | None
    weeks: int  # the school's interval now


SETTING_FIELDS = ("weeks_in_golden_weeks", "golden_weeks_until", "weeks_after")


def with_last_entry(groups: QuerySet[Group], membership) -> QuerySet[Group]:
    """Each group with the day of its last entry this member may read, and the school's
    reminder setting, as subqueries: the home page asks no extra query for its reminder."""
    visible = Entry.objects.visible_to(membership).filter(group=OuterRef("pk"))
    school_settings = ReminderSettings.objects.filter(school_id=OuterRef("school_id"))
    return groups.annotate(
        climate_last=Subquery(visible.order_by("-day").values("day")[:1]),
        **{
            f"climate_{name}": Subquery(school_settings.values(name)[:1]) for name in SETTING_FIELDS
        },
    )


def reminders(groups, year, today: datetime.date) -> list[Reminder]:
    """The groups (annotated by ``with_last_entry``) without an entry within the interval."""
    if year is None:
        return []
    reminders = []
    for group in groups:
        chosen = ReminderSettings(school_id=group.school_id)
        for name in SETTING_FIELDS:
            if getattr(group, f"climate_{name}") is not None:
                setattr(chosen, name, getattr(group, f"climate_{name}"))
        weeks = chosen.interval_weeks(today, year.start_year)
        last = group.climate_last
        if last is None or (today - last).days >= weeks * 7:
            reminders.append(Reminder(group, last, weeks))
    return reminders


@dataclass(frozen=True)
class GroupClimate:
    """Where a group stands, from its shared entries: the IB overview's row."""

    group: Group
    latest: Entry | None
    previous: Entry | None
    days_since: int | None
    stale: bool

    @property
    def fell(self) -> bool:
        return bool(
            self.latest and self.previous and self.latest.level_value < self.previous.level_value
        )

    @property
    def negative(self) -> bool:
        return bool(self.latest and self.latest.level_value == 1)

    @property
    def weeks_since(self) -> int | None:
        return None if self.days_since is None else self.days_since // 7


def overview(school, today: datetime.date) -> list[GroupClimate]:
    """Every group of the current year with its latest two shared entries.

    Three queries whatever the number of groups or entries: the year, the
    groups with their teachers, the shared entries (light columns only).
    """
    year = school.current_year()
    if year is None:
        return []
    groups = list(
        Group.objects.filter(school_year=year)
        .prefetch_related(Prefetch("teachers", queryset=Membership.objects.select_related("user")))
        .order_by("name")
    )
    per_group: dict[int, list[Entry]] = {}
    entries = (
        Entry.objects.shared()
        .filter(school=school, group__school_year=year)
        .only("group_id", "day", "level", "phase", "code", "created_at", "updated_at")
        .order_by("group_id", "-day", "-created_at")
    )
    for entry in entries:
        found = per_group.setdefault(entry.group_id, [])
        if len(found) < 2:
            found.append(entry)
    weeks = settings_for(school).interval_weeks(today, year.start_year)
    rows = []
    for group in groups:
        latest, previous = ([*per_group.get(group.id, []), None, None])[:2]
        days = (today - latest.day).days if latest else None
        rows.append(GroupClimate(group, latest, previous, days, days is None or days >= weeks * 7))
    return rows


def level_counts(rows: list[GroupClimate]) -> dict[str, int]:
    """How many groups stand at each level now (for kernteam and directie, suppressed)."""
    from circles.climate import content

    counts = {option.key: 0 for option in content.levels()}
    counts[""] = 0  # no entry yet
    for row in rows:
        counts[row.latest.level if row.latest else ""] += 1
    return counts


def shared_entries_in_period(school, groups, start: datetime.date, end: datetime.date):
    """The groups' shared entries between start and end (the Teambespreking report)."""
    return (
        Entry.objects.shared()
        .filter(school=school, group__in=groups, day__gte=start, day__lte=end)
        .select_related("author")
        .order_by("group__name", "day", "created_at")
    )


def conversations_of(group):
    """A group's class conversations, newest first (group work: check ``can_read`` first)."""
    from circles.climate.models import ClassConversation

    return ClassConversation.objects.filter(group=group).select_related("author")


def agreements_of(group):
    """A group's klassenafspraken, or None (group work: check ``can_read`` first)."""
    from circles.climate.models import ClassAgreements

    return ClassAgreements.objects.filter(group=group).first()


def feeling_days(group, since: datetime.date):
    """The group's gevoelsthermometer counts since a day, oldest first."""
    from circles.climate.models import FeelingDay

    return list(FeelingDay.objects.filter(group=group, day__gte=since).order_by("day"))


def group_hub(access, group) -> dict | None:
    """The group page's climate panel: the latest shared entry and whether the group has
    klassenafspraken to print. One query, for those who may see the group's work."""
    from circles.climate import content
    from circles.climate.models import ClassAgreements
    from circles.permissions import can_view_group_work

    if not can_view_group_work(access, group):
        return None
    # Only shared entries: a teacher's private notes are nobody else's, here as everywhere.
    shared = Entry.objects.shared().filter(group=OuterRef("pk")).order_by("-day", "-created_at")
    row = (
        Group.objects.filter(pk=group.pk)
        .annotate(
            latest_day=Subquery(shared.values("day")[:1]),
            latest_level=Subquery(shared.values("level")[:1]),
            has_agreements=Exists(ClassAgreements.objects.filter(group=OuterRef("pk"))),
        )
        .values("latest_day", "latest_level", "has_agreements")
        .first()
    )
    level = content.find(content.levels(), row["latest_level"]) if row["latest_day"] else None
    return {"day": row["latest_day"], "level": level, "has_agreements": row["has_agreements"]}
