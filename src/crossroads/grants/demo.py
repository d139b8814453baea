"""Demo of the follow-up: a running project of the two demo entrepreneurs' companies, with one claim paid and one
waiting for verification, and a coaching contact.

Built through the services, in the order the platform would see them: a closed demo call with one application,
screened, assessed by the pool of the assessment demo, ranked and approved (the decision makes the agreement), the
project's start moved ten months back (like the assessment demo's submissions in the past), both partners accept and
register their bank account, the lead's claim of the first period is verified by finance, approved by a second
finance user (four eyes), ordered in a SEPA file and paid; the partner's claim of the same period waits for
verification. Idempotent: nothing is added once the demo call has an agreement.

Runs after `companies.demo.demo_load` and `assessment.demo.demo_assessment_load` (the assessor pool)."""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from decimal import Decimal

from django.db import transaction

from crossroads.accounts.models import Role, User
from crossroads.applications.models import Application, ApplicationStatus, BudgetLine, Partner, Submission
from crossroads.applications.services import submission_snapshot
from crossroads.applications.states import APPLICATION_STATES
from crossroads.companies.demo import DEMO_PASSWORD
from crossroads.companies.models import Company, MembershipRole
from crossroads.core import clock
from crossroads.core.calendar import add_months
from crossroads.programme.demo import demo_call
from crossroads.programme.models import Call

from .files import CheckedDocument
from .models import Agreement, AgreementPartner, BudgetVersion, CostClaim
from .rules.schedule import project_end

CALL_CODE = "crossroads-demo-grants"
SECOND_FINANCE = "financien.controle@crossroads.example"
LEAD_USER, PARTNER_USER = "ondernemer@crossroads.example", "ondernemer.nl@crossroads.example"
ACCOUNTS = {True: ("BE68 5390 0754 7034", "GKCCBEBB"), False: ("NL91 ABNA 0417 1643 00", "ABNANL2A")}
MONTHS_RUNNING = 10


def _call() -> Call:
    return demo_call(
        code=CALL_CODE,
        name_nl="CrossRoads oproep (demo opvolging)",
        name_en="CrossRoads call (follow-up demo)",
        opened_days_ago=180,
        closed_days_ago=60,
    )


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _company_of(user: User) -> Company:
    return Company.objects.filter(memberships__user=user, memberships__role=MembershipRole.MANAGER).order_by("pk")[0]


def _application(call: Call, lead_user: User, partner_user: User) -> Application:
    lead, other = _company_of(lead_user), _company_of(partner_user)
    submitted = call.closes_at - dt.timedelta(days=2)
    application = Application.objects.create(
        call=call,
        lead_company=lead,
        title=f"Warmte uit restgassen: {lead.legal_name} × {other.legal_name}",
        acronym="DEMO-OPVOLGING",
        sections={code: _SECTION_TEXT for code in call.required_sections},
        duration_months=24,
        planned_start=(call.closes_at + dt.timedelta(days=90)).astimezone(clock.BRUSSELS).date().replace(day=1),
        created_by=lead_user,
    )
    application.themes.set(call.themes.all()[:1])
    lead_part = Partner.objects.create(application=application, company=lead, is_lead=True, confirmed_at=submitted)
    other_part = Partner.objects.create(application=application, company=other, confirmed_at=submitted, order=1)
    for part, amount in ((lead_part, "60000"), (other_part, "40000")):
        BudgetLine.objects.create(
            partner=part, category="consumables", description="Prototype en testopstelling", amount=Decimal(amount)
        )
    APPLICATION_STATES.move(application, ApplicationStatus.SUBMITTED)
    application.submitted_at = submitted
    application.save(update_fields=["status", "submitted_at"])
    Submission.objects.create(
        application=application,
        number=1,
        idempotency_key=f"demo-grants-{application.pk}",
        submitted_by=lead_user,
        submitted_at=submitted,
        snapshot=submission_snapshot(application),
    )
    return application


_SECTION_TEXT = (
    "Beide partners zetten samen een prototype op dat restwarmte uit industriële gassen terugwint; de Vlaamse partner "
    "bouwt de warmtewisselaar, de Nederlandse partner de sturing en de veldproef."
)


def _approve(application: Application, secretariat: User) -> Agreement:
    """Screened, assessed by the pool, consensus, ranked, approved: the decision's signal makes the agreement."""
    from crossroads.assessment.models import Assignment, Outcome, Score
    from crossroads.assessment.services.assignment import assignment_invite, assignment_propose, conflict_declare
    from crossroads.assessment.services.decisions import decision_record
    from crossroads.assessment.services.ranking import ranking_freeze
    from crossroads.assessment.services.scoring import consensus_record, scores_save
    from crossroads.assessment.services.screening import screening_mark_complete, screening_mark_eligible

    call = application.call
    screening_mark_complete(actor=secretariat, application=application)
    screening_mark_eligible(actor=secretariat, application=application)
    assignment_propose(actor=secretariat, call=call)
    assignment_invite(actor=secretariat, call=call)
    criteria = list(call.criteria.order_by("order"))
    for assignment in Assignment.objects.filter(application=application):
        conflict_declare(actor=assignment.assessor, assignment=assignment, has_conflict=False)
        values = {c.code: (str(min(8, c.scale_max)), "Sterk, haalbaar plan (demo).") for c in criteria}
        scores_save(actor=assignment.assessor, assignment=assignment, values=values, submit=True)
    consensus = {}
    for criterion in criteria:
        scores = Score.objects.filter(assignment__application=application, criterion=criterion)
        median = statistics.median(scores.values_list("score", flat=True))
        consensus[criterion.code] = (str(median), "Consensus van de commissie (demo).")
    consensus_record(actor=secretariat, application=application, values=consensus)
    ranking_freeze(actor=secretariat, call=call)
    decision_record(
        actor=secretariat,
        application=application,
        outcome=Outcome.APPROVE,
        reasons="Sterk project (demo).",
        conditions="",
    )
    return Agreement.objects.get(grant__application=application)


