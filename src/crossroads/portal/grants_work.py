"""What the follow-up asks of each role on the dashboard: an applicant's grants and what is due next; finance's
claims, payments and account changes; the secretariat's reports, amendments and overdue items; an adviser's
overdue projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from crossroads.core import clock
from crossroads.core.formatting import format_date
from crossroads.grants.models import (
    Agreement,
    AgreementStatus,
    AmendmentStatus,
    BankAccountStatus,
    ClaimStatus,
    PaymentStatus,
    ReportingPeriod,
    ReportStatus,
)
from crossroads.grants.permissions import is_finance

from .selectors import NextStep, WaitingCount

if TYPE_CHECKING:
    from crossroads.accounts.models import User

LIVE = (AgreementStatus.OFFERED, AgreementStatus.RUNNING, AgreementStatus.CLOSING)


def grant_steps(user: User) -> list[NextStep]:
    """One line per agreement of the user's companies: accept it, or the next report or claim and its due date."""
    companies = list(user.memberships.values_list("company_id", flat=True))
    agreements = (
        Agreement.objects.filter(partners__company__in=companies, status__in=LIVE)
        .distinct()
        .select_related("grant__application")
        .order_by("end_date", "pk")
    )
    return [_grant_step(agreement, companies) for agreement in agreements]


def _grant_step(agreement: Agreement, companies: list[int]) -> NextStep:
    application = agreement.grant.application
    title = application.acronym or application.title
    url = reverse("grants:detail", args=[agreement.pk])
    status = str(agreement.get_status_display())
    if agreement.status == AgreementStatus.OFFERED:
        waiting = agreement.partners.filter(company__in=companies, accepted_at__isnull=True).exists()
        if waiting:
            return NextStep(title, url, status, gettext("Read the grant agreement and accept it."), None, True)
        return NextStep(title, url, status, gettext("Waiting for the other partners to accept."), None, False)
    period = _next_period(agreement, companies)
    if period is None:
        return NextStep(title, url, status, gettext("Nothing is due at the moment."), None, False)
    overdue = period.due_on < clock.today_brussels()
    text = (
        gettext("Report and claim of period %(number)s were due on %(date)s.")
        if overdue
        else gettext("Report and claim of period %(number)s are due on %(date)s.")
    )
    return NextStep(
        title, url, status, text % {"number": period.number, "date": format_date(period.due_on)}, None, True
    )


def _next_period(agreement: Agreement, companies: list[int]) -> ReportingPeriod | None:
    """The first period that has ended (or ends within the reminder window) whose claim of one of the user's
    companies, or whose report when the user's company leads, is not submitted yet."""
    lead = agreement.partners.filter(company__in=companies, is_lead=True).exists()
    for period in agreement.periods.filter(ends_on__lt=clock.today_brussels()).order_by("number"):
        report = getattr(period, "report", None)
        if lead and (report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)):
            return period
        submitted = period.claims.filter(agreement_partner__company__in=companies).exclude(
            status__in=(ClaimStatus.DRAFT, ClaimStatus.RETURNED)
        )
        if not submitted.exists():
            return period
    return None


def _count(items: list[WaitingCount], count: int, label: str, url_name: str) -> None:
    """`label` is the ngettext of the count, written at the call so that makemessages finds both forms."""
    if count:
        items.append(WaitingCount(count, label % {"count": count}, reverse(url_name)))


def finance_work(user: User) -> list[WaitingCount]:
    from crossroads.grants.models import BankAccount, CostClaim, Payment

    items: list[WaitingCount] = []
    if not is_finance(user):
        return items
    to_verify = CostClaim.objects.filter(status=ClaimStatus.SUBMITTED).count()
    _count(
        items,
        to_verify,
        ngettext("%(count)s claim to verify", "%(count)s claims to verify", to_verify),
        "grants:finance",
    )
    to_approve = Payment.objects.filter(status=PaymentStatus.PROPOSED).exclude(Q(claim__verified_by=user)).count()
    _count(
        items,
        to_approve,
        ngettext("%(count)s payment to approve", "%(count)s payments to approve", to_approve),
        "grants:payments",
    )
    to_order = Payment.objects.filter(status=PaymentStatus.APPROVED).count()
    _count(
        items,
        to_order,
        ngettext("%(count)s approved payment to order", "%(count)s approved payments to order", to_order),
        "grants:payments",
    )
    accounts = BankAccount.objects.filter(status=BankAccountStatus.PENDING).exclude(registered_by=user).count()
    _count(
        items,
        accounts,
        ngettext(
            "%(count)s change of bank account to approve", "%(count)s changes of bank account to approve", accounts
        ),
        "grants:bank_accounts",
    )
    return items


def secretariat_grant_work() -> list[WaitingCount]:
    from crossroads.grants.models import Amendment, ProgressReport

    items: list[WaitingCount] = []
    reports = ProgressReport.objects.filter(status=ReportStatus.SUBMITTED).count()
    _count(
        items,
        reports,
        ngettext("%(count)s progress report to review", "%(count)s progress reports to review", reports),
        "grants:list",
    )
    amendments = Amendment.objects.filter(status=AmendmentStatus.REQUESTED).count()
    _count(
        items,
        amendments,
        ngettext("%(count)s amendment to decide", "%(count)s amendments to decide", amendments),
        "grants:list",
    )
    overdue = overdue_periods().count()
    _count(
        items,
        overdue,
        ngettext("%(count)s overdue report or claim", "%(count)s overdue reports or claims", overdue),
        "grants:overdue",
    )
    return items


def overdue_periods() -> QuerySet[ReportingPeriod]:
    """Periods past their due date whose report is not submitted, in agreements that still run."""
    return (
        ReportingPeriod.objects.filter(due_on__lt=clock.today_brussels(), agreement__status__in=LIVE)
        .filter(Q(report__isnull=True) | Q(report__status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)))
        .distinct()
    )


def adviser_grant_work(user: User) -> list[WaitingCount]:
    """Overdue reports and claims of projects with a partner in the adviser's provinces."""
    provinces = user.province_codes()
    overdue = (
        overdue_periods()
        .filter(agreement__partners__company__establishments__nuts3__province__in=provinces)
        .distinct()
        .count()
    )
    items: list[WaitingCount] = []
    _count(
        items,
        overdue,
        ngettext(
            "%(count)s overdue report or claim in your provinces",
            "%(count)s overdue reports or claims in your provinces",
            overdue,
        ),
        "grants:overdue",
    )
    return items
