"""Reads of finance: the verification worklist, what the checks found on a claim, the payments of a partner and the
reconciliation grant = paid + committed + remaining (+ released once the agreement closed under budget)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from crossroads.applications.models import CostCategoryCode
from crossroads.applications.selectors import cost_rules
from crossroads.core import clock
from crossroads.core.formatting import format_money, format_share

from ..models import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    BankAccount,
    BankAccountStatus,
    ClaimLine,
    ClaimStatus,
    CostClaim,
    LineDecision,
    Payment,
    PaymentKind,
    PaymentStatus,
)
from ..rules.payable import ZERO
from .budget import approved_budget, partner_grant
from .duplicates import Duplicate, duplicates_of

if TYPE_CHECKING:
    from .claims import Prepared

P = PaymentStatus
# Money that went, or is on its way, to the partner (a returned payment waits to be ordered again).
OUTGOING = (P.PROPOSED, P.APPROVED, P.ORDERED, P.PAID, P.RETURNED)
IN_FLIGHT = (P.PROPOSED, P.APPROVED, P.ORDERED, P.RETURNED)
WAITING_CLAIMS = (ClaimStatus.SUBMITTED, ClaimStatus.VERIFIED)


def grant_rate(agreement: Agreement) -> Decimal:
    """The programme's grant rate (50 % in CrossRoads), read where the application's budget checks read it."""
    return cost_rules(agreement.grant.application.call).grant_rate


def _sum(queryset: QuerySet[Any], name: str = "amount") -> Decimal:
    return queryset.aggregate(total=Sum(name))["total"] or ZERO


def paid_total(member: AgreementPartner) -> Decimal:
    """Paid to the partner (status paid), minus what it repaid."""
    out = _sum(member.payments.exclude(kind=PaymentKind.RECOVERY).filter(status=P.PAID))
    back = _sum(member.payments.filter(kind=PaymentKind.RECOVERY, status=P.RECOVERED))
    return out - back


def committed_total(member: AgreementPartner) -> Decimal:
    """Proposed, approved, ordered or returned: promised but not yet paid."""
    return _sum(member.payments.exclude(kind=PaymentKind.RECOVERY).filter(status__in=IN_FLIGHT))


def net_committed(member: AgreementPartner) -> Decimal:
    """Paid and committed together, net of repayments: what the remaining grant is reduced by."""
    return paid_total(member) + committed_total(member)


def accepted_total(member: AgreementPartner, *, claim: CostClaim | None = None) -> Decimal:
    lines = ClaimLine.objects.filter(
        decision__in=(LineDecision.ACCEPTED, LineDecision.REDUCED),
        claim__status__in=(ClaimStatus.VERIFIED, ClaimStatus.APPROVED),
    )
    lines = lines.filter(claim=claim) if claim is not None else lines.filter(claim__agreement_partner=member)
    return _sum(lines, "accepted_amount")


def active_account(member: AgreementPartner) -> BankAccount | None:
    return member.bank_accounts.filter(status=BankAccountStatus.ACTIVE).order_by("-registered_at").first()


# ---------------------------------------------------------------------------------------------- explanation
def explanation_data(**values: Any) -> str:
    """What a payment's explanation is made of, stored as JSON so each reader sees it in their own language."""
    return json.dumps({k: str(v) if isinstance(v, Decimal) else v for k, v in values.items()}, sort_keys=True)


def _money(data: dict[str, Any], key: str) -> str:
    return format_money(Decimal(data.get(key) or "0"))


def explanation_text(payment: Payment) -> str:
    """The explanation the partner reads, in the active language. A hand-written text is shown as it is."""
    try:
        data = json.loads(payment.explanation or "")
    except ValueError:
        return payment.explanation
    if not isinstance(data, dict):
        return payment.explanation
    texts = {
        "claim": _explain_claim,
        "advance": _explain_advance,
        "final": _explain_settlement,
        "recovery": _explain_settlement,
    }
    composer = texts.get(str(data.get("kind")))
    return composer(data) if composer else ""


def _explain_claim(data: dict[str, Any]) -> str:
    values = {
        "rate": format_share(Decimal(data["rate"]), 0),
        "accepted": _money(data, "accepted"),
        "earned": _money(data, "earned"),
        "remaining": _money(data, "remaining"),
    }
    text = _("%(rate)s of %(accepted)s accepted costs = %(earned)s.") % values
    if data.get("capped"):
        text += " " + _("Limited to the remaining grant of %(remaining)s.") % values
    return text


def _explain_advance(data: dict[str, Any]) -> str:
    return _("Advance: %(share)s of your grant of %(grant)s.") % {
        "share": format_share(Decimal(data["share"]), 0),
        "grant": _money(data, "grant"),
    }


