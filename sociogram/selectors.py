"""Reads of the sociogram."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sociogram.models import Nomination, PupilNote, Respondent, SeatingPlan, Sociogram, State


def circle_status(membership, groups) -> dict[int, str]:
    """Per group, its latest sociogram (the circle pages' status)."""
    latest: dict[int, Sociogram] = {}
    for sociogram in Sociogram.objects.filter(group__in=groups).order_by("created_at"):
        latest[sociogram.group_id] = sociogram
    status = {}
    for group in groups:
        sociogram = latest.get(group.id)
        if sociogram is None:
            status[group.id] = _("Nog geen sociogram")
        else:
            status[group.id] = _("Laatste sociogram: %(title)s (%(state)s)") % {
                "title": sociogram.title,
                "state": sociogram.get_state_display().lower(),
            }
    return status


def sociograms_of(group):
    # The list shows no questions: their JSON stays in the database (issue 24).
    return (
        Sociogram.objects.filter(group=group)
        .only("group_id", "code", "title", "state", "created_at", "source_round_id")
        .annotate(
            pupils=Count("respondents", distinct=True),
            answered=Count("respondents", filter=Q(respondents__answered_at__isnull=False)),
        )
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class PeriodSummary:
    """A group's sociograms of a period in numbers, never names (the Teambespreking).

    ``attention`` is our rule, not the handreiking's: a pupil nobody chose (only
    counted when at least 80 % and 12 pupils took part, as in the seating plan:
    a missing answer never labels a child) or, where the status groups are
    shown, a pupil in the group "afgewezen" or "genegeerd".
    """

    measured: int  # afnames closed in the period
    running: int  # afnames open now
    latest: Sociogram | None  # the latest one closed in the period
    pupils: int = 0
    took_part: int = 0
    counted: bool = False  # enough took part to count who nobody chose
    nobody_chose: int = 0
    rejected_or_ignored: int = 0
    attention: int = 0


def period_summaries(groups, start: datetime.datetime, end: datetime.datetime) -> dict:
    """Per group id its ``PeriodSummary``: three queries whatever the number of groups."""
    from sociogram import analysis
    from sociogram.services import run_analysis

    sociograms = list(
        Sociogram.objects.filter(group__in=groups)
        .filter(
            Q(state=State.OPEN) | Q(state=State.CLOSED, closed_at__gte=start, closed_at__lt=end)
        )
        .order_by("closed_at", "created_at")
    )
    closed = [s for s in sociograms if s.state == State.CLOSED]
    latest = {s.group_id: s for s in closed}
    live = [s for s in latest.values() if not s.purged_at]
    respondents: dict[int, list[Respondent]] = {}
    for respondent in Respondent.objects.filter(sociogram__in=live).order_by("pk"):
        respondents.setdefault(respondent.sociogram_id, []).append(respondent)
    nominations: dict[int, list[tuple[str, int, int]]] = {}
    for sociogram_id, *row in Nomination.objects.filter(sociogram__in=live).values_list(
        "sociogram_id", "question", "rater_id", "chosen_id"
    ):
        nominations.setdefault(sociogram_id, []).append(tuple(row))
    summaries = {}
    for group in groups:
        last = latest.get(group.id)
        counts = {
            "measured": sum(1 for s in closed if s.group_id == group.id),
            "running": sum(1 for s in sociograms if s.group_id == group.id and s.is_open),
            "latest": last,
        }
        if last is None:
            summaries[group.id] = PeriodSummary(**counts)
            continue
        if last.purged_at:
            pupils = list(last.summary.get("pupils", {}).values())
            rows = [(p["took_part"], p["isolated"], p["status"]) for p in pupils]
        else:
            result = run_analysis(last, respondents.get(last.id, []), nominations.get(last.id, []))
            rows = [(r.took_part, r.isolated, r.status) for r in result.pupils.values()]
        took_part = sum(1 for part, _i, _s in rows if part)
        counted = bool(rows) and (
            took_part / len(rows) >= analysis.MIN_PARTICIPATION
            and took_part >= analysis.MIN_RESPONDENTS
        )
        low = (analysis.AFGEWEZEN, analysis.GENEGEERD)
        summaries[group.id] = PeriodSummary(
            **counts,
            pupils=len(rows),
            took_part=took_part,
            counted=counted,
            nobody_chose=sum(1 for _p, isolated, _s in rows if counted and isolated),
            rejected_or_ignored=sum(1 for _p, _i, status in rows if status in low),
            attention=sum(
                1 for _p, isolated, status in rows if (counted and isolated) or status in low
            ),
        )
    return summaries


def respondents_of(sociogram: Sociogram) -> list[Respondent]:
    return list(sociogram.respondents.select_related("pupil").order_by("pupil__display_name"))


def nominations_of(sociogram: Sociogram) -> list[tuple[str, int, int]]:
    return list(sociogram.nominations.values_list("question", "rater_id", "chosen_id"))


def notes_of(group) -> dict[int, PupilNote]:
    return {note.pupil_id: note for note in PupilNote.objects.filter(group=group)}


def last_saved(sociogram: Sociogram) -> str:
    return date_format(sociogram.created_at, "j F Y")


@dataclass(frozen=True)
class Remeasure:
    group: object
    plan_on: datetime.date
    from_day: datetime.date
    until_day: datetime.date


def with_last_seating(groups):
    """Each group with the day of its last saved seating plan and its last sociogram,
    as subqueries: the home page asks no extra query for its suggestion."""
    plans = SeatingPlan.objects.filter(sociogram__group=OuterRef("pk")).order_by("-created_at")
    sociograms = Sociogram.objects.filter(group=OuterRef("pk"), source_round=None).order_by(
        "-created_at"
    )
    return groups.annotate(
        last_seating_at=Subquery(plans.values("created_at")[:1]),
        last_sociogram_at=Subquery(sociograms.values("created_at")[:1]),
    )


def remeasure_suggestions(groups) -> list[Remeasure]:
    """A new seating plan and no measurement since: measure again after 8-10 weeks
    (a single measurement is unstable; SOCIOMETRY.md)."""
    suggestions = []
    for group in groups:
        plan_at = getattr(group, "last_seating_at", None)
        if plan_at is None or (group.last_sociogram_at and group.last_sociogram_at > plan_at):
            continue
        day = timezone.localdate(plan_at)
        suggestions.append(
            Remeasure(
                group, day, day + datetime.timedelta(weeks=8), day + datetime.timedelta(weeks=10)
            )
        )
    return suggestions


@dataclass(frozen=True)
class Measurement:
    sociogram: Sociogram
    participation: float
    cohesion: float
    isolated: frozenset  # pupil codes (text), stable across measurements
    took_part: frozenset


def measurement(sociogram: Sociogram) -> Measurement:
    """What comparing needs, from the answers or, after the purge, from the summary."""
    from sociogram.services import run_analysis

    if sociogram.purged_at:
        pupils = sociogram.summary.get("pupils", {})
        return Measurement(
            sociogram,
            sociogram.summary.get("participation", 0.0),
            sociogram.summary.get("cohesion", 0.0),
            frozenset(code for code, p in pupils.items() if p["isolated"]),
            frozenset(code for code, p in pupils.items() if p["took_part"]),
        )
    respondents = respondents_of(sociogram)
    result = run_analysis(sociogram, respondents, nominations_of(sociogram))
    code = {str(r.pk): str(r.pupil.code) for r in respondents}
    return Measurement(
        sociogram,
        result.participation,
        result.cohesion,
        frozenset(code[p] for p, r in result.pupils.items() if r.isolated),
        frozenset(code[p] for p, r in result.pupils.items() if r.took_part),
    )


def group_hub(access, group) -> dict | None:
    """The group page's sociogram panel: the group's sociograms, newest first, without
    any pupil's answers. One query, for those who may see the group's work."""
    from sociogram.permissions import can_run

    if not can_run(access, group):
        return None
    sociograms = list(
        Sociogram.objects.filter(group=group)
        .only("code", "title", "state", "created_at", "opened_at", "closed_at")
        .order_by("-created_at")
    )
    measured = [s for s in sociograms if s.closed_at is not None]
    return {
        "sociograms": sociograms[:3],
        "more": max(len(sociograms) - 3, 0),
        "last_measured": max((s.closed_at for s in measured), default=None),
    }


# The school dashboard ---------------------------------------------------------


@dataclass(frozen=True)
class GroupAttention:
    """One group's latest measurement in the span, as numbers (no pupil names)."""

    group_id: int
    group_name: str
    measured_on: datetime.date
    measurements: int  # sociograms of this group measured in the span
    pupils: int
    took_part: int
    isolated: int  # chosen by nobody
    rejected: int | None  # status "afgewezen"; None where the categories are withheld
    attention: int  # isolated or rejected, each pupil once


def _from_pupils(rows) -> tuple[int, int, int, int | None, int]:
    """(pupils, took part, isolated, rejected, attention) from per-pupil rows of
    (took_part, isolated, status, categories shown)."""
    rows = list(rows)
    shown = rows[0][3] if rows else False
    isolated = sum(1 for _t, alone, _s, _c in rows if alone)
    rejected = sum(1 for _t, _a, status, _c in rows if status == "afgewezen")
    attention = sum(1 for _t, alone, status, _c in rows if alone or status == "afgewezen")
    took_part = sum(1 for took, _a, _s, _c in rows if took)
    return len(rows), took_part, isolated, rejected if shown else None, attention


def group_attention(viewer, span) -> tuple[list[tuple[int, str]], int, list[GroupAttention]]:
    """The span's year's groups, how many sociograms were measured in the span,
    and per measured group its latest measurement's counts.

    A measurement is a closed sociogram (not one carried over from the handvat),
    dated by its closing day; for anyone but the IB'ers only up to the viewer's
    cutoff (``Viewer.cutoff``). "Needs attention" is ours: chosen by nobody
    (the sociogram page's "door niemand gekozen") or "afgewezen" in the status
    categories, where these are shown. Four queries whatever the number of
    groups (the groups, the sociograms, and of the latest per group that still
    hold their answers the pupils and the nominations); the per-pupil scores
    only as far as needed (``analysis.attention``: no subgroups or bridges, and
    z-scores only where the status categories are shown).
    """
    from sociogram.analysis import attention
    from sociogram.services import split_nominations
    from welbevinden.schools.models import Group

    groups = list(
        Group.objects.filter(school_year=span.year).order_by("name").values_list("id", "name")
    )
    last = min(span.end, viewer.cutoff)
    measured = list(
        Sociogram.objects.filter(
            school=viewer.school,
            group__school_year=span.year,
            state=State.CLOSED,
            source_round=None,
            closed_at__date__gte=span.start,
            closed_at__date__lte=last,
        )
        .only("id", "group_id", "questions", "summary", "purged_at", "closed_at")
        .order_by("closed_at", "pk")
    )
    latest: dict[int, Sociogram] = {}
    count: dict[int, int] = {}
    for sociogram in measured:
        latest[sociogram.group_id] = sociogram
        count[sociogram.group_id] = count.get(sociogram.group_id, 0) + 1
    stored = [s.pk for s in latest.values() if not s.purged_at]
    pupils: dict[int, list[tuple[int, bool]]] = {}
    for sociogram_id, pk, answered in Respondent.objects.filter(
        sociogram_id__in=stored
    ).values_list("sociogram_id", "pk", "answered_at"):
        pupils.setdefault(sociogram_id, []).append((pk, answered is not None))
    nominations: dict[int, list[tuple[str, int, int]]] = {}
    for sociogram_id, *row in Nomination.objects.filter(sociogram_id__in=stored).values_list(
        "sociogram_id", "question", "rater_id", "chosen_id"
    ):
        nominations.setdefault(sociogram_id, []).append(tuple(row))
    names = dict(groups)
    rows = []
    for group_id, sociogram in latest.items():
        if sociogram.purged_at:
            # After the purge only the summary is left (services.summarise).
            shown = sociogram.summary.get("withheld") is None
            figures = _from_pupils(
                (p["took_part"], p["isolated"], p["status"], shown)
                for p in sociogram.summary.get("pupils", {}).values()
            )
        else:
            respondents = pupils.get(sociogram.pk, [])
            positive, negative = split_nominations(sociogram, nominations.get(sociogram.pk, []))
            found = attention(
                [str(pk) for pk, _answered in respondents],
                {str(pk) for pk, answered in respondents if answered},
                positive,
                negative,
            )
            figures = (
                found.pupils,
                found.took_part,
                len(found.isolated),
                None if found.rejected is None else len(found.rejected),
                len(found.either),
            )
        rows.append(
            GroupAttention(
                group_id,
                names.get(group_id, ""),
                timezone.localdate(sociogram.closed_at),
                count[group_id],
                *figures,
            )
        )
    rows.sort(key=lambda row: row.group_name)
    return groups, len(measured), rows


def dashboard_section(viewer, span):
    """The dashboard's sociogram section: how many groups measured, and how many
    pupils need attention, as numbers.

    The IB'ers see the numbers per group (group names, never pupil names).
    Everyone else sees no figure per group: the school's count of pupils who
    need attention goes through ``suppress`` (1-4 reads "minder dan 5"), and
    (our rule) only when at least ``MIN_GROUPS_SHOWN`` groups besides the
    viewer's own were measured: with fewer, the school's count is one or two
    named groups' result, which only their teachers and the IB'ers may see.
    """
    from django.conf import settings
    from django.urls import reverse

    from sociogram.charts import measured_groups
    from welbevinden.dashboard.sections import Section
    from welbevinden.suppression import suppress

    groups, measurements, rows = group_attention(viewer, span)
    total_attention = sum(row.attention for row in rows)
    others = [row for row in rows if row.group_id not in viewer.own_group_ids]
    if viewer.sees_groups:
        attention, too_few_groups = total_attention, False
    else:
        too_few_groups = len(others) < settings.MIN_GROUPS_SHOWN
        attention = (
            None
            if too_few_groups
            else suppress({"attention": total_attention}, settings.MIN_GROUP_SIZE).total
        )
    section = Section(
        key="sociogram",
        title=_("Sociogrammen"),
        url=reverse("sociogram:index", args=[viewer.school.slug]),
        data={
            "groups": len(groups),
            "measured_groups": len(rows),
            "measurements": measurements,
            "attention": attention,
            "attention_hidden": attention is None and not too_few_groups,
            "too_few_groups": too_few_groups,
            "rows": rows if viewer.sees_groups else [],
            "sees_groups": viewer.sees_groups,
            "min_people": settings.MIN_GROUP_SIZE,
            "min_groups": settings.MIN_GROUPS_SHOWN,
            "withheld_any": any(row.rejected is None for row in rows),
            "chart": measured_groups(
                _("Groepen"),
                (_("met een sociogram"), len(rows)),
                (_("nog zonder"), len(groups) - len(rows)),
            ),
        },
    )
    # Our rules for the Kernteamrapport's summary (the handreiking sets none).
    unmeasured = len(groups) - len(rows)
    if groups and not unmeasured:
        section.went_well.append(_("Elke groep heeft in deze periode een sociogram gemaakt."))
    elif rows:
        section.went_well.append(
            _("In %(n)s van de %(total)s groepen is een sociogram gemaakt.")
            % {"n": len(rows), "total": len(groups)}
        )
    if attention:
        section.attention.append(
            ngettext(
                "%(n)s leerling wordt door niemand gekozen of is afgewezen.",
                "%(n)s leerlingen worden door niemand gekozen of zijn afgewezen.",
                attention,
            )
            % {"n": attention}
        )
    elif section.data["attention_hidden"]:
        section.attention.append(
            _("Minder dan %(n)s leerlingen worden door niemand gekozen of zijn afgewezen.")
            % {"n": settings.MIN_GROUP_SIZE}
        )
    if unmeasured:
        section.decisions.append(
            _("Spreek af wanneer de %(n)s groepen zonder sociogram er een maken.")
            % {"n": unmeasured}
        )
    return section


# The board ------------------------------------------------------------------------


def board_sociograms(schools, start_year: int, start, end) -> dict[int, tuple[int, int]]:
    """Per school: the year's groups, and how many of them measured a sociogram
    between ``start`` and ``end`` (closed then, as the dashboard counts them).
    Two queries whatever the number of schools; no pupil's result."""
    from welbevinden.schools.models import Group

    groups: dict[int, int] = {school.pk: 0 for school in schools}
    for school_id, n in (
        Group.objects.filter(school__in=schools, school_year__start_year=start_year)
        .order_by()
        .values_list("school_id")
        .annotate(n=Count("pk"))
    ):
        groups[school_id] = n
    measured: dict[int, int] = {school.pk: 0 for school in schools}
    for school_id, n in (
        Sociogram.objects.filter(
            school__in=schools,
            group__school_year__start_year=start_year,
            state=State.CLOSED,
            source_round=None,
            closed_at__date__gte=start,
            closed_at__date__lte=end,
        )
        .order_by()
        .values_list("school_id")
        .annotate(n=Count("group_id", distinct=True))
    ):
        measured[school_id] = n
    return {school.pk: (groups[school.pk], measured[school.pk]) for school in schools}
