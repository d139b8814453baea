"""Reads for the privacy work: everything held about one person, what stands in the way of erasing an account,
and which applications have kept their personal data long enough."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from crossroads.accounts.models import PROGRAMME_STAFF_ROLES, Role
from crossroads.applications.models import Application, ApplicationStatus, Attachment, BudgetLine, Partner
from crossroads.assessment.models import (
    Assignment,
    AssignmentStatus,
    ConflictDeclaration,
    Eligibility,
    Grant,
    Objection,
    ObjectionStatus,
)
from crossroads.companies.models import Company, CompanyMembership, Invitation
from crossroads.core.audit import snapshot
from crossroads.core.models import AuditEvent
from crossroads.matching.models import CooperationProfile, ExpressionOfInterest, InterestStatus, SavedSearch

from .models import ErasureRequest, ErasureStatus
from .rules import ApplicationState, Retention, anonymisation_due

if TYPE_CHECKING:
    from crossroads.accounts.models import User

# Roles whose accounts belong to the organisation that employs them: closed by the administrator when someone
# leaves, not by self-service (their work must stay attributable to the organisation's role).
ORGANISATION_ROLES = frozenset({Role.ADVISER, Role.FINANCE, *PROGRAMME_STAFF_ROLES})


def _fields(instance: Any, names: list[str]) -> dict[str, Any]:
    return snapshot(instance, names)


# ---------------------------------------------------------------------------------------------------------------
# Export


def personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, as plain data. Only their own: the e-mail addresses and names of
    other people (colleagues, senders, assessors) are left out, and so is the company behind an anonymous profile
    that has not accepted their expression of interest."""
    company_ids = list(CompanyMembership.objects.filter(user=user).values_list("company_id", flat=True))
    return {
        "account": _account(user),
        "memberships": [
            {"company": m.company.legal_name, "company_id": m.company_id, "role": m.role, "since": m.created_at}
            for m in CompanyMembership.objects.filter(user=user).select_related("company")
        ],
        "companies": [_company(c) for c in Company.objects.filter(pk__in=company_ids)],
        "invitations_received": [
            {"company": i.company.legal_name, "created_at": i.created_at, "accepted_at": i.accepted_at}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("company")
        ],
        "cooperation_profiles": [_profile(p) for p in _profiles_authored(user)],
        "interests_sent": [_interest_sent(i) for i in ExpressionOfInterest.objects.filter(sender_user=user)],
        "interests_received": _interests_received(company_ids),
        "saved_searches": [
            _fields(s, ["name", "query", "filters", "created_at"]) for s in SavedSearch.objects.filter(user=user)
        ],
        "applications": [_application(a, user, company_ids) for a in _applications_of(user, company_ids)],
        "assessor": _assessor(user),
        "objections_lodged": [
            {"application": o.decision.application.title, "grounds": o.grounds, "lodged_at": o.lodged_at}
            for o in Objection.objects.filter(lodged_by=user).select_related("decision__application")
        ],
        # What they did, not the before/after values: those can hold other people's data (an invitee's e-mail).
        "audit_events": [
            _fields(e, ["verb", "object_type", "object_id", "created_at"])
            for e in AuditEvent.objects.filter(actor=user).order_by("created_at", "id")
        ],
    }


def _account(user: User) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        **_fields(user, ["id", "email", "first_name", "last_name", "language", "role", "date_joined"]),
        "last_login": user.last_login,
        "agency": user.agency.name if user.agency else None,
        "covered_provinces": sorted(user.covered_provinces.values_list("code", flat=True)),
        "email_addresses": [
            _fields(a, ["email", "verified", "primary"]) for a in EmailAddress.objects.filter(user=user)
        ],
        # Which second factors exist and when they were used; never their secrets.
        "authenticators": [
            _fields(a, ["type", "created_at", "last_used_at"]) for a in Authenticator.objects.filter(user=user)
        ],
    }


