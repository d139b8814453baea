"""The same invoice or timesheet is never paid twice, in any claim of any project: the partner sees it at once as
an error naming the earlier claim (project reference, period, partner)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from crossroads.grants.errors import GrantError
from crossroads.grants.messages.claims import finding_text
from crossroads.grants.selectors.claims import claim_findings
from crossroads.grants.services import claims as services
from crossroads.grants.services.agreement import agreement_accept
from tests.assessment.conftest import company
from tests.conftest import make_user
from tests.grants.conftest import be_lead, funded_application, nl_partner  # noqa: F401

from .conftest import SUMMER, add_invoice, at, checked, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]  # noqa: F811
    """Two running projects of different companies, decided on the same frozen ranking (a ranking with decisions
    cannot be frozen again): the `running` one of the fixtures and another with its own lead (a new user)."""
    from crossroads.assessment.models import Outcome
    from crossroads.assessment.services import decisions as decision_services
    from crossroads.assessment.services.ranking import ranking_freeze
    from crossroads.grants.models import Agreement
    from tests.assessment.conftest import make_eligible, set_consensus

    owner = make_user("owner2@test.example", "applicant")
    partner_user = make_user("partner2@test.example", "applicant")
    first = funded_application(call, be_lead, nl_partner)
    other = funded_application(
        call,
        company("Tweede Warmte BV", "BE", user=owner),
        company("Tweede Data BV", "NL", user=partner_user),
        title="Tweede project",
    )
    for application in (first, other):
        set_consensus(make_eligible(application), "8", users["secretariat"])
    ranking_freeze(actor=users["secretariat"], call=call)
    agreements = []
    for application, people in (
        (first, (users["applicant"], users["other_applicant"])),
        (other, (owner, partner_user)),
    ):
        decision_services.decision_record(
            actor=users["secretariat"], application=application, outcome=Outcome.APPROVE, reasons="Good.", conditions=""
        )
        agreement = Agreement.objects.get(grant__application=application)
        for member, user in zip(agreement.partners.order_by("-is_lead"), people, strict=True):
            agreement_accept(actor=user, member=member, confirm=True)
        agreement.refresh_from_db()
        agreements.append(agreement)
    return agreements[0], agreements[1], owner


def _codes(claim):  # type: ignore[no-untyped-def]
    return [(f.code, f.params) for f in claim_findings(claim, today=dt.date(2027, 7, 10))]


def test_the_same_invoice_in_another_project_is_an_error_naming_the_earlier_claim(pair, users):
    running, other, owner = pair
    claim, user = start(running, users)
    add_invoice(claim, user, supplier="Sensoren NV", invoice_number="F-2027-001")
    with at(SUMMER):
        services.claim_submit(actor=user, claim=claim)
    member = other.partners.get(is_lead=True)
    with at(SUMMER):
        claim2 = services.claim_start(actor=owner, period=other.periods.get(number=1), member=member)
    add_invoice(claim2, owner, supplier="sensoren nv.", invoice_number="f 2027 001")
    duplicates = [params for code, params in _codes(claim2) if code == "line.duplicate"]
    assert duplicates == [
        {"reference": running.reference, "period": 1, "partner": str(claim.agreement_partner.company), "how": "invoice"}
    ]
    with at(SUMMER), pytest.raises(GrantError):  # the duplicate is an error: it blocks
        services.claim_submit(actor=owner, claim=claim2)
    finding = next(f for f in claim_findings(claim2, today=dt.date(2027, 7, 10)) if f.code == "line.duplicate")
    with translation.override("en"):
        assert running.reference in finding_text(finding) and "period 1" in finding_text(finding)


def test_the_same_timesheet_file_in_another_project_is_found_by_its_content(pair, users):
    running, other, owner = pair
    claim, user = start(running, users)
    add_invoice(claim, user)  # a valid line so the claim can be submitted
    with at(SUMMER):
        line = services.claim_line_save(
            actor=user,
            claim=claim,
            data={
                "category": "personnel",
                "person": "Jan Peeters",
                "work_from": dt.date(2027, 1, 1),
                "work_to": dt.date(2027, 6, 30),
                "hours": 100,
                "annual_cost": 86000,
            },
        )
        services.claim_document_add(actor=user, line=line, kind="timesheet", checked=checked("timesheet-jan"))
        services.claim_submit(actor=user, claim=claim)
    with at(SUMMER):
        claim2 = services.claim_start(
            actor=owner, period=other.periods.get(number=1), member=other.partners.get(is_lead=True)
        )
        line2 = services.claim_line_save(
            actor=owner,
            claim=claim2,
            data={
                "category": "personnel",
                "person": "Someone else",
                "work_from": dt.date(2027, 1, 1),
                "work_to": dt.date(2027, 6, 30),
                "hours": 100,
                "annual_cost": 86000,
            },
        )
        services.claim_document_add(actor=owner, line=line2, kind="timesheet", checked=checked("timesheet-jan"))
    hows = [params["how"] for code, params in _codes(claim2) if code == "line.duplicate"]
    assert hows == ["document"]


def test_a_draft_elsewhere_is_not_a_duplicate(pair, users):
    running, other, owner = pair
    claim, user = start(running, users)
    add_invoice(claim, user)
    with at(SUMMER):
        claim2 = services.claim_start(
            actor=owner, period=other.periods.get(number=1), member=other.partners.get(is_lead=True)
        )
    add_invoice(claim2, owner)
    assert "line.duplicate" not in [code for code, _params in _codes(claim2)]