def _explain_settlement(data: dict[str, Any]) -> str:
    values = {
        "rate": format_share(Decimal(data["rate"]), 0),
        "accepted": _money(data, "accepted"),
        "due": _money(data, "due"),
        "grant": _money(data, "grant"),
        "paid": _money(data, "paid"),
        "amount": _money(data, "amount"),
    }
    text = (
        _(
            "Final settlement: %(rate)s of all accepted costs (%(accepted)s), at most the grant of %(grant)s, "
            "makes %(due)s; %(paid)s was paid before."
        )
        % values
    )
    if data["kind"] == "recovery":
        return text + " " + _("The overpayment of %(amount)s is to be repaid.") % values
    return text + " " + _("The balance of %(amount)s is paid.") % values


# ---------------------------------------------------------------------------------------------- worklist
@dataclass
class LineFindings:
    line: ClaimLine
    duplicates: list[Duplicate] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # the claim checks' findings, worded


@dataclass
class CategoryCheck:
    category: str
    label: str
    budget: Decimal
    earlier: Decimal  # accepted in earlier claims
    claimed: Decimal  # in this claim
    over: bool


@dataclass
class ClaimFindings:
    lines: list[LineFindings]
    categories: list[CategoryCheck]
    checks: list[str] = field(default_factory=list)  # findings about the claim as a whole

    @property
    def check_count(self) -> int:
        return len(self.checks) + sum(len(f.checks) for f in self.lines)

    @property
    def duplicate_count(self) -> int:
        return sum(1 for f in self.lines if f.duplicates)

    @property
    def over_budget(self) -> list[CategoryCheck]:
        return [c for c in self.categories if c.over]


# Shown otherwise on the finance pages: duplicates with the earlier claim, categories in the budget table.
_SHOWN_APART = {"line.duplicate", "claim.over_budget"}


def _rule_findings(claim: CostClaim, today: dt.date, prepared: Prepared | None = None) -> dict[int | None, list[str]]:
    """What the claim checks of the partner's side (dates, rates, the yearly hours cap, documents) find, worded in
    the active language, per line id (None: the claim)."""
    from ..messages.claims import finding_text
    from .claims import claim_findings as rule_findings

    found: dict[int | None, list[str]] = defaultdict(list)
    for finding in rule_findings(claim, today=today, prepared=prepared):
        if finding.code not in _SHOWN_APART:
            found[finding.line].append(finding_text(finding))
    return found


OTHER_LINE_COLUMNS = (
    "id",
    "claim_id",
    "category",
    "amount",
    "accepted_amount",
    "decision",
    "person",
    "work_from",
    "work_to",
    "hours",
    "claim__id",
    "claim__status",
    "claim__agreement_partner_id",
)


def claims_prepared(claims: list[CostClaim]) -> dict[int, Prepared]:
    """What the findings of each claim read, for a page of claims in a constant number of queries: the lines and
    their documents, the partners' other lines, the approved budgets, the call's money rules and the duplicates.
    The claims come from `finance_claims` (period, agreement, application and call select_related)."""
    if not claims:
        return {}
    from django.db.models import prefetch_related_objects

    from ..models import BudgetVersion, BudgetVersionLine
    from ..models.agreement import VersionStatus
    from .claims import COUNTED, Prepared
    from .duplicates import duplicates_of_many

    prefetch_related_objects(claims, "lines__documents")
    lines = [line for claim in claims for line in claim.lines.all()]
    members = {claim.agreement_partner_id for claim in claims}
    others: dict[int, list[ClaimLine]] = defaultdict(list)
    # Every earlier line of the page's partners (hundreds): the columns the totals and the hours check read.
    for line in (
        ClaimLine.objects.filter(claim__agreement_partner__in=members, claim__status__in=COUNTED)
        .select_related("claim")
        .only(*OTHER_LINE_COLUMNS)
    ):
        others[line.claim.agreement_partner_id].append(line)
    current: dict[int, int] = {}
    agreements = {claim.agreement_partner.agreement_id for claim in claims}
    for version in BudgetVersion.objects.filter(agreement_id__in=agreements, status=VersionStatus.APPROVED).order_by(
        "agreement_id", "number"
    ):
        current[version.agreement_id] = version.pk
    budgets: dict[int, dict[str, Decimal]] = defaultdict(lambda: {c: ZERO for c in CostCategoryCode.values})
    for row in BudgetVersionLine.objects.filter(version_id__in=current.values(), agreement_partner__in=members):
        budgets[row.agreement_partner_id][row.category] = row.eligible
    rules: dict[int, Any] = {}
    duplicates = duplicates_of_many(lines)
    prepared = {}
    for claim in claims:
        call = claim.period.agreement.grant.application.call
        if call.pk not in rules:
            rules[call.pk] = cost_rules(call)
        prepared[claim.pk] = Prepared(
            lines=list(claim.lines.all()),
            other_lines=[x for x in others[claim.agreement_partner_id] if x.claim_id != claim.pk],
            budget=dict(budgets[claim.agreement_partner_id]),
            rules=rules[call.pk],
            duplicates=duplicates,
        )
    return prepared


