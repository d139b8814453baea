"""Bank accounts: IBAN and BIC checked (the refusal at the field, in the user's language), the first account in use
at once, a change waiting for a second person, audited, the managers warned by mail."""

from __future__ import annotations

import pytest
from django.utils.translation import override

from crossroads.companies.models import CompanyMembership
from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import BankAccount, BankAccountStatus
from crossroads.grants.services.bank import (
    bank_account_approve,
    bank_account_refuse,
    bank_account_register,
    format_iban,
)
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

LEAD_IBAN, LEAD_BIC = "BE68 5390 0754 7034", "GKCCBEBB"
NEW_IBAN, NEW_BIC = "BE71 0961 2345 6769", "GKCCBEBB"


def _lead(agreement):  # type: ignore[no-untyped-def]
    return agreement.partners.get(is_lead=True)


def _register(agreement, user, iban=LEAD_IBAN, bic=LEAD_BIC):  # type: ignore[no-untyped-def]
    return bank_account_register(actor=user, member=_lead(agreement), holder="Kempense Warmte BV", iban=iban, bic=bic)


def _colleague(agreement, role="manager"):  # type: ignore[no-untyped-def]
    colleague = make_user("colleague@test.example", "applicant")
    CompanyMembership.objects.create(user=colleague, company=_lead(agreement).company, role=role)
    return colleague


def test_the_first_account_is_in_use_at_once_stored_compact(running, users):
    account = _register(running, users["applicant"], iban="be68 5390 0754 7034", bic="gkccbebb")
    assert account.status == BankAccountStatus.ACTIVE
    assert account.iban == "BE68539007547034" and account.bic == "GKCCBEBB"
    assert format_iban(account.iban) == "BE68 5390 0754 7034"
    assert AuditEvent.objects.filter(verb="bank_account.register", object_id=str(account.pk)).count() == 1


@pytest.mark.parametrize(
    ("iban", "bic", "field", "words"),
    [
        ("BE68 5390 0754 7035", LEAD_BIC, "iban", "check digits"),
        ("BE68 5390 0754 703", LEAD_BIC, "iban", "wrong length"),
        ("NL91 ABNA 0417 1643 00", LEAD_BIC, "bic", "another country"),
        (LEAD_IBAN, "ZZZZBEBB", "bic", "No bank has this BIC"),
        (LEAD_IBAN, "GKCC", "bic", "8 or 11"),
        ("hello", LEAD_BIC, "iban", "not an IBAN"),
    ],
)
def test_a_wrong_iban_or_bic_is_refused_at_its_field(running, users, iban, bic, field, words):
    with override("en"), pytest.raises(GrantError) as refused:
        _register(running, users["applicant"], iban=iban, bic=bic)
    assert refused.value.field == field
    assert words in str(refused.value)
    assert not BankAccount.objects.exists()


def test_only_a_manager_registers_the_account(running, users):
    member = _colleague(running, role="member")
    with pytest.raises(GrantError) as refused:
        _register(running, member)
    assert refused.value.status == 403
    with pytest.raises(GrantError):
        _register(running, users["other_applicant"])  # a manager of the other partner


def test_a_change_waits_for_a_second_person_and_the_old_account_stays_in_use(
    running, users, mailoutbox, django_capture_on_commit_callbacks
):
    first = _register(running, users["applicant"])
    with django_capture_on_commit_callbacks(execute=True):
        change = _register(running, users["applicant"], iban=NEW_IBAN, bic=NEW_BIC)
    assert change.status == BankAccountStatus.PENDING
    first.refresh_from_db()
    assert first.status == BankAccountStatus.ACTIVE
    assert [m.to for m in mailoutbox] == [[users["applicant"].email]]
    assert "BE71 0961 2345 6769" in mailoutbox[0].body

    with pytest.raises(GrantError) as refused:
        bank_account_approve(actor=users["applicant"], account=change)  # the one who asked
    assert refused.value.status == 403
    with pytest.raises(GrantError):
        bank_account_approve(actor=users["other_applicant"], account=change)  # a manager of another company
    with pytest.raises(GrantError):
        bank_account_approve(actor=users["secretariat"], account=change)  # not finance, not a manager

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        bank_account_approve(actor=users["finance"], account=change)
    change.refresh_from_db()
    first.refresh_from_db()
    assert change.status == BankAccountStatus.ACTIVE and change.approved_by == users["finance"]
    assert first.status == BankAccountStatus.SUPERSEDED
    assert len(mailoutbox) == 1
    verbs = list(AuditEvent.objects.filter(verb__startswith="bank_account.").values_list("verb", flat=True))
    assert sorted(verbs) == sorted(
        ["bank_account.register", "bank_account.register", "bank_account.approve", "bank_account.approve"]
    )


def test_another_manager_of_the_company_may_approve(running, users):
    _register(running, users["applicant"])
    change = _register(running, users["applicant"], iban=NEW_IBAN, bic=NEW_BIC)
    approved = bank_account_approve(actor=_colleague(running), account=change)
    assert approved.status == BankAccountStatus.ACTIVE


def test_a_refusal_needs_a_reason_and_keeps_the_account_in_use(running, users):
    first = _register(running, users["applicant"])
    change = _register(running, users["applicant"], iban=NEW_IBAN, bic=NEW_BIC)
    with pytest.raises(GrantError) as refused:
        bank_account_refuse(actor=users["finance"], account=change, reason=" ")
    assert refused.value.field == "reason"
    bank_account_refuse(actor=users["finance"], account=change, reason="Not confirmed by phone.")
    change.refresh_from_db()
    first.refresh_from_db()
    assert change.status == BankAccountStatus.REFUSED and first.status == BankAccountStatus.ACTIVE
    event = AuditEvent.objects.get(verb="bank_account.refuse", object_id=str(change.pk))
    assert event.after["reason"] == "Not confirmed by phone."


def test_a_new_request_replaces_the_one_waiting(running, users):
    _register(running, users["applicant"])
    waiting = _register(running, users["applicant"], iban=NEW_IBAN, bic=NEW_BIC)
    newer = _register(running, users["applicant"], iban="NL91 ABNA 0417 1643 00", bic="ABNANL2A")
    waiting.refresh_from_db()
    assert waiting.status == BankAccountStatus.REFUSED and newer.status == BankAccountStatus.PENDING


def test_the_account_in_use_cannot_be_requested_again(running, users):
    _register(running, users["applicant"])
    with override("en"), pytest.raises(GrantError) as refused:
        _register(running, users["applicant"])
    assert refused.value.field == "iban"
