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


# The school dashboard ------------------------------------------------------------


@dataclass(frozen=True)
class ClimateFigures:
    """The climate across the year's groups, as one viewer may see it."""

    # Per period of the year up to the cutoff: (period, Suppressed counts per level).
    periods: list
    now: object  # Suppressed: the latest level of every group, up to the span's end
    levels: tuple  # the level options, lowest first
    groups: int
    # Named groups: only for those who see groups (IB'ers); else empty.
    negative: list[Group]
    fell: list[Group]
    rose: list[Group]
    without: list[Group]  # no shared entry in the span


def _latest_levels(rows, groups, start, end) -> dict[int, str | None]:
    """Each group's latest level among the rows between start and end (None: none)."""
    levels: dict[int, str | None] = dict.fromkeys(groups)
    for group_id, day, level in rows:  # oldest first
        if start <= day <= end:
            levels[group_id] = level
    return levels


def climate_figures(viewer, span) -> ClimateFigures:
    """Two queries whatever the school's size: the year's groups and their shared
    entries' light columns (group, day, level) up to the span's end."""
    from django.conf import settings

    from circles.climate import content
    from welbevinden.suppression import Suppressed, suppress_groups

    options = content.levels()
    keys = [option.key for option in options]
    value = {option.key: option.value for option in options}
    groups = {g.pk: g for g in Group.objects.filter(school_year=span.year).order_by("name")}
    last_day = min(span.end, viewer.cutoff)
    rows = list(
        Entry.objects.shared()
        .filter(school=viewer.school, group__school_year=span.year, day__lte=last_day)
        .order_by("day", "created_at")
        .values_list("group_id", "day", "level")
    )

    def shown(levels):
        levels = {pk: (level if level in value else None) for pk, level in levels.items()}
        if viewer.sees_groups:  # they see every group's level anyway
            counts = dict.fromkeys(keys, 0)
            for level in levels.values():
                if level in counts:
                    counts[level] += 1
            return Suppressed(counts, sum(counts.values()))
        return suppress_groups(levels, keys, settings.MIN_GROUPS_SHOWN, known=viewer.own_group_ids)

    periods = [
        (period, shown(_latest_levels(rows, groups, period.start, min(period.end, last_day))))
        for period in span.periods
        if period.start <= last_day
    ]
    now = _latest_levels(rows, groups, span.year.starts_on, last_day)
    negative, fell, rose, without = [], [], [], []
    if viewer.sees_groups:
        in_span = _latest_levels(rows, groups, span.start, last_day)
        history: dict[int, list[str]] = {}
        for group_id, _day, level in rows:
            history.setdefault(group_id, []).append(level)
        for pk, group in groups.items():
            levels = history.get(pk, [])
            if in_span[pk] is None:
                without.append(group)
            if now[pk] is not None and value.get(now[pk]) == 1:
                negative.append(group)
            if len(levels) >= 2 and value.get(levels[-1], 0) < value.get(levels[-2], 0):
                fell.append(group)
            elif len(levels) >= 2 and value.get(levels[-1], 0) > value.get(levels[-2], 0):
                rose.append(group)
    return ClimateFigures(periods, shown(now), options, len(groups), negative, fell, rose, without)


def _describe(table) -> str:
    """The climate chart in words (its text alternative)."""
    lines = []
    for row in table:
        if row["hidden"]:
            lines.append(
                _("%(period)s: %(n)s groepen met een notitie, niveaus niet te tonen.")
                % {"period": row["label"], "n": row["total"]}
            )
        else:
            counts = ", ".join(f"{option.text} {n}" for option, n in row["cells"])
            lines.append(f"{row['label']}: {counts}.")
    return " ".join(lines)


