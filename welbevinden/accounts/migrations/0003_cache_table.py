# The shared cache lives in the database when no REDIS_URL is set (the login
# and mail throttles count in it), so its table comes with `migrate` and no
# deployment can forget it. createcachetable skips tables that exist.
from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_user_session_epoch")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
