"""Load the content's new edition, and move two handvatten out of the school form.

Reflecteer met collega's used to be one school form that every member read.
Now each colleague prepares alone (personal) and what a pair or trio agrees
to share is a shared round. An existing school round becomes a shared round
of the colleague who started it (every member still reads it, as before), its
answers kept word for word under the shared question, each after its
question: nothing is lost and nothing is recorded twice.

De Checkers van Mind Us speaks to each colleague ("jouw rol als
supportfiguur") and is personal now. Its existing school rounds become
shared rounds of whoever started them, answers untouched: every member still
reads them, and with no shared step they show every question
(content.steps_for).
"""

from django.db import migrations

HANDVAT = "reflecteer"
SHARED_QUESTION = "gedeeld"


def move_reflecteer(apps, schema_editor):
    from circles import content

    handvat_model = apps.get_model("circles", "Handvat")
    round_model = apps.get_model("circles", "Round")
    handvat = handvat_model.objects.filter(key=HANDVAT).first()
    if handvat is None:
        return
    questions = [
        q for q in content.questions(handvat.content) if q["key"] != SHARED_QUESTION
    ]
    for round in round_model.objects.filter(handvat=handvat, scope="school"):
        owner_id = round.started_by_id or round.updated_by_id
        if owner_id is None:
            # Nobody to record it: it stays a school round, which still shows
            # every step (content.steps_for), so its answers stay readable.
            continue
        parts = [
            f"{content.label(q)}\n{round.answers[q['key']]}"
            for q in questions
            if str(round.answers.get(q["key"]) or "").strip()
        ]
        answers = {
            key: value
            for key, value in round.answers.items()
            if key not in {q["key"] for q in questions}
        }
        if parts:
            answers[SHARED_QUESTION] = "\n\n".join(parts)
        round.scope = "shared"
        round.owner_id = owner_id
        round.answers = answers
        round.version += 1
        round.save(update_fields=["scope", "owner", "answers", "version"])


def load(apps, schema_editor):
    from circles import content
    from circles.services import store_content

    store_content(
        content.load_files(),
        content.checksum(),
        circle_model=apps.get_model("circles", "Circle"),
        handvat_model=apps.get_model("circles", "Handvat"),
        edition_model=apps.get_model("circles", "Edition"),
    )


def move_checkers(apps, schema_editor):
    round_model = apps.get_model("circles", "Round")
    for round in round_model.objects.filter(handvat__key="checkers", scope="school"):
        owner_id = round.started_by_id or round.updated_by_id
        if owner_id is not None:
            round.scope, round.owner_id = "shared", owner_id
            round.save(update_fields=["scope", "owner"])


def forwards(apps, schema_editor):
    load(apps, schema_editor)
    move_reflecteer(apps, schema_editor)
    move_checkers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("circles", "0004_shared_scope")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
