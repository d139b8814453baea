"""Each role lands on a page that says what to do next, and sees only its own work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from crossroads.accounts.models import Role
from crossroads.applications import services as application_services
from crossroads.applications.models import ApplicationStatus
from crossroads.assessment.models import Assignment, AssignmentStatus, Completeness, Eligibility, Screening
from crossroads.companies.models import CompanyMembership
from crossroads.core.formatting import format_brussels, format_date
from crossroads.matching.models import Introduction
from crossroads.privacy.services import erasure_request_file
from crossroads.programme.models import Call
from tests.conftest import make_company, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(programme):  # type: ignore[no-untyped-def]
    closes = timezone.now() + dt.timedelta(days=30)
    call = Call.objects.create(
        programme=programme,
        code="landing-call",
        name_nl="Oproep landing",
        name_en="Landing call",
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=closes,
        budget=Decimal("1000000"),
    )
    call.themes.set(programme.themes.all())
    return call


@pytest.fixture
def draft(open_call, company_be, users):  # type: ignore[no-untyped-def]
    return application_services.application_create(
        actor=users["applicant"], call=open_call, lead=company_be, title="Warmte over de grens"
    )


@pytest.fixture
def others_draft(open_call, users):  # type: ignore[no-untyped-def]
    theirs = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    CompanyMembership.objects.create(user=users["other_applicant"], company=theirs, role="manager")
    return application_services.application_create(
        actor=users["other_applicant"], call=open_call, lead=theirs, title="Geheim project van een ander"
    )


def _submit(application):  # type: ignore[no-untyped-def]
    """The status a submission leaves (the submission itself is the applications area's, tested there)."""
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()
    return application


def _dashboard(client, user, language="en"):  # type: ignore[no-untyped-def]
    client.force_login(user)
    user.language = language
    user.save()
    with translation.override(language):
        return client.get(reverse("core:dashboard"), HTTP_ACCEPT_LANGUAGE=language)


def test_applicant_sees_the_next_step_of_each_application_with_its_deadline(client, users, draft, others_draft):
    response = _dashboard(client, users["applicant"])
    page = response.content.decode()
    with translation.override("en"):
        deadline = format_brussels(draft.deadline)
    steps = response.context["next_steps"]
    assert [s.title for s in steps] == [draft.title]
    assert f"Finish the application and submit it before {deadline}." in page
    assert reverse("applications:detail", args=[draft.pk]) in page
    # Another company's application stays out of sight.
    assert others_draft.title not in page
    assert 'data-testid="due-assessments"' not in page and 'data-testid="waiting-for-you"' not in page


def test_a_submitted_application_waits_for_screening_then_asks_for_missing_items(client, users, draft):
    _submit(draft)
    page = _dashboard(client, users["applicant"]).content.decode()
    assert "Submitted: waiting for the secretariat to screen the application." in page
    missing_deadline = timezone.now() + dt.timedelta(days=7)
    Screening.objects.create(application=draft, completeness=Completeness.INCOMPLETE, missing_deadline=missing_deadline)
    page = _dashboard(client, users["applicant"]).content.decode()
    with translation.override("en"):
        due = format_brussels(missing_deadline)
    assert f"The secretariat asks for missing items: add them before {due}." in page


def test_an_eligible_application_is_being_assessed(client, users, draft):
    _submit(draft)
    Screening.objects.create(application=draft, completeness=Completeness.COMPLETE, eligibility=Eligibility.ELIGIBLE)
    page = _dashboard(client, users["applicant"]).content.decode()
    assert "Eligible: the assessors are scoring the application." in page


def test_an_applicant_without_applications_is_pointed_to_the_calls(client, users, company_be):
    page = _dashboard(client, users["applicant"]).content.decode()
    assert "You have no applications yet." in page and reverse("applications:calls") in page


def test_assessor_sees_the_assessments_due_and_no_applicant_or_secretariat_work(client, users, draft, others_draft):
    _submit(draft)
    due = timezone.localdate() + dt.timedelta(days=14)
    Assignment.objects.create(
        application=draft,
        assessor=users["assessor"],
        status=AssignmentStatus.INVITED,
        due_date=due,
        invited_at=timezone.now(),
    )
    response = _dashboard(client, users["assessor"])
    page = response.content.decode()
    with translation.override("en"):
        assert f"Due: {format_date(due)}" in page
    assert [d.assignment.application_id for d in response.context["due_assessments"]] == [draft.pk]
    assert reverse("assessment:assignment_detail", args=[draft.assignments.get().pk]) in page
    assert others_draft.title not in page
    assert 'data-testid="next-steps"' not in page and 'data-testid="waiting-for-you"' not in page


def test_secretariat_sees_what_waits_with_counts_and_links(client, users, draft):
    _submit(draft)
    erasure_request_file(actor=users["other_applicant"], user=users["other_applicant"], blockers=["open grant"])
    response = _dashboard(client, users["secretariat"])
    page = response.content.decode()
    assert "1 application to screen in Landing call" in page
    assert reverse("assessment:call", args=[draft.call.pk]) in page
    assert "1 request to erase an account" in page and reverse("privacy:requests") in page
    assert 'data-testid="next-steps"' not in page and 'data-testid="due-assessments"' not in page


def test_secretariat_with_nothing_waiting_is_told_so(client, users):
    page = _dashboard(client, users["secretariat"]).content.decode()
    assert "Nothing waits for you at the moment." in page


def test_adviser_sees_companies_of_their_provinces_without_a_profile_and_open_introductions(client, users, programme):
    antwerp = make_company("Scheldewarmte BV")  # Antwerpen: VLAIO's province
    limburg_nl = make_company(
        "Maasdata BV", country="NL", number="12345678", postcode="6211 CK", city="Maastricht"
    )  # LIOF's, not VLAIO's
    geel = make_company("Kempense Warmte BV", number="0403.019.262", postcode="2440", city="Geel")
    Introduction.objects.create(adviser=users["adviser_be"], company_a=antwerp, company_b=geel, note="Kennismaking")
    response = _dashboard(client, users["adviser_be"])
    page = response.content.decode()
    names = [c.legal_name for c in response.context["without_profile"]]
    assert "Scheldewarmte BV" in names and "Kempense Warmte BV" in names
    assert limburg_nl.legal_name not in names
    assert 'data-testid="open-introduction"' in page
    # Another adviser's dashboard does not show this adviser's introductions.
    other = _dashboard(client, users["adviser_nl"])
    assert other.context["open_introductions"] == []


def test_the_landing_page_needs_a_login(client):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_finance_sees_no_other_roles_work(client, programme):
    finance = make_user("finance-2@test.example", Role.FINANCE)
    response = _dashboard(client, finance)
    for key in ("next_steps", "due_assessments", "without_profile"):
        assert key not in response.context
    # Finance's own work (claims, payments, account changes): nothing waits in an empty programme.
    assert response.context["waiting"] == []
