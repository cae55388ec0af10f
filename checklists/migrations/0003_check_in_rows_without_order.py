"""Check-in tallies and participants under random keys instead of counting ids.

A counting id lined the first participant row up with the first tally row,
giving the first person's answer away. The rows are copied into new tables
keyed by a random UUID, in an order that says nothing (by check-in and value,
by check-in and member); the old tables go.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def copy_rows(apps, schema_editor):
    CheckInTally = apps.get_model("checklists", "CheckInTally")
    NewTally = apps.get_model("checklists", "NewCheckInTally")
    NewTally.objects.bulk_create(
        NewTally(check_in_id=t.check_in_id, value=t.value, count=t.count)
        for t in CheckInTally.objects.order_by("check_in_id", "value")
    )
    CheckInParticipant = apps.get_model("checklists", "CheckInParticipant")
    NewParticipant = apps.get_model("checklists", "NewCheckInParticipant")
    NewParticipant.objects.bulk_create(
        NewParticipant(check_in_id=p.check_in_id, membership_id=p.membership_id)
        for p in CheckInParticipant.objects.order_by("check_in_id", "membership_id")
    )


def copy_rows_back(apps, schema_editor):
    CheckInTally = apps.get_model("checklists", "CheckInTally")
    NewTally = apps.get_model("checklists", "NewCheckInTally")
    CheckInTally.objects.bulk_create(
        CheckInTally(check_in_id=t.check_in_id, value=t.value, count=t.count)
        for t in NewTally.objects.order_by("check_in_id", "value")
    )
    CheckInParticipant = apps.get_model("checklists", "CheckInParticipant")
    NewParticipant = apps.get_model("checklists", "NewCheckInParticipant")
    CheckInParticipant.objects.bulk_create(
        CheckInParticipant(check_in_id=p.check_in_id, membership_id=p.membership_id)
        for p in NewParticipant.objects.order_by("check_in_id", "membership_id")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0002_carry_over_handvat_answers"),
    ]

    operations = [
        migrations.CreateModel(
            name="NewCheckInTally",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("value", models.CharField(max_length=40)),
                ("count", models.PositiveIntegerField(default=0)),
                (
                    "check_in",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="checklists.checkin",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="NewCheckInParticipant",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                (
                    "check_in",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="checklists.checkin",
                    ),
                ),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="schools.membership",
                    ),
                ),
            ],
        ),
        migrations.RunPython(copy_rows, copy_rows_back),
        migrations.DeleteModel(name="CheckInTally"),
        migrations.DeleteModel(name="CheckInParticipant"),
        migrations.RenameModel(old_name="NewCheckInTally", new_name="CheckInTally"),
        migrations.RenameModel(old_name="NewCheckInParticipant", new_name="CheckInParticipant"),
        migrations.AlterField(
            model_name="checkintally",
            name="check_in",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tallies",
                to="checklists.checkin",
            ),
        ),
        migrations.AlterField(
            model_name="checkinparticipant",
            name="check_in",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="participants",
                to="checklists.checkin",
            ),
        ),
        migrations.AddConstraint(
            model_name="checkintally",
            constraint=models.UniqueConstraint(
                fields=("check_in", "value"), name="one_tally_per_value_v2"
            ),
        ),
        migrations.AddConstraint(
            model_name="checkinparticipant",
            constraint=models.UniqueConstraint(
                fields=("check_in", "membership"), name="one_answer_each_v2"
            ),
        ),
    ]
