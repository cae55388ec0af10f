"""Reads of the sociogram."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sociogram.models import PupilNote, Respondent, Sociogram


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
            status[group.id] = _("Sociogram %(title)s: %(state)s") % {
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