def claim_findings(
    claim: CostClaim, *, today: dt.date | None = None, prepared: Prepared | None = None
) -> ClaimFindings:
    """Duplicates per line (the earlier claim named), the claim checks' findings, and the claimed totals per
    category against the approved budget, counting what earlier claims had accepted. `prepared`: the same read
    in bulk for a list (`claims_prepared`)."""
    if prepared is not None:
        return _findings(claim, today, prepared)
    lines = list(claim.lines.prefetch_related("documents"))
    checks = _rule_findings(claim, today) if today is not None else {}
    found = [LineFindings(line, duplicates_of(line), checks.get(line.pk, [])) for line in lines]
    budget = approved_budget(claim.agreement_partner)
    earlier: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in (
        ClaimLine.objects.filter(
            claim__agreement_partner=claim.agreement_partner,
            claim__status__in=(ClaimStatus.VERIFIED, ClaimStatus.APPROVED),
            decision__in=(LineDecision.ACCEPTED, LineDecision.REDUCED),
        )
        .exclude(claim=claim)
        .values("category")
        .annotate(total=Sum("accepted_amount"))
    ):
        earlier[row["category"]] = row["total"] or ZERO
    return _categories(found, lines, budget, earlier, checks)


def _findings(claim: CostClaim, today: dt.date | None, prepared: Prepared) -> ClaimFindings:
    checks = _rule_findings(claim, today, prepared) if today is not None else {}
    found = [
        LineFindings(line, prepared.duplicates.get(line.pk, []), checks.get(line.pk, [])) for line in prepared.lines
    ]
    earlier: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in prepared.other_lines:
        if line.claim.status in (ClaimStatus.VERIFIED, ClaimStatus.APPROVED) and line.decision in (
            LineDecision.ACCEPTED,
            LineDecision.REDUCED,
        ):
            earlier[line.category] += line.accepted_amount or ZERO
    return _categories(found, prepared.lines, prepared.budget, earlier, checks)


def _categories(
    found: list[LineFindings],
    lines: list[ClaimLine],
    budget: dict[str, Decimal],
    earlier: dict[str, Decimal],
    checks: dict[int | None, list[str]],
) -> ClaimFindings:
    claimed: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        claimed[line.category] += line.amount
    labels = dict(CostCategoryCode.choices)
    categories = [
        CategoryCheck(
            category=c,
            label=str(labels[c]),
            budget=budget[c],
            earlier=earlier[c],
            claimed=claimed[c],
            over=earlier[c] + claimed[c] > budget[c],
        )
        for c in CostCategoryCode.values
        if claimed[c] or budget[c]
    ]
    return ClaimFindings(found, categories, checks.get(None, []))


def finance_claims(
    *, status: str = "", call: str = "", country: str = "", overdue: bool = False, today: dt.date | None = None
) -> QuerySet[CostClaim]:
    """Claims finance works on (not drafts), waiting ones first."""
    claims = CostClaim.objects.exclude(status=ClaimStatus.DRAFT).select_related(
        "period__agreement__grant__application__call__programme",
        "agreement_partner__company",
        "agreement_partner__agreement",
    )
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    else:
        claims = claims.filter(status__in=WAITING_CLAIMS)
    if call:
        claims = claims.filter(period__agreement__grant__application__call__code=call)
    if country:
        claims = claims.filter(agreement_partner__company__country=country)
    if overdue and today is not None:
        claims = claims.filter(status__in=WAITING_CLAIMS, period__due_on__lt=today)
    return claims.annotate(claimed=Sum("lines__amount")).order_by("submitted_at", "pk")


def finance_payments(*, status: str = "", kind: str = "", call: str = "", country: str = "") -> QuerySet[Payment]:
    payments = Payment.objects.select_related(
        "agreement_partner__company", "agreement_partner__agreement__grant__application__call", "claim__period"
    )
    if status in PaymentStatus.values:
        payments = payments.filter(status=status)
    if kind in PaymentKind.values:
        payments = payments.filter(kind=kind)
    if call:
        payments = payments.filter(agreement_partner__agreement__grant__application__call__code=call)
    if country:
        payments = payments.filter(agreement_partner__company__country=country)
    return payments.order_by("-proposed_at", "-pk")


