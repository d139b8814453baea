"""The database itself refuses to change or delete audit events (UPDATE, DELETE, and TRUNCATE on PostgreSQL).

The same statements exist in SQLite and PostgreSQL form so the same test runs on both. On SQLite, a later
migration that rebuilds core_auditevent (an AlterField) drops these triggers and must create them again."""

from django.db import migrations

MESSAGE = "core_auditevent is append-only: audit events cannot be changed or deleted"

SQLITE_CREATE = [
    f"CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
]

POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (%)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;""",
    "CREATE TRIGGER core_auditevent_no_update_delete BEFORE UPDATE OR DELETE ON core_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();",
    "CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_append_only();",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_update_delete ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_append_only();",
]


def _run(statements_by_vendor):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            # Refuse to migrate rather than leave an audit trail that the database would let anyone rewrite.
            raise NotImplementedError(f"No append-only triggers for the {vendor} database.")
        for statement in statements_by_vendor[vendor]:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_audit_actor_no_cascade")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
