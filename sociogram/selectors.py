"""Reads of the sociogram."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
    return (
        Sociogram.objects.filter(group=group)
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
