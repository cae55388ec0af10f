"""Groepsklimaat rounds become climate entries (one place, not two).

Used by migration 0002 (with the historical models) and by the demo (with
the real ones), so it takes the two model classes and imports no models.
"""

from __future__ import annotations

from django.utils import timezone

LEVEL_KEYS = ("negatief-veel-gedoe", "moeizaam", "overwegend-positief", "positief-versterkend")
TIME_KEYS = ("voldoende", "meer-tijd")
APPROACH_KEYS = ("proactief", "reactief", "allebei")
# The handvat's other answers, kept word for word after a short lead-in (the
# sentence prefixes are the handreiking's own, as on the round page).
TEXT_KEYS = (
    ("momenten", "Momenten waarop ik bewust werk aan de sfeer: "),
    ("kan-ik-goed", "Bij het vormen van een klas kan ik goed "),
    ("vind-ik-lastiger", "Maar ik vind het lastiger om "),
    ("vastlopen", "Als ik er met een klas niet uitkom: "),
)


def carry_over(round_model, entry_model) -> int:
    """Make an entry of every group round of the groepsklimaat handvat that has a level.

    Runs again without doubling anything (``source_round``). A round
    without a level has no place on the timeline and stays a round.
    """
    made = 0
    rounds = round_model.objects.filter(
        handvat__key="groepsklimaat", scope="group", group__isnull=False
    ).exclude(pk__in=entry_model.objects.filter(source_round__isnull=False).values("source_round"))
    for round in rounds.order_by("pk"):
        answers = round.answers or {}
        level = answers.get("klimaat")
        if level not in LEVEL_KEYS:
            continue
        when = round.completed_at or round.updated_at or round.started_at
        lines = [
            f"{lead}{answers[key].strip()}"
            for key, lead in TEXT_KEYS
            if isinstance(answers.get(key), str) and answers[key].strip()
        ]
        entry_model.objects.create(
            school_id=round.school_id,
            group_id=round.group_id,
            author_id=round.started_by_id or round.updated_by_id,
            day=timezone.localdate(when),
            level=level,
            time_spent=answers.get("voldoende") if answers.get("voldoende") in TIME_KEYS else "",
            approach=answers.get("proactief") if answers.get("proactief") in APPROACH_KEYS else "",
            carried_over="\n".join(lines),
            source_round_id=round.pk,
            visibility="shared",  # a group round was read by the group's teachers and IB'ers
        )
        made += 1
    return made