def _move_start_back(agreement: Agreement) -> Agreement:
    """The demo's project has run for ten months: its dates (and version 1's end) move back, the periods follow."""
    from .services.agreement import periods_create

    today = clock.today_brussels()
    start = add_months(today.replace(day=1), -MONTHS_RUNNING)
    # The same length as the agreement was made with (the application's duration, capped by the programme).
    months = (agreement.end_date.year - agreement.start_date.year) * 12 + agreement.end_date.month
    months += 1 - agreement.start_date.month
    end = project_end(start, months)
    Agreement.objects.filter(pk=agreement.pk).update(start_date=start, end_date=end)
    BudgetVersion.objects.filter(agreement=agreement).update(end_date=end)
    agreement.refresh_from_db()
    periods_create(agreement)
    return agreement


def _document(name: str, label: str) -> CheckedDocument:
    content = f"%PDF-1.4\n% CrossRoads demo: {label}\n%%EOF\n".encode()
    return CheckedDocument(
        content=content, content_type="application/pdf", name=name, sha256=hashlib.sha256(content).hexdigest()
    )


def _claim(member: AgreementPartner, user: User, *, supplier: str, number: str, amount: str) -> CostClaim:
    """A submitted claim of the first period: one invoice with its proof of payment."""
    from .services.claims import claim_document_add, claim_line_save, claim_start, claim_submit

    period = member.agreement.periods.get(number=1)
    claim = claim_start(actor=user, period=period, member=member)
    invoice_date = period.starts_on + dt.timedelta(days=40)
    line = claim_line_save(
        actor=user,
        claim=claim,
        data={
            "category": "consumables",
            "description": "Onderdelen voor het prototype",
            "supplier": supplier,
            "invoice_number": number,
            "invoice_date": invoice_date,
            "paid_on": invoice_date + dt.timedelta(days=20),
            "amount": Decimal(amount),
        },
    )
    for kind, label in (("invoice", "factuur"), ("proof_of_payment", "betaalbewijs")):
        claim_document_add(
            actor=user, line=line, kind=kind, checked=_document(f"{label}-{number}.pdf", f"{label} {number}")
        )
    claim.refresh_from_db()
    return claim_submit(actor=user, claim=claim)


def _second_finance() -> User:
    user = User.objects.filter(email=SECOND_FINANCE).first()
    if user is None:
        user = User.objects.create_user(SECOND_FINANCE, DEMO_PASSWORD, role=Role.FINANCE)
        user.first_name, user.last_name = "Karel", "Jacobs"
        user.save()
    return user


def _pay(claim: CostClaim, verifier: User, approver: User) -> None:
    """Finance accepts the line, a second person approves, the payment is ordered (SEPA) and paid today."""
    from .services.payments import order_create, payment_approve, payment_mark_paid
    from .services.verification import claim_verify, line_decide

    for line in claim.lines.all():
        line_decide(actor=verifier, line=line, decision="accepted", amount=line.amount)
    payment = claim_verify(actor=verifier, claim=claim, note="Factuur en betaalbewijs in orde (demo).")
    if payment is None:
        return
    payment_approve(actor=approver, payment=payment)
    today = clock.today_brussels()
    order_create(actor=approver, payments=[payment], execution_date=today)
    payment.refresh_from_db()
    payment_mark_paid(actor=verifier, payment=payment, paid_on=today)


@transaction.atomic
def demo_grants_load() -> dict[str, int]:
    """Load the follow-up demo (idempotent). Returns what it made."""
    from .services.agreement import agreement_accept
    from .services.bank import bank_account_register
    from .services.results import coaching_log

    call = _call()
    existing = Agreement.objects.filter(grant__application__call=call).first()
    if existing is not None:
        return {"agreements": 1, "claims": CostClaim.objects.filter(period__agreement=existing).count()}
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk")[0]
    finance = User.objects.filter(role=Role.FINANCE).exclude(email=SECOND_FINANCE).order_by("pk")[0]
    second = _second_finance()
    people = {True: _user(LEAD_USER), False: _user(PARTNER_USER)}
    agreement = _move_start_back(_approve(_application(call, people[True], people[False]), secretariat))
    members = {m.is_lead: m for m in agreement.partners.all()}
    for is_lead in (True, False):
        agreement_accept(actor=people[is_lead], member=members[is_lead], confirm=True)
        iban, bic = ACCOUNTS[is_lead]
        bank_account_register(
            actor=people[is_lead], member=members[is_lead], holder=str(members[is_lead].company), iban=iban, bic=bic
        )
    members = {m.is_lead: m for m in AgreementPartner.objects.filter(agreement=agreement).select_related("agreement")}
    paid = _claim(members[True], people[True], supplier="Warmtetechniek NV", number="2025-0412", amount="12000.00")
    _pay(paid, finance, second)
    _claim(members[False], people[False], supplier="Sensoren BV", number="F-88317", amount="8000.00")
    adviser = User.objects.filter(role=Role.ADVISER, email="adviser.vlaio@crossroads.example").first()
    if adviser is not None:
        coaching_log(
            actor=adviser,
            agreement=agreement,
            company_id=None,
            happened_on=clock.today_brussels(),
            channel="visit",
            topic="Voortgang na de eerste periode",
            notes="Eerste declaratie betaald; de Nederlandse partner wacht op de verificatie.",
        )
    return {"agreements": 1, "claims": 2}
