"""The database cache (settings.CACHES) holds the login rate limits that all web processes share; `make run` and
deployments only run `migrate`, so the table is created here. createcachetable skips existing tables and caches
that are not database caches (the tests' local-memory cache)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):  # type: ignore[no-untyped-def]
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