def _interests_received(company_ids: list[int]) -> list[dict[str, Any]]:
    return [
        {
            "from_company": i.sender_company.legal_name,
            "to_company": i.target_company.legal_name,
            "message": i.message,
            "status": i.status,
            "created_at": i.created_at,
            "responded_at": i.responded_at,
        }
        for i in ExpressionOfInterest.objects.filter(target_company_id__in=company_ids).select_related(
            "sender_company", "target_company"
        )
    ]


def _company(company: Company) -> dict[str, Any]:
    return {
        **_fields(
            company,
            [
                *("id", "legal_name", "legal_form", "country", "enterprise_number", "vat_number", "role"),
                *("founded_on", "website", "description", "description_en"),
            ],
        ),
        "establishments": [
            _fields(e, ["name", "street", "postcode", "city", "country", "is_registered_office", "is_project_site"])
            for e in company.establishments.all()
        ],
        "nace_codes": [_fields(n, ["code", "revision", "is_main"]) for n in company.nace_codes.all()],
        "financial_years": [
            _fields(f, ["year", "staff_fte", "turnover", "balance_sheet_total", "equity", "subscribed_capital"])
            for f in company.financial_years.all()
        ],
        "de_minimis_aid": [
            _fields(d, ["granted_on", "amount", "granting_body", "description"]) for d in company.de_minimis_aid.all()
        ],
    }


def _profiles_authored(user: User) -> list[CooperationProfile]:
    """Profiles have no author field: the audit trail says who wrote them."""
    ids = AuditEvent.objects.filter(actor=user, object_type="matching.cooperationprofile").values_list(
        "object_id", flat=True
    )
    return list(CooperationProfile.objects.filter(pk__in=[int(i) for i in set(ids) if i.isdigit()]))


def _profile(profile: CooperationProfile) -> dict[str, Any]:
    return _fields(profile, ["title", "offers", "seeks", "idea", "trl", "languages", "is_anonymous", "status"]) | {
        "company": profile.company.legal_name,
        "published_at": profile.published_at,
    }


def _interest_sent(interest: ExpressionOfInterest) -> dict[str, Any]:
    # The company behind an anonymous profile is revealed only when it accepts, here as on the pages.
    hidden = interest.target_is_anonymous and interest.status != InterestStatus.ACCEPTED
    return {
        "from_company": interest.sender_company.legal_name,
        "to_company": None if hidden else interest.target_company.legal_name,
        "to_profile": interest.target_profile.title if interest.target_profile else None,
        "message": interest.message,
        "status": interest.status,
        "created_at": interest.created_at,
    }


def _applications_of(user: User, company_ids: list[int]) -> Iterator[Application]:
    return (
        Application.objects.filter(
            Q(partners__company_id__in=company_ids)
            | Q(created_by=user)
            | Q(partners__declared_by=user)
            | Q(submissions__submitted_by=user)
        )
        .distinct()
        .select_related("call")
        .order_by("created_at")
        .iterator()
    )


def _application(application: Application, user: User, company_ids: list[int]) -> dict[str, Any]:
    own = Partner.objects.filter(application=application).filter(Q(company_id__in=company_ids) | Q(declared_by=user))
    decision = getattr(application, "decision", None) if hasattr(application, "decision") else None
    return {
        **_fields(application, ["id", "title", "acronym", "status", "stage", "submitted_at", "created_at"]),
        "call": application.call.code,
        "created_by_you": application.created_by_id == user.pk,
        "your_partners": [
            {
                "company": p.company.legal_name if p.company else None,
                "role": p.role,
                "is_lead": p.is_lead,
                "tasks": p.tasks,
                "declarations": p.declarations if p.declared_by_id == user.pk else None,
                "declared_by_you": p.declared_by_id == user.pk,
                "declared_at": p.declared_at if p.declared_by_id == user.pk else None,
                "budget_lines": [
                    _fields(b, ["category", "description", "person", "annual_cost", "fte", "hours", "hourly_rate"])
                    | _fields(b, ["amount", "supplier", "quotation_reference"])
                    for b in BudgetLine.objects.filter(partner=p)
                ],
            }
            for p in own.select_related("company")
        ],
        "submissions_by_you": [
            _fields(s, ["number", "submitted_at", "withdrawn_at"])
            for s in application.submissions.filter(submitted_by=user)
        ],
        "attachments_uploaded_by_you": [
            _fields(a, ["id", "kind", "original_name", "size", "sha256", "uploaded_at"])
            for a in Attachment.objects.filter(application=application, uploaded_by=user)
        ],
        "decision": {"outcome": decision.outcome, "decided_at": decision.decided_at} if decision else None,
    }


