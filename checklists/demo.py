"""Demo data (invented) for De Kiezel: a finished Beginsituatie with disagreement on some
items, two goals with actions, three past check-ins. The handvat rounds that the circles
demo fills in for the five lead-in handvatten are carried over as the migration does."""

from __future__ import annotations

import datetime
import importlib

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from checklists import content, services
from checklists.models import CheckIn, CheckInTally
from welbevinden.schools.models import Membership, School

# Per item: the answers of Ruud, Noor and Joris, and what the kernteam agreed (with a note).
BEGINSITUATIE = {
    "aandacht-leraar": ("aandacht", "aandacht", "goed", "aandacht", ""),
    "eigen-instrument": ("goed", "weet-niet", "goed", "goed", ""),
    "sel": ("goed", "goed", "goed", "goed", "Kanjertraining in alle groepen."),
    "ken-je-leerlingen": ("goed", "aandacht", "goed", "goed", ""),
    "stress-leerlingen": ("aandacht", "aandacht", "aandacht", "aandacht", ""),
    "veilige-omgeving": ("goed", "prioriteit", "aandacht", "aandacht", "Op het plein niet altijd."),
    "groepsklimaat": ("goed", "aandacht", "goed", "goed", ""),
    "erbij-horen": (
        "aandacht",
        "prioriteit",
        "prioriteit",
        "prioriteit",
        "Een paar kinderen in groep 5 en 7 staan er steeds buiten.",
    ),
    "groepsvorming": ("goed", "goed", "aandacht", "goed", ""),
    "gezamenlijk-verantwoordelijk": ("goed", "goed", "goed", "goed", ""),
    "schoolbreed": ("prioriteit", "aandacht", "goed", "aandacht", "Nog veel losse acties."),
    "warm": ("goed", "goed", "goed", "goed", ""),
    "samenwerking": ("goed", "aandacht", "goed", "goed", ""),
    "communicatie": ("aandacht", "goed", "aandacht", "aandacht", ""),
    "creativiteit": ("goed", "goed", "weet-niet", "goed", ""),
    "beleid": (
        "goed",
        "prioriteit",
        "aandacht",
        "prioriteit",
        "Het pestprotocol is oud en niet iedereen kent het.",
    ),
    "gelijke-kansen": ("goed", "goed", "goed", "goed", ""),
}
NOTES = {
    ("erbij-horen", 1): "In groep 7 speelt een kleine groep steeds apart.",
    ("veilige-omgeving", 1): "Bij de fietsenstalling gaat het vaak mis.",
    ("beleid", 2): "Ik weet niet waar het pestprotocol staat.",
}
GOALS = [
    (
        "erbij-horen",
        "Ieder kind in groep 5 en 7 hoort erbij: iedereen heeft een maatje in de klas",
        "Groep 5 en groep 7",
        "Sociogram in november en april; klimaatlogboek van de groep.",
        [
            ("Sociogram afnemen in groep 5 en 7", "joris@kiezel.example", -10, True),
            (
                "Maatjesplan bespreken in de groepsbespreking",
                "noor.hendriks@bestuur.example",
                14,
                False,
            ),
        ],
    ),
    (
        "beleid",
        "Iedereen kent het vernieuwde pestprotocol",
        "De hele school",
        "Vraag in de teamvergadering en bij de leerlingenraad wie het kent.",
        [
            (
                "Pestprotocol herschrijven met het Digitaal Veiligheidsplan",
                "directie@kiezel.example",
                -5,
                False,
            ),
            ("Protocol bespreken in de leerlingenraad", "joris@kiezel.example", 30, False),
        ],
    ),
]
CHECK_INS = [
    ("Teamvergadering september", "weerbericht", 56, {"zon": 2, "zon-wolk": 5, "bewolkt": 1}),
    ("Bouwoverleg onderbouw", "emoji", 35, {"goed": 2, "gewoon": 1}),
    # Every count 5 or more (or none): the one result shown in full, with its mean. The others
    # have a count below 5 and show only how many answered (welbevinden.suppression).
    ("Teamvergadering oktober", "emoji", 14, {"blij": 5, "goed": 7}),
]


def _member(email: str, school: School) -> Membership:
    return Membership.objects.select_related("user").get(user__email=email, school=school)


