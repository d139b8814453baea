"""Factories for the follow-up tests: an approved application (BE lead with personnel, consumables and external
costs; NL partner with consumables) whose decision made an agreement, offered or running."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crossroads.accounts.models import Role
from crossroads.applications.models import BudgetLine
from crossroads.assessment.models import Outcome
from crossroads.grants.models import Agreement
from tests.assessment.conftest import (  # noqa: F401  (fixtures)
    _isolated,
    at,
    be_lead,
    call,
    company,
    make_application,
    make_eligible,
    nl_partner,
    set_consensus,
)
from tests.conftest import make_user


def approve(application, secretariat) -> Agreement:  # type: ignore[no-untyped-def]
    """Screen, score, freeze and approve `application`: the decision makes the grant and its agreement."""
    from crossroads.assessment.services import decisions as decision_services
    from crossroads.assessment.services.ranking import ranking_freeze

    set_consensus(make_eligible(application), "8", secretariat)
    ranking_freeze(actor=secretariat, call=application.call)
    decision_services.decision_record(
        actor=secretariat, application=application, outcome=Outcome.APPROVE, reasons="Good.", conditions=""
    )
    return Agreement.objects.get(grant__application=application)


def funded_application(the_call, lead, partner, *, title: str = "Warmte over de grens"):  # type: ignore[no-untyped-def]
    """Lead (BE): 800 h x 50,00 personnel + 40.000,00 consumables = 80.000,00 -> grant 40.000,00.
    Partner (NL): 30.000,00 consumables + 10.000,00 external = 40.000,00 -> grant 20.000,00."""
    application = make_application(the_call, lead, partner, title=title)
    lead_part = application.partners.get(is_lead=True)
    other = application.partners.get(is_lead=False)
    BudgetLine.objects.create(
        partner=lead_part,
        category="personnel",
        description="Engineer",
        person="Jan Peeters",
        annual_cost=Decimal("86000"),
        hours=Decimal("800"),
        hourly_rate=Decimal("50.00"),
        amount=Decimal("40000.00"),
    )
    BudgetLine.objects.create(
        partner=other, category="external", description="Certification", supplier="TÜV", amount=Decimal("10000")
    )
    return application


@pytest.fixture
def second_finance(programme):  # type: ignore[no-untyped-def]
    return make_user("finance2@test.example", Role.FINANCE)


@pytest.fixture
def agreement(call, be_lead, nl_partner, users) -> Agreement:  # type: ignore[no-untyped-def]  # noqa: F811
    """Offered: waiting for both partners to accept."""
    return approve(funded_application(call, be_lead, nl_partner), users["secretariat"])


@pytest.fixture
def running(agreement, users) -> Agreement:  # type: ignore[no-untyped-def]
    """Accepted by the lead (users["applicant"]) and the partner (users["other_applicant"]): the project runs."""
    from crossroads.grants.services.agreement import agreement_accept

    for member, user in zip(
        agreement.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
    ):
        agreement_accept(actor=user, member=member, confirm=True)
    agreement.refresh_from_db()
    return agreement


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