def _assessor(user: User) -> dict[str, Any] | None:
    profile = getattr(user, "assessor_profile", None) if hasattr(user, "assessor_profile") else None
    assignments = Assignment.objects.filter(assessor=user).select_related("application")
    declarations = ConflictDeclaration.objects.filter(assessor=user).select_related("application")
    if profile is None and not assignments.exists() and not declarations.exists():
        return None
    return {
        "profile": (
            _fields(profile, ["country", "expertise", "languages", "max_load", "active"])
            | {
                "themes": sorted(profile.themes.values_list("code", flat=True)),
                "employer": profile.employer.legal_name if profile.employer_id else None,
                "interests": sorted(profile.interests.values_list("legal_name", flat=True)),
            }
            if profile
            else None
        ),
        "declarations": [
            {
                "application": d.application.title,
                "has_conflict": d.has_conflict,
                "explanation": d.explanation,
                "declared_at": d.declared_at,
            }
            for d in declarations
        ],
        "assignments": [
            {
                "application": a.application.title,
                "status": a.status,
                "due_date": a.due_date,
                "submitted_at": a.submitted_at,
                "scores": [
                    {"criterion": s.criterion.code, "score": s.score, "justification": s.justification}
                    for s in a.scores.select_related("criterion")
                ],
            }
            for a in assignments
        ],
    }


def uploaded_files(user: User) -> list[Attachment]:
    return list(Attachment.objects.filter(uploaded_by=user).order_by("pk"))


# ---------------------------------------------------------------------------------------------------------------
# Erasure


def erasure_blockers(user: User, *, now: dt.datetime, by_secretariat: bool = False) -> list[str]:
    """Reasons, worded for the person, why the account cannot be erased yet (empty: it can). See docs/privacy.md
    for why a real programme refuses these cases rather than erasing and leaving a grant without anybody."""
    reasons: list[str] = []
    if user.role in ORGANISATION_ROLES and not by_secretariat:
        reasons.append(
            _(
                "Your account belongs to your role at %(organisation)s. The programme's administrator closes it, "
                "for example when you leave; your request has been passed on."
            )
            % {"organisation": user.agency.name if user.agency else _("your organisation")}
        )
    reasons += _sole_contact_reasons(user, now)
    open_assessments = Assignment.objects.filter(assessor=user, status=AssignmentStatus.INVITED).count()
    if open_assessments:
        reasons.append(
            _(
                "You have %(count)s assessment(s) in progress. The secretariat first gives them to another assessor "
                "or you submit your scores."
            )
            % {"count": open_assessments}
        )
    return reasons


def pending_erasure_request(user: User) -> ErasureRequest | None:
    """The person's request waiting for the secretariat, if any (there is at most one)."""
    return ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).first()


@dataclass(frozen=True)
class ErasureRequestRow:
    """One line of the secretariat's list: the request, what stands in the way now, and whether it can still be
    carried out (only a pending one can)."""

    request: ErasureRequest
    blockers: list[str]
    pending: bool


def erasure_requests_overview(*, now: dt.datetime, limit: int = 200) -> list[ErasureRequestRow]:
    """The newest requests, pending first, each pending one with what stands in the way of erasing it now."""
    requests = ErasureRequest.objects.select_related("user", "handled_by").order_by("status", "-requested_at")
    rows = []
    for request in requests[:limit]:
        pending = request.status == ErasureStatus.PENDING
        blockers = erasure_blockers(request.user, now=now, by_secretariat=True) if pending else []
        rows.append(ErasureRequestRow(request=request, blockers=blockers, pending=pending))
    return rows


