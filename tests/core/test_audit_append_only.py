"""The audit trail is append-only: the application refuses to change or delete an event, and so does the database
(triggers on SQLite and PostgreSQL, the same raw SQL refused on both). Deleting a user or a company still works
and leaves their events in place."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from crossroads.accounts.models import Role, User
from crossroads.companies.verbs import CompanyVerb
from crossroads.core.audit import all_verbs, audit_record
from crossroads.core.models import AuditEvent, AuditLogIsAppendOnly
from crossroads.privacy.verbs import PrivacyVerb
from tests.conftest import make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(programme) -> AuditEvent:  # type: ignore[no-untyped-def]
    actor = make_user("writer@test.example", Role.SECRETARIAT)
    company = make_company()
    return audit_record(
        actor=actor, verb=CompanyVerb.COMPANY_CREATE, obj=company, after={"legal_name": company.legal_name}
    )


def test_the_application_refuses_to_change_or_delete_an_event(event):
    event.verb = "company.nothing_happened"
    with pytest.raises(AuditLogIsAppendOnly, match="append-only"):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(verb="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.bulk_update([event], ["verb"])
    assert AuditEvent.objects.get(pk=event.pk).verb == "company.create"


def test_new_events_are_still_written(event):
    assert AuditEvent.objects.filter(verb="company.create").count() == 1
    assert event.actor.email == "writer@test.example"


RAW_STATEMENTS = [
    "UPDATE core_auditevent SET verb = 'forged' WHERE id = %s",
    "UPDATE core_auditevent SET actor_id = NULL WHERE id = %s",
    "DELETE FROM core_auditevent WHERE id = %s",
]
if connection.vendor == "postgresql":  # SQLite has no TRUNCATE (its DELETE without WHERE is covered above)
    RAW_STATEMENTS.append("TRUNCATE core_auditevent -- %s")


@pytest.mark.parametrize("statement", RAW_STATEMENTS)
def test_the_database_refuses_raw_updates_and_deletes(event, statement):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    row = AuditEvent.objects.filter(pk=event.pk).values("verb", "actor_id").get()
    assert row == {"verb": "company.create", "actor_id": event.actor_id}


def test_the_database_still_accepts_inserts(event):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (verb, object_type, object_id, object_repr, created_at) "
            "VALUES ('manual.note', 'core.none', '0', '', CURRENT_TIMESTAMP)"
        )
    assert AuditEvent.objects.filter(verb="manual.note").exists()


def test_deleting_a_user_keeps_their_events_unchanged(event):
    actor_id = event.actor_id
    User.objects.filter(pk=actor_id).delete()  # would be an UPDATE (SET NULL) or a DELETE (CASCADE) before
    row = AuditEvent.objects.get(pk=event.pk)
    assert row.actor_id == actor_id and row.verb == "company.create"


def test_deleting_a_company_keeps_the_events_about_it(event):
    from crossroads.companies.models import Company

    Company.objects.filter(pk=int(event.object_id)).delete()
    assert AuditEvent.objects.filter(pk=event.pk, object_type="companies.company").exists()


def test_an_event_about_a_person_names_the_account_by_id_only(programme):
    """The trail outlives an erasure, so it must not hold the person's e-mail address in a field nobody can clear."""
    actor = make_user("secretary@test.example", Role.SECRETARIAT)
    person = make_user("private.person@test.example", Role.APPLICANT)
    event = audit_record(actor=actor, verb=PrivacyVerb.ACCOUNT_ERASE, obj=person)
    assert event.object_repr == f"user #{person.pk}"
    assert "private.person" not in event.object_repr


def test_a_verb_must_be_a_member_of_an_audit_verb_enumeration(programme):
    """A verb typed as a string (or built with an f-string) could not be found in the code nor listed."""
    actor = make_user("writer@test.example", Role.SECRETARIAT)
    with pytest.raises(TypeError):
        audit_record(actor=actor, verb="company.create", obj=make_company())  # type: ignore[arg-type]
    assert AuditEvent.objects.count() == 0


def test_every_verb_of_every_area_is_listed():
    verbs = all_verbs()
    for expected in ("company.create", "privacy.account_erase", "application.submit", "profile.published"):
        assert expected in verbs
    assert len(verbs) == len(set(verbs))
