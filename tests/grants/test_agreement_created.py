"""An approval makes the agreement: dates, schedule, the approved budget as version 1, and each partner's grant."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossroads.core.audit import AuditEvent
from crossroads.grants.errors import GrantError
from crossroads.grants.models import AgreementStatus
from crossroads.grants.services.agreement import agreement_accept

pytestmark = pytest.mark.django_db


def test_the_decision_makes_an_agreement_with_version_one_and_the_periods(agreement):
    assert agreement.status == AgreementStatus.OFFERED
    assert agreement.grant.total == Decimal("60000.00")
    (version,) = agreement.versions.all()
    assert version.number == 1 and version.status == "approved"
    lines = {(line.agreement_partner.is_lead, line.category): line.eligible for line in version.lines.all()}
    assert lines[(True, "personnel")] == Decimal("40000.00") and lines[(False, "external")] == Decimal("10000.00")
    assert sorted(s.grant for s in version.shares.all()) == [Decimal("20000.00"), Decimal("40000.00")]
    months = (agreement.end_date.year - agreement.start_date.year) * 12 + agreement.end_date.month
    assert months - agreement.start_date.month + 1 == 24
    kinds = [p.kind for p in agreement.periods.all()]
    assert kinds == ["interim", "interim", "interim", "final"]
    assert AuditEvent.objects.filter(verb="agreement.create", object_id=str(agreement.pk)).count() == 1


def test_it_runs_when_every_partner_accepted(running):
    assert running.status == AgreementStatus.RUNNING and running.accepted_at is not None


def test_a_member_who_is_not_a_manager_cannot_accept(agreement, users):
    from crossroads.companies.models import CompanyMembership

    lead = agreement.partners.get(is_lead=True)
    CompanyMembership.objects.filter(user=users["applicant"]).update(role="member")
    with pytest.raises(GrantError):
        agreement_accept(actor=users["applicant"], member=lead, confirm=True)
    lead.refresh_from_db()
    assert lead.accepted_at is None