def orderable_payments() -> list[Payment]:
    """Approved payments of partners with a bank account in use: what a payment order can contain."""
    payments = Payment.objects.filter(status=P.APPROVED).exclude(kind=PaymentKind.RECOVERY)
    payments = payments.select_related("agreement_partner__company", "agreement_partner__agreement")
    return [p for p in payments.order_by("pk") if active_account(p.agreement_partner) is not None]


# ---------------------------------------------------------------------------------------------- the partner's side
@dataclass(frozen=True)
class PaymentRow:
    payment: Payment
    kind: str
    status: str
    amount: Decimal
    when: dt.date | None  # paid on, else approved or proposed
    explanation: str


def payments_of(member: AgreementPartner) -> list[PaymentRow]:
    """What the partner sees: each payment with its kind, status, amount, date and why (in the active language).
    Cancelled payments are left out."""
    rows = []
    for payment in member.payments.exclude(status=P.CANCELLED).select_related("claim__period").order_by("proposed_at"):
        moment = payment.approved_at or payment.proposed_at
        rows.append(
            PaymentRow(
                payment=payment,
                kind=payment.get_kind_display(),
                status=payment.get_status_display(),
                amount=payment.amount,
                when=payment.paid_on or (moment.astimezone(clock.BRUSSELS).date() if moment else None),
                explanation=explanation_text(payment),
            )
        )
    return rows


@dataclass(frozen=True)
class Reconciliation:
    grant: Decimal
    paid: Decimal
    committed: Decimal
    to_recover: Decimal
    released: Decimal
    remaining: Decimal

    @property
    def reconciles(self) -> bool:
        return self.grant == self.paid + self.committed + self.released + self.remaining


def reconciliations(members: list[AgreementPartner]) -> dict[int, Reconciliation]:
    """`reconciliation` of many partners in three queries (lists): the grant of each in its agreement's current
    approved version, and its payments summed by kind and status. `member.agreement` should be select_related."""
    if not members:
        return {}
    from ..models import BudgetVersion, BudgetVersionShare
    from ..models.agreement import VersionStatus

    agreements = {m.agreement_id for m in members}
    current: dict[int, int] = {}
    for version in BudgetVersion.objects.filter(agreement_id__in=agreements, status=VersionStatus.APPROVED).order_by(
        "agreement_id", "number"
    ):
        current[version.agreement_id] = version.pk  # the latest number wins
    grants = {
        s.agreement_partner_id: s.grant
        for s in BudgetVersionShare.objects.filter(
            version_id__in=current.values(), agreement_partner__in=[m.pk for m in members]
        )
    }
    sums: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(dict)
    for row in (
        Payment.objects.filter(agreement_partner__in=[m.pk for m in members])
        .values("agreement_partner_id", "kind", "status")
        .annotate(total=Sum("amount"))
    ):
        sums[row["agreement_partner_id"]][(row["kind"], row["status"])] = row["total"] or ZERO
    result = {}
    for member in members:
        mine = sums.get(member.pk, {})
        outgoing = {k: v for k, v in mine.items() if k[0] != PaymentKind.RECOVERY}
        paid = sum((v for (_k, st), v in outgoing.items() if st == P.PAID), ZERO) - mine.get(
            (PaymentKind.RECOVERY, P.RECOVERED), ZERO
        )
        committed = sum((v for (_k, st), v in outgoing.items() if st in IN_FLIGHT), ZERO)
        grant = grants.get(member.pk, ZERO)
        rest = grant - paid - committed
        closed = member.agreement.status in (AgreementStatus.CLOSED, AgreementStatus.TERMINATED)
        result[member.pk] = Reconciliation(
            grant=grant,
            paid=paid,
            committed=committed,
            to_recover=mine.get((PaymentKind.RECOVERY, P.RECOVERY_REQUESTED), ZERO),
            released=rest if closed else ZERO,
            remaining=ZERO if closed else rest,
        )
    return result


def reconciliation(member: AgreementPartner) -> Reconciliation:
    """grant = paid + committed + remaining; once the agreement is closed the remaining grant is released."""
    grant = partner_grant(member)
    paid = paid_total(member)
    committed = committed_total(member)
    to_recover = _sum(member.payments.filter(kind=PaymentKind.RECOVERY, status=P.RECOVERY_REQUESTED))
    rest = grant - paid - committed
    closed = member.agreement.status in (AgreementStatus.CLOSED, AgreementStatus.TERMINATED)
    return Reconciliation(
        grant=grant,
        paid=paid,
        committed=committed,
        to_recover=to_recover,
        released=rest if closed else ZERO,
        remaining=ZERO if closed else rest,
    )