@transaction.atomic
def seed() -> None:
    # The circles demo's rounds of the five handvatten move over, as after the migration.
    migration = importlib.import_module("checklists.migrations.0002_carry_over_handvat_answers")
    migration.carry_over(apps, None)
    _seed_rimpeling()

    school = School.objects.get(slug="de-kiezel")
    year = school.current_year()
    round = services.round_of(school=school, year=year, key="beginsituatie")
    if round.responses.exists():
        return  # seeding twice changes nothing
    members = [
        _member(email, school)
        for email in (
            "directie@kiezel.example",
            "noor.hendriks@bestuur.example",
            "joris@kiezel.example",
        )
    ]
    for index, member in enumerate(members):
        services.save_responses(
            round=round,
            membership=member,
            answers={
                key: (answers[index], NOTES.get((key, index), ""))
                for key, answers in BEGINSITUATIE.items()
            },
        )
    assert set(BEGINSITUATIE) == {
        item["key"] for item in content.items(content.get("beginsituatie"))
    }
    for key, (*_, agreed, note) in BEGINSITUATIE.items():
        services.save_agreement(
            round=round, item=key, answer=agreed, note=note, user=members[0].user
        )

    today = timezone.localdate()
    for item, title, target, monitoring, actions in GOALS:
        goal = services.create_goal(
            school=school,
            year=year,
            data={
                "title": title,
                "target": target,
                "monitoring": monitoring,
                "evaluate_on": today + datetime.timedelta(days=75),
            },
            user=members[0].user,
            round=round,
            item=item,
        )
        for what, email, days, done in actions:
            action = services.add_action(
                goal=goal,
                what=what,
                who=_member(email, school),
                due=today + datetime.timedelta(days=days),
            )
            if done:
                services.set_action_done(action=action, done=True)

    for meeting, prompt, days_ago, tallies in CHECK_INS:
        check_in = services.start_check_in(
            school=school, meeting=meeting, prompt=prompt, user=members[0].user
        )
        CheckIn.objects.filter(pk=check_in.pk).update(
            started_at=timezone.now() - datetime.timedelta(days=days_ago),
            closed_at=timezone.now() - datetime.timedelta(days=days_ago),
        )
        for value, count in tallies.items():
            # A choice prompt's rows exist from the start; an open prompt's words do not.
            CheckInTally.objects.update_or_create(
                check_in=check_in, value=value, defaults={"count": count}
            )


# De Rimpeling (vo): Daan (kernteam) and Noor (IB) fill in the Beginsituatie; the
# kernteam has agreed on the first items only, so the dashboard shows a checklist
# half done. One goal, one action overdue, and two check-ins.
RIMPELING_ITEMS = {
    "aandacht-leraar": ("aandacht", "aandacht", "aandacht"),
    "eigen-instrument": ("goed", "aandacht", "goed"),
    "sel": ("aandacht", "prioriteit", "prioriteit"),
    "ken-je-leerlingen": ("goed", "goed", "goed"),
    "stress-leerlingen": ("prioriteit", "prioriteit", "prioriteit"),
    "veilige-omgeving": ("goed", "aandacht", "aandacht"),
    "groepsklimaat": ("aandacht", "goed", None),
    "erbij-horen": ("goed", "aandacht", None),
}
RIMPELING_CHECK_INS = [
    ("Mentorenoverleg oktober", "weerbericht", 42, {"zon": 5, "zon-wolk": 6, "bewolkt": 5}),
    ("Teamvergadering november", "weerbericht", 20, {"zon": 5, "zon-wolk": 5, "regen": 5}),
]


def _seed_rimpeling() -> None:
    school = School.objects.filter(slug="de-rimpeling").first()
    year = school.current_year() if school else None
    if year is None:
        return
    round = services.round_of(school=school, year=year, key="beginsituatie")
    if round.responses.exists():
        return
    members = [
        _member(email, school)
        for email in ("daan@rimpeling.example", "noor.hendriks@bestuur.example")
    ]
    for index, member in enumerate(members):
        services.save_responses(
            round=round,
            membership=member,
            answers={key: (answers[index], "") for key, answers in RIMPELING_ITEMS.items()},
        )
    for key, (*_, agreed) in RIMPELING_ITEMS.items():
        if agreed:
            services.save_agreement(round=round, item=key, answer=agreed, note="", user=None)
    today = timezone.localdate()
    goal = services.create_goal(
        school=school,
        year=year,
        data={
            "title": "Minder toetsstress in de bovenbouw",
            "target": "Klas 3 en 4",
            "monitoring": "Vraag het de leerlingenraad na elke toetsweek.",
            "evaluate_on": today + datetime.timedelta(days=30),
        },
        user=members[0].user,
        round=round,
        item="stress-leerlingen",
    )
    services.add_action(
        goal=goal,
        what="Toetsrooster per klas naast elkaar leggen",
        who=members[0],
        due=today - datetime.timedelta(days=7),
    )
    services.add_action(
        goal=goal,
        what="Mentorles over plannen in klas 3",
        who=members[0],
        due=today + datetime.timedelta(days=21),
    )
    for meeting, prompt, days_ago, tallies in RIMPELING_CHECK_INS:
        check_in = services.start_check_in(
            school=school, meeting=meeting, prompt=prompt, user=members[0].user
        )
        moment = timezone.now() - datetime.timedelta(days=days_ago)
        CheckIn.objects.filter(pk=check_in.pk).update(started_at=moment, closed_at=moment)
        for value, count in tallies.items():
            CheckInTally.objects.update_or_create(
                check_in=check_in, value=value, defaults={"count": count}
            )