def dashboard_section(viewer, span):
    """Class climate across the groups and its course per period (our summary rules:
    a group on the lowest level or falling needs attention; every group on the upper
    two levels went well)."""
    from django.urls import reverse

    from circles.climate import charts
    from welbevinden.core.bars import bars
    from welbevinden.dashboard.sections import Section

    figures = climate_figures(viewer, span)
    table = [
        {
            "label": period.label,
            "cells": [(option, counts.cells[option.key]) for option in figures.levels],
            "total": counts.total,
            "hidden": counts.any_hidden,
        }
        for period, counts in figures.periods
    ]
    chart = bars(
        [
            (
                _("%(period)s · %(n)s groepen, niveaus niet te tonen")
                % {"period": row["label"], "n": row["total"]}
                if row["hidden"]
                else row["label"],
                [("hidden", _("niet te tonen"), row["total"], "#d9d3c7", "#1f2d33")]
                if row["hidden"]
                else [
                    (option.key, option.text, n, charts.LEVEL_FILLS[option.value], "#fff")
                    for option, n in row["cells"]
                ],
            )
            for row in table
        ]
    )
    section = Section(
        key="climate",
        title=_("Groepsklimaat"),
        url=reverse(
            "climate:overview" if viewer.sees_groups else "climate:index",
            args=[viewer.school.slug],
        ),
        data={"figures": figures, "chart": chart, "table": table, "desc": _describe(table)},
    )
    now = figures.now
    lowest, upper = figures.levels[0], figures.levels[2:]
    if viewer.sees_groups:
        names = ", ".join
        if figures.negative:
            section.attention.append(
                _("Op het laagste niveau (%(level)s): %(groups)s.")
                % {"level": lowest.text, "groups": names(g.name for g in figures.negative)}
            )
        if figures.fell:
            section.attention.append(
                _("Gedaald sinds de notitie ervoor: %(groups)s.")
                % {"groups": names(g.name for g in figures.fell)}
            )
        if figures.without:
            section.attention.append(
                _("Geen gedeelde notitie in deze periode: %(groups)s.")
                % {"groups": names(g.name for g in figures.without)}
            )
        if figures.rose:
            section.went_well.append(
                _("Gestegen sinds de notitie ervoor: %(groups)s.")
                % {"groups": names(g.name for g in figures.rose)}
            )
        if figures.negative or figures.fell:
            section.decisions.append(
                _(
                    "Wie bespreekt met de leraren van de gedaalde of negatieve groepen welke "
                    "steun ze nodig hebben, en wanneer?"
                )
            )
    elif now.total and not now.any_hidden and now.cells[lowest.key]:
        section.attention.append(
            _("%(n)s van de %(total)s groepen met een notitie staan op het laagste niveau.")
            % {"n": now.cells[lowest.key], "total": now.total}
        )
        section.decisions.append(
            _("Vraag de IB'er welke steun de groepen op het laagste niveau krijgen.")
        )
    if now.total and not now.any_hidden:
        good = sum(now.cells[option.key] or 0 for option in upper)
        if good == now.total:
            section.went_well.append(
                _("Alle %(total)s groepen met een notitie staan op de bovenste twee niveaus.")
                % {"total": now.total}
            )
    return section


_HUB_NAMES = ("climate_latest_day", "climate_latest_level", "climate_has_agreements")


def group_hub_annotations() -> dict:
    """The climate panel's values on the group's row: read with the group (hub.py)."""
    from circles.climate.models import ClassAgreements

    # Only shared entries: a teacher's private notes are nobody else's, here as everywhere.
    shared = Entry.objects.shared().filter(group=OuterRef("pk")).order_by("-day", "-created_at")
    return {
        "climate_latest_day": Subquery(shared.values("day")[:1]),
        "climate_latest_level": Subquery(shared.values("level")[:1]),
        "climate_has_agreements": Exists(ClassAgreements.objects.filter(group=OuterRef("pk"))),
    }


def group_hub(access, group) -> dict | None:
    """The group page's climate panel: the latest shared entry and whether the group has
    klassenafspraken to print, for those who may see the group's work. No query of its
    own when the group came annotated (``group_hub_annotations``), else one."""
    from circles.climate import content
    from circles.permissions import can_view_group_work

    if not can_view_group_work(access, group):
        return None
    if all(hasattr(group, name) for name in _HUB_NAMES):
        row = {name: getattr(group, name) for name in _HUB_NAMES}
    else:
        row = (
            Group.objects.filter(pk=group.pk)
            .annotate(**group_hub_annotations())
            .values(*_HUB_NAMES)
            .first()
        )
    day = row["climate_latest_day"]
    level = content.find(content.levels(), row["climate_latest_level"]) if day else None
    return {"day": day, "level": level, "has_agreements": row["climate_has_agreements"]}


