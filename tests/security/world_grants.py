"""The follow-up part of the security world: application X's agreement, accepted by both partners, with a
submitted claim of the lead (one line, one invoice), a bank account each, a proposed payment, a coaching contact,
a budget shift waiting for the secretariat and the lead's follow-up survey. Built straight in the ORM where a
service would need a whole journey: the world is a fixture, each service has its own tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile


def build_grants(users: dict[str, Any], application: Any) -> dict[str, int]:
    from crossroads.core import clock
    from crossroads.grants.models import (
        Agreement,
        BankAccount,
        ClaimDocument,
        ClaimLine,
        CoachingContact,
        CostClaim,
        Payment,
    )
    from crossroads.grants.services.agreement import agreement_accept

    agreement = Agreement.objects.get(grant__application=application)
    lead = agreement.partners.get(is_lead=True)
    partner = agreement.partners.get(is_lead=False)
    agreement_accept(actor=users["lead"], member=lead, confirm=True)
    agreement_accept(actor=users["partner"], member=partner, confirm=True)
    now = clock.now()
    accounts = {}
    for member, user, iban in (
        (lead, users["lead"], "BE68539007547034"),
        (partner, users["partner"], "NL91ABNA0417164300"),
    ):
        accounts[member.pk] = BankAccount.objects.create(
            agreement_partner=member,
            holder=str(member.company),
            iban=iban,
            bic="GKCCBEBB" if iban.startswith("BE") else "ABNANL2A",
            status="active",
            registered_by=user,
            registered_at=now,
        )
    period = agreement.periods.get(number=1)
    claim = CostClaim.objects.create(
        period=period,
        agreement_partner=lead,
        status="submitted",
        created_at=now,
        submitted_by=users["lead"],
        submitted_at=now,
    )
    line = ClaimLine.objects.create(
        claim=claim,
        category="consumables",
        description="Sensors",
        supplier="Sensoren NV",
        invoice_number="F-1",
        invoice_date=period.starts_on,
        paid_on=period.starts_on,
        amount=Decimal("1000.00"),
    )
    document = ClaimDocument(
        line=line,
        kind="invoice",
        original_name="factuur.pdf",
        content_type="application/pdf",
        size=10,
        sha256="cd" * 32,
        uploaded_by=users["lead"],
        uploaded_at=now,
    )
    document.file.save("factuur.pdf", ContentFile(b"%PDF-1.4 f"), save=True)
    partner_claim = CostClaim.objects.create(period=period, agreement_partner=partner, status="draft", created_at=now)
    payment = Payment.objects.create(
        agreement_partner=lead,
        claim=claim,
        kind="interim",
        amount=Decimal("500.00"),
        status="proposed",
        proposed_by=users["finance"],
        proposed_at=now,
        bank_account=accounts[lead.pk],
    )
    contact = CoachingContact.objects.create(
        agreement=agreement,
        company=lead.company,
        adviser=users["adviser_region"],
        happened_on=period.starts_on,
        channel="visit",
        topic="Start",
        created_at=now,
    )
    from crossroads.grants.models import FollowUpSurvey
    from crossroads.grants.selectors.budget import approved_budget
    from crossroads.grants.services.amendments import amendment_request

    # A budget shift of the lead waiting for the secretariat (too large to be free), and the lead's follow-up survey.
    amendment = amendment_request(
        actor=users["lead"],
        agreement=agreement,
        kind="budget_shift",
        reason="Meer sensoren.",
        lines={lead.pk: {"consumables": approved_budget(lead)["consumables"] + Decimal("1000000.00")}},
    )
    survey = FollowUpSurvey.objects.create(agreement_partner=lead, due_on=agreement.end_date.replace(year=2031))
    return {
        "amendment": amendment.pk,
        "survey": survey.pk,
        "agreement": agreement.pk,
        "member_lead": lead.pk,
        "member_partner": partner.pk,
        "bank_account_lead": accounts[lead.pk].pk,
        "period": period.pk,
        "claim": claim.pk,
        "claim_partner": partner_claim.pk,
        "claim_line": line.pk,
        "claim_document": document.pk,
        "payment": payment.pk,
        "coaching": contact.pk,
    }
