"""Reads of the sociogram."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sociogram.models import PupilNote, Respondent, SeatingPlan, Sociogram


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
