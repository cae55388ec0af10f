"""Sociogram handvat rounds become sociograms (one place, not two).

Used by migration 0002 (with the historical models) and by tests, so it takes
the two model classes and imports no models. A round's reflection (stap 3)
and plan (stap 4) are kept word for word on a sociogram of its group that has
no measurement ("uit het handvat"); the round itself is never changed.
"""

from __future__ import annotations

TEXT_KEYS = ("verrassingen", "kansen", "evalueren")
PLAN_KEYS = ("wat", "wanneer", "met_wie")


def carry_over(round_model, sociogram_model) -> int:
    made = 0
    done = sociogram_model.objects.filter(source_round__isnull=False).values("source_round")
    rounds = round_model.objects.filter(
        handvat__key="sociogram", scope="group", group__isnull=False
    ).exclude(pk__in=done)
    for round in rounds.order_by("pk"):
        answers = round.answers or {}
        reflection = {
            key: answers[key].strip()
            for key in TEXT_KEYS
            if isinstance(answers.get(key), str) and answers[key].strip()
        }
        plan = answers.get("plan") if isinstance(answers.get("plan"), dict) else {}
        plan = {key: str(plan.get(key, "")).strip() for key in PLAN_KEYS}
        if any(plan.values()):
            reflection["plan"] = plan
        if not reflection:
            continue
        when = round.completed_at or round.updated_at or round.started_at
        sociogram = sociogram_model.objects.create(
            school_id=round.school_id,
            group_id=round.group_id,
            title=f"Handvat, ronde {round.number}",
            state="closed",
            questions=[],
            reflection=reflection,
            source_round_id=round.pk,
            created_by_id=round.started_by_id or round.updated_by_id,
            closed_at=when,
        )
        # Keep the round's date, not the migration's.
        sociogram_model.objects.filter(pk=sociogram.pk).update(created_at=when)
        made += 1
    return made
