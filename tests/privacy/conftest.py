"""Factories for the privacy tests: applications in the programme's first 2026 call (closed 17 April 2026), with
the things that hold personal data (texts, a named person's salary, an uploaded CV, the submitted copy and its PDF,
scores with justifications) and decisions and grants made directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.files.base import ContentFile

from crossroads.applications.models import Attachment, BudgetLine, Submission
from crossroads.assessment.models import Decision, Grant, GrantShare, Ranking
from crossroads.core.clock import BRUSSELS
from tests.assessment.conftest import company, make_application, make_assessor


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


def at(moment: dt.datetime):  # type: ignore[no-untyped-def]
    """Move the services' clock (crossroads.core.clock.now) to `moment`."""
    return mock.patch("crossroads.core.clock.now", return_value=moment.astimezone(dt.UTC))


def brussels(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=BRUSSELS)


@pytest.fixture
def call(programme):  # type: ignore[no-untyped-def]
    return programme.calls.get(code="crossroads-2026-1")


@pytest.fixture
def be_lead(users):  # type: ignore[no-untyped-def]
    return company("Kempense Warmte BV", "BE", user=users["applicant"])


@pytest.fixture
def nl_partner(users):  # type: ignore[no-untyped-def]
    return company("Polderdata BV", "NL", user=users["other_applicant"])


def with_personal_data(application, uploader):  # type: ignore[no-untyped-def]
    """A named person's salary line, an uploaded CV, a submitted copy with its PDF."""
    lead = application.partners.get(is_lead=True)
    lead.tasks = "Jan Peeters leads the heat pump tests."
    lead.save()
    BudgetLine.objects.create(
        partner=lead,
        category="personnel",
        description="Salary of Jan Peeters",
        person="Jan Peeters",
        annual_cost=Decimal("68800"),
        hours=Decimal("100"),
        hourly_rate=Decimal("40"),
        amount=Decimal("4000"),
    )
    attachment = Attachment(
        application=application,
        partner=lead,
        kind="other",
        original_name="CV Jan Peeters.pdf",
        content_type="application/pdf",
        size=11,
        sha256="ab" * 32,
        uploaded_by=uploader,
    )
    attachment.file.save("cv", ContentFile(b"%PDF-1.4 cv"), save=False)
    attachment.save()
    submission = Submission.objects.create(
        application=application,
        number=1,
        idempotency_key=f"key-{application.pk}",
        submitted_by=uploader,
        submitted_at=application.submitted_at,
        snapshot={
            "call": {"code": application.call.code},
            "themes": ["energy"],
            "partners": [{"company": "Kempense Warmte BV", "country": "BE", "tasks": lead.tasks, "grant": "1"}],
            "totals": {"costs": "74000.00"},
        },
    )
    submission.pdf.save("submission.pdf", ContentFile(b"%PDF-1.4 Jan Peeters"), save=True)
    return application


def decide(application, outcome: str, when: dt.datetime, by):  # type: ignore[no-untyped-def]
    ranking = Ranking.objects.filter(call=application.call).first() or Ranking.objects.create(
        call=application.call,
        budget=Decimal("1000000"),
        policy="skip",
        overall_threshold=Decimal("60"),
        frozen_by=by,
        frozen_at=when,
    )
    decision = Decision(
        application=application,
        ranking=ranking,
        outcome=outcome,
        reasons="Mr Peeters' team lacks experience.",
        decided_by=by,
        decided_at=when,
        objection_deadline=when + dt.timedelta(weeks=6),
    )
    decision.letter.save("letter.pdf", ContentFile(b"%PDF-1.4 Dear Mr Peeters"), save=False)
    decision.save()
    return decision


def fund(application, decision):  # type: ignore[no-untyped-def]
    grant = Grant.objects.create(
        application=application, decision=decision, total=Decimal("35000"), created_at=decision.decided_at
    )
    for partner in application.partners.all():
        GrantShare.objects.create(grant=grant, partner=partner, company=partner.company, amount=Decimal("17500"))
    return grant


__all__ = ["at", "brussels", "company", "decide", "fund", "make_application", "make_assessor", "with_personal_data"]