# ---------------------------------------------------------------------------
# The school dashboard's gevoelsthermometer section (kept apart from the class
# climate's section so that the two merge cleanly).


@dataclass(frozen=True)
class FeelingPeriod:
    label: str
    number: int
    total: int
    counts: tuple[int | None, ...]  # per feeling (Feeling's order); None: hidden
    selected: bool

    @property
    def hidden(self) -> bool:
        return any(count is None for count in self.counts)

    @property
    def low_share(self) -> float | None:
        """The share of "niet zo goed" and "slecht", only when every count is shown."""
        if self.hidden or not self.total:
            return None
        return (self.counts[-2] + self.counts[-1]) / self.total


def feeling_periods(viewer, span) -> list[FeelingPeriod]:
    """The school's gevoelsthermometer taps per period of the span's year, as
    they may be shown to this viewer: each period's tally through
    ``suppress_tally`` (every count or only the total). Only days that are
    over (today still changes, as on the thermometer page), and for anyone but
    the IB'ers only up to ``Viewer.cutoff``; and (our rule) for them a period's
    counts only when at least ``MIN_GROUPS_SHOWN`` groups besides their own
    tapped in it: one or two groups' taps are those groups' own tallies. One
    query: the counts summed per group and month in the database.
    """
    from django.conf import settings
    from django.db.models import Sum
    from django.db.models.functions import TruncMonth

    from circles.climate.models import Feeling, FeelingDay
    from welbevinden.dashboard.periods import period_of
    from welbevinden.suppression import suppress_tally

    periods = span.periods
    last = min(viewer.cutoff, viewer.today - datetime.timedelta(days=1), periods[-1].end)
    fields = [FeelingDay.field_for(feeling) for feeling in Feeling]
    sums: dict[int, dict[str, int]] = {p.number: dict.fromkeys(Feeling.values, 0) for p in periods}
    tapped: dict[int, set[int]] = {p.number: set() for p in periods}
    rows = (
        FeelingDay.objects.filter(
            school=viewer.school,
            group__school_year=span.year,
            day__gte=periods[0].start,
            day__lte=last,
        )
        .annotate(month=TruncMonth("day"))
        .order_by()
        .values("group_id", "month")
        .annotate(**{f"n_{field}": Sum(field) for field in fields})
    )
    for row in rows:
        period = period_of(span.year.start_year, row["month"])
        counts = sums[period.number]
        for feeling, field in zip(Feeling.values, fields, strict=True):
            counts[feeling] += row[f"n_{field}"]
        if any(row[f"n_{field}"] for field in fields):
            tapped[period.number].add(row["group_id"])
    shown = []
    for period in periods:
        if period.start > viewer.today:
            break  # a period still to come has nothing to show
        tally = suppress_tally(sums[period.number], settings.MIN_GROUP_SIZE)
        cells = [tally.cells[feeling] for feeling in Feeling.values]
        total = sum(sums[period.number].values())
        others = tapped[period.number] - viewer.own_group_ids
        if not viewer.sees_groups and total and len(others) < settings.MIN_GROUPS_SHOWN:
            cells = [None] * len(cells)
        shown.append(
            FeelingPeriod(
                period.label,
                period.number,
                total,
                tuple(cells),
                span.period is not None and span.period.number == period.number,
            )
        )
    return shown


# The colours of climate/_feeling_chart.html, warm to cold, for the legend.
FEELING_COLOURS = ("#3f8f4f", "#8bbf5a", "#f2c94c", "#f2994a", "#c0504d")


