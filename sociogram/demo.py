"""Invented sociograms for the demo schools (seed_demo): one finished sociogram
for De Kiezel's Groep 5 and De Rimpeling's 2B, with a recognisable structure.

Two subgroups of friends; one popular pupil; a bridge with mutual friends in
both subgroups; one pupil nobody chooses; one pupil many would rather not play
with; one pupil absent. Teacher flags on a few pupils. Idempotent: a group that
has a sociogram is left alone.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from sociogram import questions as q
from sociogram.models import Flag, Nomination, PupilNote, Respondent, Sociogram, State
from sociogram.services import create_sociogram
from welbevinden.schools.models import Group, Membership

DEMO_GROUPS = (
    ("de-kiezel", "Groep 5", "joris@kiezel.example"),
    ("de-rimpeling", "2B", "daan@rimpeling.example"),
)
ASKED = {"speel-graag", "zit-graag", "werk-graag", "speel-niet"}

REFLECTION = {
    "verrassingen": "Dat {isolated} door niemand gekozen wordt had ik niet zo scherp gezien; "
    "in de kring valt het niet op.",
    "kansen": "{bridge} heeft vrienden in beide groepjes: bij coöperatieve werkvormen als "
    "verbinder inzetten. {isolated} naast een rustige, sociale klasgenoot.",
    "evalueren": "Na de kerstvakantie een kort klassengesprek over samenwerken, en in "
    "februari opnieuw meten.",
    "plan": {
        "wat": "Nieuwe groepsindeling met de tips uit de handreiking",
        "wanneer": "Na de herfstvakantie",
        "met_wie": "Met de IB'er",
    },
}


def _structure(ids: list[int], rng: random.Random) -> dict[str, dict[int, set[int]]]:
    """Nominations per question for a class with the demo's recognisable structure."""
    popular, bridge, isolated, rejected, absent = ids[0], ids[1], ids[-1], ids[-2], ids[-3]
    rest = [i for i in ids if i not in (isolated, rejected, absent)]
    size = len(rest) // 4
    cliques = [rest[k * size : (k + 1) * size] for k in range(3)] + [rest[3 * size :]]
    choices: dict[int, set[int]] = {i: set() for i in ids}
    for members in cliques:
        for i in members:
            friends = [m for m in members if m != i]
            # Nearly everyone in one's own circle of friends, mostly mutual.
            choices[i] |= set(rng.sample(friends, len(friends) - 1))
    for i in rest:
        if i not in cliques[0] and rng.random() < 0.6:
            choices[i].add(popular)
    # The bridge (first circle) and two of the second circle choose each other.
    for friend in cliques[1][:2]:
        choices[bridge].add(friend)
        choices[friend].add(bridge)
    choices[isolated] = {popular, cliques[2][0]}
    choices[rejected] = {popular, cliques[3][0]}
    choices[cliques[3][1]].add(rejected)  # one friend, not a mutual one
    choices[absent] = set()
    choices[cliques[2][1]].add(absent)
    choices[cliques[2][2]].add(absent)
    rejections: dict[int, set[int]] = {i: set() for i in ids}
    for i in rng.sample(rest, 10):
        rejections[i].add(rejected)
    rejections[rejected] |= {cliques[0][2]}
    for i in rng.sample(rest, 4):
        rejections[i].add(rng.choice([j for j in rest if j not in (i, popular)]))
    sit = {i: set(sorted(c)[:3]) for i, c in choices.items()}
    work = {i: set(sorted(c)[-3:]) for i, c in choices.items()}
    return {
        "speel-graag": choices,
        "zit-graag": sit,
        "werk-graag": work,
        "speel-niet": rejections,
        "_roles": {
            "popular": {popular},
            "bridge": {bridge},
            "isolated": {isolated},
            "rejected": {rejected},
            "absent": {absent},
        },
    }


@transaction.atomic
def seed() -> None:
    for slug, group_name, teacher_email in DEMO_GROUPS:
        group = (
            Group.objects.filter(school__slug=slug, name=group_name, school_year__is_current=True)
            .select_related("school_year")
            .first()
        )
        if group is None or Sociogram.objects.filter(group=group, source_round=None).exists():
            continue
        teacher = Membership.objects.filter(school__slug=slug, user__email=teacher_email).first()
        user = teacher.user if teacher else None
        questions = q.defaults()
        for question in questions:
            question["on"] = question["key"] in ASKED
        sociogram = create_sociogram(
            group=group,
            user=user,
            title="Sociogram na de gouden weken",
            questions=questions,
            max_choices=None,
        )
        respondents = list(
            sociogram.respondents.select_related("pupil").order_by("pupil__display_name")
        )
        ids = [r.pk for r in respondents]
        if len(ids) < 12:
            continue
        structure = _structure(ids, random.Random(f"sociogram/{slug}/{group_name}"))
        roles = structure.pop("_roles")
        Nomination.objects.bulk_create(
            Nomination(sociogram=sociogram, question=key, rater_id=rater, chosen_id=chosen)
            for key, by_rater in structure.items()
            for rater, chosen_ids in by_rater.items()
            if rater not in roles["absent"]
            for chosen in chosen_ids
        )
        # Measured three weeks ago ("na de gouden weken"): the dashboard shows
        # those who may not see groups only what was closed before last Sunday.
        now = timezone.now() - datetime.timedelta(weeks=3)
        Respondent.objects.filter(sociogram=sociogram).exclude(pk__in=roles["absent"]).update(
            answered_at=now, via=Respondent.Via.ONLINE
        )
        by_id = {r.pk: r for r in respondents}
        names = {role: by_id[next(iter(ids_))].pupil for role, ids_ in roles.items()}
        sociogram.state = State.CLOSED
        sociogram.opened_at = sociogram.closed_at = now
        sociogram.reflection = {
            key: value.format(
                isolated=names["isolated"].display_name.split(" ")[0],
                bridge=names["bridge"].display_name.split(" ")[0],
            )
            if isinstance(value, str)
            else value
            for key, value in REFLECTION.items()
        }
        sociogram.save()
        flags = {
            names["popular"]: ([Flag.PROSOCIAL, Flag.STABLE], "Helpt anderen uit zichzelf."),
            names["rejected"]: ([Flag.EXTERNALISING], "Reageert fel bij spelletjes buiten."),
            names["isolated"]: (
                [Flag.VULNERABLE],
                "Stil; speelt vaak alleen (LVS: sociaal-emotioneel laag).",
            ),
            by_id[ids[8]].pupil: ([Flag.EXTERNALISING], ""),
            by_id[ids[3]].pupil: ([Flag.PROSOCIAL], ""),
        }
        for pupil, (pupil_flags, note) in flags.items():
            PupilNote.objects.update_or_create(
                group=group,
                pupil=pupil,
                defaults={
                    "school_id": group.school_id,
                    "flags": [str(f) for f in pupil_flags],
                    "note": note,
                    "updated_by": user,
                },
            )
