"""Gathering the facts for the conflict-of-interest rules (rules/conflicts.py) from the database."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.db.models import Q

from crossroads.applications.models import Application, ApplicationStatus, Partner
from crossroads.core import clock
from crossroads.core.calendar import add_years

from .models import AssessorProfile, ConflictDeclaration, Grant
from .rules.conflicts import (
    ApplicationLinks,
    AssessorLinks,
    Conflict,
    conflicts,
    email_domain,
    website_domain,
)

if TYPE_CHECKING:
    from crossroads.accounts.models import User


def application_links(application: Application) -> ApplicationLinks:
    partners = application.partners.filter(company__isnull=False).select_related("company")
    company_ids = frozenset(p.company_id for p in partners)
    domains = set()
    for partner in partners:
        if partner.company.website:
            domains.add(website_domain(partner.company.website))
        for membership in partner.company.memberships.select_related("user"):
            domains.add(email_domain(membership.user.email))
    return ApplicationLinks(application.pk, company_ids, frozenset(d for d in domains if d))


def _recent_partners(company_ids: set[int], lookback_years: int, exclude_application: int | None) -> frozenset[int]:
    """Companies that were partners, with one of `company_ids`, in an application submitted or granted within the
    look-back period."""
    if not company_ids:
        return frozenset()
    since = add_years(clock.now(), -lookback_years)
    granted = Grant.objects.filter(created_at__gte=since).values("application_id")
    recent = Application.objects.filter(
        Q(status=ApplicationStatus.SUBMITTED, submitted_at__gte=since) | Q(pk__in=granted),
        partners__company__in=company_ids,
    )
    if exclude_application is not None:
        recent = recent.exclude(pk=exclude_application)
    others = Partner.objects.filter(application__in=recent, company__isnull=False).values_list("company_id", flat=True)
    return frozenset(others) - frozenset(company_ids)


def assessor_links(user: User, *, lookback_years: int, application: Application | None = None) -> AssessorLinks:
    """The assessor's companies and recent project partners; with `application`, also its declaration on it."""
    profile = AssessorProfile.objects.filter(user=user).prefetch_related("interests").first()
    employer = profile.employer_id if profile else None
    interests = frozenset(c.pk for c in profile.interests.all()) if profile else frozenset()
    member_of = frozenset(user.memberships.values_list("company_id", flat=True))
    own = {*interests, *member_of, *([employer] if employer else [])}
    declared = bool(
        application
        and ConflictDeclaration.objects.filter(assessor=user, application=application, has_conflict=True).exists()
    )
    return AssessorLinks(
        user_id=user.pk,
        email=user.email,
        employer_id=employer,
        interest_ids=interests,
        member_of_ids=member_of,
        recent_partner_ids=_recent_partners(own, lookback_years, application.pk if application else None),
        declared_conflict=declared,
    )


def conflicts_of(user: User, application: Application) -> list[Conflict]:
    """Every reason why `user` may not assess `application`, automatic and declared."""
    lookback = application.call.programme.conflict_lookback_years
    return conflicts(
        assessor_links(user, lookback_years=lookback, application=application), application_links(application)
    )


def conflict_pairs(users: list, applications: list[Application]) -> set[tuple[int, int]]:
    """(user id, application id) of every conflicted pair, for the assignment. Each assessor's links are read once
    (an application of the same assessor's company is caught as same company or shareholding anyway)."""
    if not applications:
        return set()
    links = {a.pk: application_links(a) for a in applications}
    declared = set(
        ConflictDeclaration.objects.filter(
            assessor__in=users, application__in=applications, has_conflict=True
        ).values_list("assessor_id", "application_id")
    )
    lookback = applications[0].call.programme.conflict_lookback_years
    pairs = set()
    for user in users:
        base = assessor_links(user, lookback_years=lookback)
        for application in applications:
            facts = replace(base, declared_conflict=(user.pk, application.pk) in declared)
            if conflicts(facts, links[application.pk]):
                pairs.add((user.pk, application.pk))
    return pairs
