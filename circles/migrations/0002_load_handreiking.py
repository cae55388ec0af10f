from django.db import migrations


def load(apps, schema_editor):
    # The content files are read by the app's loader; the rows are written
    # with this migration's historical models.
    from circles import content
    from circles.services import store_content

    store_content(
        content.load_files(),
        content.checksum(),
        circle_model=apps.get_model("circles", "Circle"),
        handvat_model=apps.get_model("circles", "Handvat"),
        edition_model=apps.get_model("circles", "Edition"),
    )


class Migration(migrations.Migration):
    dependencies = [("circles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
