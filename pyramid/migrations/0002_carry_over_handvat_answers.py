"""What schools wrote in the two pyramid handvatten becomes the pyramid's layer notes.

The handvatten "Vul samen het fundament …" (cirkel 4) and "Vul samen de
bovenste drie lagen …" (cirkel 5) lead into the pyramid from now on
(circles/modules.py). Their answers are carried over word for word, under
the same question keys, into the layer notes of the pyramid of the school
year the round was started in: per school year the newest round's answer to
each question. The rounds themselves stay (read-only), so nothing is lost.
"""

import datetime

from django.db import migrations

# A copy of pyramid/layers.QUESTIONS as it was when this migration was written.
QUESTIONS = {
    "fundament": ("fundament", ["aanbod", "compleet-team", "visie", "randvoorwaarden"]),
    "basis": ("bovenste-lagen", ["sterke-basis", "mentoraat", "lesprogramma", "pedagogische-visie"]),
    "extra": ("bovenste-lagen", ["extra", "extra-ondersteuning-groepen"]),
    "intensief": ("bovenste-lagen", ["intensief", "wel-en-niet", "externe-partners"]),
}


def _start_year(moment: datetime.datetime) -> int:
    return moment.year if moment.month >= 8 else moment.year - 1


def carry_over(apps, schema_editor):
    Round = apps.get_model("circles", "Round")
    SchoolYear = apps.get_model("schools", "SchoolYear")
    Pyramid = apps.get_model("pyramid", "Pyramid")
    LayerNote = apps.get_model("pyramid", "LayerNote")
    Change = apps.get_model("pyramid", "Change")
    Handvat = apps.get_model("circles", "Handvat")

    # The content files say so too (leads_to: pyramid); a database whose
    # handreiking was loaded before gets the field now, not at the next load.
    for handvat in Handvat.objects.filter(key__in=["fundament", "bovenste-lagen"]):
        handvat.content = {**handvat.content, "leads_to": "pyramid"}
        handvat.save(update_fields=["content"])

    rounds = (
        Round.objects.filter(scope="school", handvat__key__in=["fundament", "bovenste-lagen"])
        .select_related("handvat")
        .order_by("school_id", "-number")
    )
    # (school id, start year) -> {question key: answer}, newest round first.
    found: dict[tuple[int, int], dict[str, str]] = {}
    authors: dict[tuple[int, int], int | None] = {}
    for round in rounds:
        key = (round.school_id, _start_year(round.started_at))
        answers = found.setdefault(key, {})
        authors.setdefault(key, round.updated_by_id or round.started_by_id)
        for question, value in (round.answers or {}).items():
            if isinstance(value, str) and value.strip() and question not in answers:
                answers[question] = value
    for (school_id, start_year), answers in found.items():
        if not answers:
            continue
        year = SchoolYear.objects.filter(school_id=school_id, start_year=start_year).first()
        if year is None:
            year = SchoolYear.objects.create(school_id=school_id, start_year=start_year)
        pyramid, _ = Pyramid.objects.get_or_create(school_id=school_id, school_year=year)
        user_id = authors[(school_id, start_year)]
        for layer, (_handvat, keys) in QUESTIONS.items():
            layer_answers = {k: answers[k] for k in keys if k in answers}
            if not layer_answers:
                continue
            note, created = LayerNote.objects.get_or_create(
                pyramid=pyramid, layer=layer, defaults={"answers": layer_answers, "version": 1}
            )
            if not created:
                note.answers = {**layer_answers, **note.answers}
                note.version += 1
                note.save()
            note.updated_by_id = user_id
            note.save(update_fields=["updated_by"])
            Change.objects.create(
                pyramid=pyramid,
                action="notes",
                subject=layer,
                layer=layer,
                fields=sorted(layer_answers),
                user_id=user_id,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("pyramid", "0001_initial"),
        ("circles", "0005_scopes_follow_the_handreiking"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
