from django.db import migrations

from sociogram.carry_over import carry_over


def forwards(apps, schema_editor):
    carry_over(apps.get_model("circles", "Round"), apps.get_model("sociogram", "Sociogram"))


def backwards(apps, schema_editor):
    # The rounds were never changed; only the sociograms made from them go.
    apps.get_model("sociogram", "Sociogram").objects.filter(source_round__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sociogram", "0001_initial"),
        ("circles", "0005_scopes_follow_the_handreiking"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