def _sole_contact_reasons(user: User, now: dt.datetime) -> list[str]:
    """The companies only this person can act for, while they have a grant or an application in progress."""
    reasons: list[str] = []
    sole = (
        # Filter by id, not through the memberships join: that join would count only this user's membership.
        Company.objects.filter(pk__in=CompanyMembership.objects.filter(user=user).values("company_id"))
        .annotate(members=Count("memberships"))
        .filter(members=1)
        .order_by("legal_name")
    )
    for company in sole:
        grants = Grant.objects.filter(shares__company=company, renounced_at__isnull=True).select_related("application")
        for grant in grants.distinct():
            reasons.append(
                _(
                    "You are the only person who can act for %(company)s, which has a grant for “%(title)s”. "
                    "Invite a colleague to the company first: the programme needs a contact for the reports, "
                    "payments and audits of the grant."
                )
                % {"company": company.legal_name, "title": grant.application.title}
            )
        for application in _in_progress(company, now):
            reasons.append(
                _(
                    "You are the only person who can act for %(company)s in the application “%(title)s”, which is "
                    "still in progress. Invite a colleague to the company, or let the application be withdrawn or "
                    "decided first."
                )
                % {"company": company.legal_name, "title": application.title}
            )
    return reasons


def _in_progress(company: Company, now: dt.datetime) -> list[Application]:
    """Applications of `company` still in the procedure: a draft in an open call, a submitted application that
    is neither decided nor found not eligible, or a decision with an objection still to be decided."""
    result = []
    applications = (
        Application.objects.filter(partners__company=company)
        .distinct()
        .select_related("call", "screening", "decision", "grant")
        .order_by("created_at")
    )
    for application in applications:
        decision = getattr(application, "decision", None) if hasattr(application, "decision") else None
        screening = getattr(application, "screening", None) if hasattr(application, "screening") else None
        if application.status == ApplicationStatus.DRAFT and now < application.deadline:
            result.append(application)
        elif application.status == ApplicationStatus.SUBMITTED and decision is None:
            if screening is None or screening.eligibility != Eligibility.INELIGIBLE:
                result.append(application)
        elif decision is not None and decision.objections.filter(status=ObjectionStatus.RECEIVED).exists():
            result.append(application)
    return result


# ---------------------------------------------------------------------------------------------------------------
# Retention


def application_state(application: Application) -> ApplicationState:
    decision = getattr(application, "decision", None) if hasattr(application, "decision") else None
    screening = getattr(application, "screening", None) if hasattr(application, "screening") else None
    withdrawn = [s.withdrawn_at for s in application.submissions.all() if s.withdrawn_at is not None]
    return ApplicationState(
        status=application.status,
        deadline=application.deadline,
        has_grant=hasattr(application, "grant"),
        decision_outcome=decision.outcome if decision else None,
        decided_at=decision.decided_at if decision else None,
        objection_pending=bool(
            decision and any(o.status == ObjectionStatus.RECEIVED for o in decision.objections.all())
        ),
        ineligible_since=(
            screening.updated_at if screening is not None and screening.eligibility == Eligibility.INELIGIBLE else None
        ),
        withdrawn_at=max(withdrawn) if withdrawn else None,
    )


def applications_due_for_anonymisation(*, now: dt.datetime) -> Iterator[tuple[Application, Retention]]:
    """Applications not yet anonymised whose retention period has passed, with the reason and its start. Funded
    ones never (no grant), and each programme's own retention period applies."""
    candidates = (
        Application.objects.filter(anonymisation__isnull=True, grant__isnull=True)
        .exclude(status=ApplicationStatus.SUBMITTED, decision__isnull=True, screening__isnull=True)
        .select_related("call__programme", "decision", "screening", "grant")
        .prefetch_related("submissions", "decision__objections")
        .order_by("pk")
    )
    for application in candidates:
        months = application.call.programme.rejected_application_retention_months
        retention = anonymisation_due(application_state(application), months=months, now=now)
        if retention is not None:
            yield application, retention