def thermometer_section(viewer, span):
    """The dashboard's gevoelsthermometer section: the school's taps per period."""
    from django.conf import settings
    from django.urls import reverse

    from circles.climate import charts
    from circles.climate.models import Feeling
    from welbevinden.dashboard.sections import Section

    periods = feeling_periods(viewer, span)
    keys = list(Feeling.values)
    used = [p for p in periods if p.total]
    section = Section(
        key="thermometer",
        title=_("Gevoelsthermometer"),
        url=reverse("climate:index", args=[viewer.school.slug]),
        data={
            "periods": periods,
            "used": bool(used),
            "feelings": [
                (feeling.value, feeling.label, colour)
                for feeling, colour in zip(Feeling, FEELING_COLOURS, strict=True)
            ],
            "chart": charts.feelings([(p.label, keys, list(p.counts)) for p in used], width=360),
            "min_people": settings.MIN_GROUP_SIZE,
            "min_groups": settings.MIN_GROUPS_SHOWN,
            "sees_groups": viewer.sees_groups,
            "any_hidden": any(p.hidden for p in used),
        },
    )
    # Our rules for the Kernteamrapport's summary: the last two periods whose
    # counts are all shown, compared on the share of the two lowest faces.
    compared = [p for p in used if p.low_share is not None][-2:]
    if len(compared) == 2:
        before, now = compared
        values = {
            "before": round(100 * before.low_share),
            "now": round(100 * now.low_share),
            "period": now.label,
        }
        if values["now"] > values["before"]:
            section.attention.append(
                _(
                    "In %(period)s koos %(now)s%% van de tikken „niet zo goed” of „slecht”, "
                    "de periode ervoor %(before)s%%."
                )
                % values
            )
        elif values["now"] < values["before"]:
            section.went_well.append(
                _(
                    "In %(period)s koos %(now)s%% van de tikken „niet zo goed” of „slecht”, "
                    "minder dan de %(before)s%% de periode ervoor."
                )
                % values
            )
    if not used:
        section.decisions.append(
            _("Bespreek of groepen de gevoelsthermometer in de klas gaan gebruiken.")
        )
    return section


# The board ------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardClimate:
    """The climate of a board's schools in one school year, as a board member may see it."""

    levels: tuple  # the level options, lowest first
    groups: dict[int, int]  # per school: the year's groups
    # Per school and for the board: each group's latest level, counted as
    # ``suppression.suppress_groups_across`` allows.
    schools: dict[int, object]
    whole: object
    periods: list  # (period, Suppressed) for the board as a whole, up to the cutoff


def board_climate(schools, start_year: int, periods, cutoff) -> BoardClimate:
    """Two queries whatever the number of schools: the year's groups of every
    school, and their shared entries' light columns up to ``cutoff``.

    A board member sees no group: the counts go through the groups' rules
    across the schools (a school's counts or none; the board's only when every
    school's are shown), with figures up to the end of the last completed week
    as for everyone who may not see groups.
    """
    from django.conf import settings

    from circles.climate import content
    from welbevinden.suppression import suppress_groups_across

    options = content.levels()
    keys = [option.key for option in options]
    school_of = dict(
        Group.objects.filter(school__in=schools, school_year__start_year=start_year)
        .order_by()
        .values_list("pk", "school_id")
    )
    rows = list(
        Entry.objects.shared()
        .filter(group_id__in=school_of, day__lte=cutoff)
        .order_by("day", "created_at")
        .values_list("group_id", "day", "level")
    )
    known = set(keys)
    year_start = periods[0].start if periods else cutoff

    def levels_by_school(start, end):
        latest = _latest_levels(rows, school_of, start, end)
        by_school: dict[int, dict[int, str | None]] = {school.pk: {} for school in schools}
        for group_id, level in latest.items():
            by_school[school_of[group_id]][group_id] = level if level in known else None
        return by_school

    minimum = settings.MIN_GROUPS_SHOWN
    per_school, whole = suppress_groups_across(levels_by_school(year_start, cutoff), keys, minimum)
    board_periods = []
    for period in periods:
        if period.start > cutoff:
            break
        # The board's counts of the period, by the same rule as its counts now:
        # cells only when every school's counts of that period would be shown.
        _schools, counts = suppress_groups_across(
            levels_by_school(period.start, min(period.end, cutoff)), keys, minimum
        )
        board_periods.append((period, counts))
    groups: dict[int, int] = {school.pk: 0 for school in schools}
    for school_id in school_of.values():
        groups[school_id] += 1
    return BoardClimate(tuple(options), groups, per_school, whole, board_periods)
