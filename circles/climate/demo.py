"""Invented climate entries for the demo schools (seed_demo).

Idempotent: a group that has entries is left alone. The carried-over
groepsklimaat rounds of the circles demo become entries as after migration.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from circles.climate.carry_over import LEVEL_KEYS, carry_over
from circles.climate.models import (
    ClassAgreements,
    ClassConversation,
    Entry,
    FeelingDay,
    Visibility,
)
from circles.models import Round
from welbevinden.schools.models import Group, Membership

PHASES = ("forming", "storming", "norming", "performing", "reforming")

# Per group: the climate level (1-4) over the school year, stretched over the
# weeks so far. Groep 7 falls after the herfstvakantie and recovers.
STORIES = {
    ("de-kiezel", "Groep 5"): ("joris@kiezel.example", (3, 3, 3, 4, 3, 4, 4, 4)),
    ("de-kiezel", "Groep 7"): ("ahmed@kiezel.example", (3, 3, 2, 2, 1, 1, 2, 3, 3, 4)),
    ("de-kiezel", "Groep 3"): ("lotte@kiezel.example", (3, 3, 4, 4, 3)),
    ("de-rimpeling", "1A"): ("eva@rimpeling.example", (2, 3, 3, 3, 4, 3)),
    ("de-rimpeling", "2B"): ("daan@rimpeling.example", (2, 2, 3, 2, 3, 3)),
    # A third class with notes, so the school's counts of classes can be shown
    # (three or more, not all on one level: welbevinden/suppression.py).
    ("de-rimpeling", "3H"): ("youssef@rimpeling.example", (3, 3, 2, 2, 2)),
}
# In vo a class has several teachers; Youssef writes about 2B too.
SECOND_VOICE = {("de-rimpeling", "2B"): ("youssef@rimpeling.example", (2, 3, 2, 3))}

WENT_WELL = (
    "De kring liep goed; iedereen kwam aan het woord.",
    "Samenwerken in groepjes van vier ging rustiger dan vorige week.",
    "Na het spel Over de streep merkten ze hoeveel ze gemeen hebben.",
    "Er werd spontaan geholpen bij rekenen.",
)
WORRIES = (
    "Een paar kinderen zoeken in de pauze steeds de grens op.",
    "Rond het voetbalveld is onrust; twee kinderen voelen zich buitengesloten.",
    "De sfeer is gespannen na een ruzie in de groepsapp.",
    "",
)
NEXT = (
    ("Samen afspraken maken over de pauze.", "werkvorm:gouden-weken"),
    ("Elke dag een coöperatieve werkvorm bij de instructie.", "werkvorm:cooperatieve-werkvormen"),
    ("Klassengesprek over de sfeer plannen.", "handvat:medeverantwoordelijk"),
    ("", "werkvorm:over-de-streep"),
)


def _days(year, today: datetime.date) -> list[datetime.date]:
    # Weekly in the gouden weken (school starts late August), fortnightly after.
    day = datetime.date(year.start_year, 8, 26)
    days = []
    while day <= today:
        days.append(day)
        day += datetime.timedelta(days=7 if day < datetime.date(year.start_year, 10, 15) else 14)
    return days


def _phase(index: int, count: int) -> str:
    # Forming first, then storming, norming, performing; reforming near the end of July.
    return PHASES[min(index * 4 // max(count, 1), 3)]


def _write(group, email, levels, days, *, offset=0):
    author = Membership.objects.select_related("user").get(user__email=email, school=group.school)
    for index, day in enumerate(days):
        # The story stretched over the weeks so far, its last level on the last day,
        # so the overview shows where each story ends (a fall, a recovery).
        if index == len(days) - 1 or len(levels) == 1:
            level = levels[-1]
        else:
            level = levels[min(index * (len(levels) - 1) // max(len(days) - 1, 1), len(levels) - 2)]
        next_text, next_key = NEXT[(index + offset) % len(NEXT)]
        worry = WORRIES[(index + offset) % len(WORRIES)] if level < 4 else ""
        Entry.objects.create(
            school=group.school,
            group=group,
            author=author.user,
            # A second voice writes a few days before the first (never after today:
            # the form refuses a date in the future, and so does the demo).
            day=day - datetime.timedelta(days=offset),
            level=LEVEL_KEYS[level - 1],
            phase=_phase(index, len(days)),
            time_spent="meer-tijd" if level <= 2 else "voldoende",
            approach="reactief" if level == 1 else ("allebei" if level == 2 else "proactief"),
            went_well=WENT_WELL[(index + offset) % len(WENT_WELL)],
            worries=worry,
            next_step=next_text,
            next_handvat=next_key,
            # What was planned before the last two entries has been followed up.
            followed_up_at=timezone.now() if index < len(days) - 2 else None,
            visibility=Visibility.SHARED,
        )


@transaction.atomic
def seed() -> None:
    carry_over(Round, Entry)
    today = timezone.localdate()
    for (slug, name), (email, levels) in STORIES.items():
        group = Group.objects.select_related("school_year", "school").get(
            school__slug=slug, name=name, school_year__is_current=True
        )
        if Entry.objects.filter(group=group, source_round__isnull=True).exists():
            continue
        days = _days(group.school_year, today)
        if not days:
            continue
        if days[-1] != today:
            # The story's last note is today's, after any note carried over
            # from an earlier groepsklimaat round, so it ends where it should.
            days.append(today)
        _write(group, email, levels, days)
        if (slug, name) in SECOND_VOICE:
            other, other_levels = SECOND_VOICE[(slug, name)]
            _write(group, other, other_levels, days[::2], offset=2)
    seed_conversation()
    seed_thermometer()
    # One note a teacher keeps to themself: nobody else ever sees it.
    groep_5 = Group.objects.get(
        school__slug="de-kiezel", name="Groep 5", school_year__is_current=True
    )
    joris = Membership.objects.get(user__email="joris@kiezel.example", school__slug="de-kiezel")
    if not Entry.objects.filter(group=groep_5, visibility=Visibility.PRIVATE).exists():
        Entry.objects.create(
            school=groep_5.school,
            group=groep_5,
            author=joris.user,
            day=today,
            level="overwegend-positief",
            phase="performing",
            worries="Ik merk dat ik zelf moe ben; ik reageer sneller geïrriteerd.",
            visibility=Visibility.PRIVATE,
        )


def seed_conversation() -> None:
    """A class conversation and the klassenafspraken that came out of it, for Groep 5."""
    groep_5 = Group.objects.select_related("school").get(
        school__slug="de-kiezel", name="Groep 5", school_year__is_current=True
    )
    joris = Membership.objects.get(user__email="joris@kiezel.example", school__slug="de-kiezel")
    if not ClassConversation.objects.filter(group=groep_5).exists():
        ClassConversation.objects.create(
            school=groep_5.school,
            group=groep_5,
            author=joris.user,
            day=max(
                timezone.localdate() - datetime.timedelta(days=30), groep_5.school_year.starts_on
            ),
            questions=["sfeer", "wat-kunnen-jullie-doen", "successen"],
            outcome=(
                "De klas vindt de sfeer meestal goed, maar in de pauze is het onrustig. "
                "Ze willen vaker samen iets vieren, bijvoorbeeld na een toets."
            ),
        )
    ClassAgreements.objects.get_or_create(
        group=groep_5,
        defaults={
            "school": groep_5.school,
            "updated_by": joris.user,
            "text": "\n".join(
                [
                    "We laten elkaar uitpraten.",
                    "Iedereen mag meedoen in de pauze.",
                    "We helpen elkaar als iemand vastzit.",
                    "Ruzie? We praten het uit met een volwassene erbij.",
                    "We vieren samen wat goed gaat.",
                ]
            ),
        },
    )


def seed_thermometer() -> None:
    """Some gevoelsthermometer days for Groep 5 (counts only, as the class mode stores them)."""
    groep_5 = Group.objects.select_related("school").get(
        school__slug="de-kiezel", name="Groep 5", school_year__is_current=True
    )
    if FeelingDay.objects.filter(group=groep_5).exists():
        return
    today = timezone.localdate()
    patterns = (
        (9, 8, 4, 2, 1),
        (7, 10, 5, 2, 0),
        (11, 8, 3, 1, 1),
        (6, 7, 7, 3, 1),
        (10, 9, 4, 1, 0),
    )
    day = today - datetime.timedelta(days=20)
    index = 0
    while day <= today:
        if day.weekday() < 5:
            counts = patterns[index % len(patterns)]
            FeelingDay.objects.create(
                school=groep_5.school,
                group=groep_5,
                day=day,
                heel_goed=counts[0],
                goed=counts[1],
                gaat_wel=counts[2],
                niet_goed=counts[3],
                slecht=counts[4],
            )
            index += 1
        day += datetime.timedelta(days=3)
