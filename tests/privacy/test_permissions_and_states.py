"""Who may do what with personal data (one permission function per action, each saying why when it is no), the
erasure request's state table, and the error and audit-verb shapes the rest of the house relies on."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from crossroads.core.audit import all_verbs
from crossroads.core.errors import ServiceError
from crossroads.core.transitions import TransitionError
from crossroads.privacy.models import ErasureRequest, ErasureStatus
from crossroads.privacy.permissions import (
    can_erase_account,
    can_export_personal_data,
    can_manage_erasures,
    can_request_erasure,
)
from crossroads.privacy.services import PrivacyError, personal_data_export
from crossroads.privacy.states import ERASURE
from crossroads.privacy.verbs import PrivacyVerb

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("applicant", False),
        ("adviser_be", False),
        ("assessor", False),
        ("finance", False),
        ("secretariat", True),
        ("admin", True),
    ],
)
def test_only_programme_staff_manage_erasures_and_act_for_somebody_else(users, role, allowed):
    actor, person = users[role], users["other_applicant"]
    assert bool(can_manage_erasures(actor)) is allowed
    assert bool(can_request_erasure(actor, person)) is allowed
    assert bool(can_erase_account(actor, person)) is allowed
    assert not can_export_personal_data(actor, person)  # not even the secretariat downloads somebody's data
    assert can_request_erasure(person, person) and can_erase_account(person, person)
    assert can_export_personal_data(person, person)


def test_each_refusal_says_why_in_the_users_language(users):
    actor, person = users["applicant"], users["other_applicant"]
    with translation.override("en"):
        assert str(can_manage_erasures(AnonymousUser()).reason) == "Log in first."
        assert str(can_manage_erasures(actor).reason) == "Only the programme secretariat handles erasure requests."
        assert str(can_export_personal_data(actor, person).reason) == "Only the person themselves downloads their data."
        assert str(can_request_erasure(actor, person).reason) == "You may not ask to erase somebody else's account."
        assert str(can_erase_account(actor, person).reason) == "Only the secretariat erases somebody else's account."
    assert not can_request_erasure(AnonymousUser(), person)


def test_a_refused_export_is_a_service_error_with_its_reasons(users):
    with translation.override("en"), pytest.raises(PrivacyError) as refused:
        personal_data_export(actor=users["secretariat"], user=users["applicant"])
    assert isinstance(refused.value, ServiceError) and refused.value.status == 409
    assert refused.value.reasons == ["Only the person themselves downloads their data."]
    assert str(refused.value) == "Only the person themselves downloads their data."


def test_privacy_error_joins_its_reasons_in_its_message():
    error = PrivacyError(["one", "two"])
    assert error.reasons == ["one", "two"] and str(error) == "one; two"


def test_an_erasure_request_is_pending_until_done_or_cancelled_and_both_are_final():
    assert ERASURE.following(ErasureStatus.PENDING) == {ErasureStatus.DONE, ErasureStatus.CANCELLED}
    for final in (ErasureStatus.DONE, ErasureStatus.CANCELLED):
        assert ERASURE.following(final) == frozenset()
    request = ErasureRequest(status=ErasureStatus.DONE)
    with translation.override("en"), pytest.raises(TransitionError) as refused:
        ERASURE.move(request, ErasureStatus.DONE)
    assert "Account erased" in str(refused.value)
    assert request.status == ErasureStatus.DONE


def test_the_privacy_verbs_are_the_stored_strings():
    assert {v.value for v in PrivacyVerb} == {
        "privacy.export",
        "privacy.erasure_request",
        "privacy.account_erase",
        "privacy.application_anonymise",
    }
    assert set(PrivacyVerb) <= set(all_verbs())
