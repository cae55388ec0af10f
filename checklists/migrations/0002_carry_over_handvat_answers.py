"""What schools wrote in five handvatten moves to the checklists, the team agenda and check-ins.

The handvatten "… Vul de checklist in", "Evalueer gedragsverwachtingen" and
"Heb aandacht voor sociale veiligheid" (cirkel 5) lead into their checklist,
"Zet welbevinden op vaste momenten op de teamagenda" into the team agenda and
"Check-in aan het begin van een vergadering" into the check-ins (cirkel 4).
Their answers are carried over word for word, per school and the school year
the round was started in: the checklist handvatten's answers, each under its
question, into that year's checklist round (shown above the checklist; the
team chose no scale answer then, so nothing is made up); the team agenda's
answers into its three questions (the newest round's answer wins) and its
goals into a goal of that year. Check-in rounds held only a choice of forms
and a plan; plans stay on the home pages where they are. The rounds stay,
read-only, so nothing is lost.
"""

import datetime

from django.db import migrations

# Copies of the handvatten's question keys and labels as they were when this
# migration was written (circles/content/handreiking/cirkel-5.yaml).
CHECKLIST_HANDVATTEN = {
    "checklist": (
        "beginsituatie",
        [
            ("gaat-goed", "Wat gaat er goed op jullie school?"),
            ("meer-aandacht", "Wat verdient meer aandacht?"),
            ("prioriteit", "En wat heeft prioriteit?"),
        ],
    ),
    "gedragsverwachtingen": (
        "gedragsverwachtingen",
        [
            ("verwachting-leerlingen", "Is het duidelijk wat er van de leerlingen wordt verwacht qua gedrag?"),
            ("hoe-weten", "Hoe moeten leerlingen dit weten?"),
            ("regels-afspraken", "Waar staan regels en afspraken?"),
            ("zichtbaar", "Hoe is dit terug te zien in school? Is dit bijvoorbeeld visueel gemaakt?"),
            (
                "nieuw-in-school",
                "Als je als nieuwe leerling, ouder of medewerker de school in komt, hoe zie je "
                "de gedragsverwachtingen terug? Denk bijvoorbeeld aan een verkeersbord op het "
                "plein dat aangeeft of je daar wel of niet mag fietsen.",
            ),
            (
                "verwachting-medewerkers",
                "Hoe weten medewerkers wat er van hen wordt verwacht? Is het bijvoorbeeld de "
                "afspraak dat iedere leraar begin van de dag bij de ingang van de klas staat om "
                "leerlingen te begroeten?",
            ),
            ("nieuwe-medewerkers", "Hoe worden nieuwe medewerkers meegenomen in de afspraken en regels voor leerlingen en medewerkers?"),
        ],
    ),
    "sociale-veiligheid": (
        "sociale-veiligheid",
        [
            ("uitkomsten", "Wat laten de uitkomsten van de monitor Sociale Veiligheid zien?"),
            ("acties", "Welke acties spreken jullie af?"),
        ],
    ),
}
# Team agenda: handvat question key -> Agenda field.
AGENDA_FIELDS = {"blijvend": "on_agenda", "ouders-leerlingen": "involve", "doelen-klas": "monitoring"}
# The agenda's other two questions: kept word for word in the goal made of them.
AGENDA_TEXT = [
    ("doelen-school", "Welke doelen stellen jullie als team voor de gehele school?"),
    ("evalueren", "Wanneer evalueren jullie deze doelen?"),
]
LEADS_TO = {
    "checklist": "checklist-beginsituatie",
    "gedragsverwachtingen": "checklist-gedragsverwachtingen",
    "sociale-veiligheid": "checklist-sociale-veiligheid",
    "teamagenda": "teamagenda",
    "check-in": "check-in",
}


def _start_year(moment: datetime.datetime) -> int:
    return moment.year if moment.month >= 8 else moment.year - 1


def _year(SchoolYear, school_id, start_year):
    year = SchoolYear.objects.filter(school_id=school_id, start_year=start_year).first()
    return year or SchoolYear.objects.create(school_id=school_id, start_year=start_year)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def carry_over(apps, schema_editor):
    Round = apps.get_model("circles", "Round")
    Handvat = apps.get_model("circles", "Handvat")
    SchoolYear = apps.get_model("schools", "SchoolYear")
    ChecklistRound = apps.get_model("checklists", "ChecklistRound")
    Agenda = apps.get_model("checklists", "Agenda")
    Goal = apps.get_model("checklists", "Goal")

    # The content files say so too; a database loaded before gets it now.
    for handvat in Handvat.objects.filter(key__in=LEADS_TO):
        handvat.content = {**handvat.content, "leads_to": LEADS_TO[handvat.key]}
        handvat.save(update_fields=["content"])

    rounds = (
        Round.objects.filter(scope="school", handvat__key__in=list(CHECKLIST_HANDVATTEN))
        .select_related("handvat")
        .order_by("school_id", "-number")
    )
    for round in rounds:
        key, questions = CHECKLIST_HANDVATTEN[round.handvat.key]
        lines = [
            {"label": label, "answer": _text(round.answers.get(q))}
            for q, label in questions
            if _text((round.answers or {}).get(q))
        ]
        if not lines:
            continue
        year = _year(SchoolYear, round.school_id, _start_year(round.started_at))
        target, _ = ChecklistRound.objects.get_or_create(
            school_id=round.school_id, school_year=year, checklist=key
        )
        new = [line for line in lines if line not in target.carried_over]
        if new:
            target.carried_over = [*target.carried_over, *new]
            target.save(update_fields=["carried_over"])

    agenda_rounds = (
        Round.objects.filter(scope="school", handvat__key="teamagenda")
        .order_by("school_id", "-number")
    )
    for round in agenda_rounds:
        answers = round.answers or {}
        agenda, _ = Agenda.objects.get_or_create(school_id=round.school_id)
        changed = False
        for question, field in AGENDA_FIELDS.items():
            # Newest round first: an answer already carried over wins.
            if _text(answers.get(question)) and not getattr(agenda, field):
                setattr(agenda, field, _text(answers[question]))
                changed = True
        if changed:
            agenda.updated_by_id = round.updated_by_id or round.started_by_id
            agenda.save()
        goals_text = _text(answers.get("doelen-school"))
        if goals_text:
            # The team's goals become one goal on the agenda: its title the first
            # line, the whole answer (and when to evaluate) kept word for word.
            year = _year(SchoolYear, round.school_id, _start_year(round.started_at))
            when = _text(answers.get("evalueren"))
            kept = [f"{AGENDA_TEXT[0][1]}\n{goals_text}"]
            if when:
                kept.append(f"{AGENDA_TEXT[1][1]}\n{when}")
            Goal.objects.get_or_create(
                school_id=round.school_id,
                school_year=year,
                title=goals_text.splitlines()[0][:200],
                monitoring="\n\n".join(kept),
                defaults={"target": "De hele school", "created_by_id": round.started_by_id},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0001_initial"),
        ("circles", "0005_scopes_follow_the_handreiking"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
