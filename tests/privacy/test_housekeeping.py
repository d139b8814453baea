"""Applications that were not funded lose their personal data once the programme's retention period has passed:
texts, names, salaries, files, submitted copies and letters; the figures, statuses and scores stay, the audit
trail only grows, and a second run changes nothing. Funded applications are never touched."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from crossroads.applications.models import Attachment, BudgetLine, Submission
from crossroads.assessment.models import Objection, Score
from crossroads.core.models import AuditEvent
from crossroads.privacy.models import AnonymisedApplication
from crossroads.privacy.services import privacy_housekeeping
from tests.assessment.conftest import invite, submit_scores

from .conftest import at, brussels, decide, fund, make_application, make_assessor, with_personal_data

pytestmark = pytest.mark.django_db


def _trail() -> list[tuple]:
    return list(AuditEvent.objects.order_by("pk").values_list("pk", "verb", "object_id", "before", "after"))


@pytest.fixture
def rejected(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]
    application = with_personal_data(
        make_application(call, be_lead, nl_partner, title="Warmte over de grens"), users["applicant"]
    )
    assignment = submit_scores(invite(application, make_assessor("expert@test.example", "BE")), "4")
    Score.objects.filter(assignment=assignment).update(justification="Jan Peeters has no track record.")
    decide(application, "reject", brussels(2026, 6, 30, 10), users["secretariat"])
    return application


def _files(application) -> list[str]:  # type: ignore[no-untyped-def]
    names = [a.file.name for a in application.attachments.all()]
    names += [s.pdf.name for s in application.submissions.all()]
    return [*names, application.decision.letter.name]


def test_a_rejected_application_keeps_its_data_until_the_period_has_passed(rejected):
    with at(brussels(2028, 6, 30, 9)):
        assert privacy_housekeeping() == []
    rejected.refresh_from_db()
    assert "Confidential" in rejected.sections["summary"]
    assert not AnonymisedApplication.objects.exists()


def test_after_the_period_personal_data_goes_and_figures_stay(rejected, django_capture_on_commit_callbacks):
    files = _files(rejected)
    assert all(default_storage.exists(name) for name in files)
    trail = _trail()
    with at(brussels(2028, 6, 30, 11)), django_capture_on_commit_callbacks(execute=True):
        due = privacy_housekeeping()
    assert [(a.pk, r.reason) for a, r in due] == [(rejected.pk, "rejected")]

    rejected.refresh_from_db()
    assert set(rejected.sections) >= {"summary"} and not any(rejected.sections.values())
    assert not Attachment.objects.filter(application=rejected).exists()
    assert not any(default_storage.exists(name) for name in files)
    submission = Submission.objects.get(application=rejected)
    assert not submission.pdf and submission.snapshot["anonymised"] is True
    assert submission.snapshot["partners"] == [
        {"country": "BE", "role": None, "is_lead": None, "region_status": None, "eligible_costs": None, "grant": "1"}
    ]
    decision = rejected.decision
    decision.refresh_from_db()
    assert decision.outcome == "reject" and not decision.letter and decision.reasons == ""
    # Nothing that names the person is left anywhere in the application's records.
    texts = json.dumps(
        [
            rejected.sections,
            list(rejected.partners.values("tasks", "invited_email")),
            list(BudgetLine.objects.filter(partner__application=rejected).values("description", "person")),
            submission.snapshot,
            list(Score.objects.filter(assignment__application=rejected).values_list("justification", flat=True)),
            decision.reasons,
        ]
    )
    assert "Peeters" not in texts
    # Figures stay for the statistics.
    scores = set(Score.objects.filter(assignment__application=rejected).values_list("score", flat=True))
    assert scores == {4}
    personnel = BudgetLine.objects.get(partner__application=rejected, category="personnel")
    assert (personnel.hours, personnel.amount, personnel.annual_cost) == (100, 4000, None)
    marker = AnonymisedApplication.objects.get(application=rejected)
    assert marker.figures["declared_costs"] == "74000.00"
    assert marker.figures["partners_by_country"] == {"BE": 1, "NL": 1}
    # The trail only grew, by one event for this application.
    after = _trail()
    assert after[: len(trail)] == trail
    assert [(e[1], e[2]) for e in after[len(trail) :]] == [("privacy.application_anonymise", str(rejected.pk))]


def test_a_second_run_changes_nothing(rejected):
    with at(brussels(2028, 7, 1)):
        assert len(privacy_housekeeping()) == 1
        count = AuditEvent.objects.count()
        assert privacy_housekeeping() == []
    assert AuditEvent.objects.count() == count


def test_funded_applications_and_pending_objections_are_kept(call, be_lead, nl_partner, users, rejected):
    funded = make_application(call, be_lead, nl_partner, title="Gefinancierd")
    fund(funded, decide(funded, "approve", brussels(2026, 6, 30, 10), users["secretariat"]))
    Objection.objects.create(
        decision=rejected.decision, lodged_by=users["applicant"], grounds="Unfair.", lodged_at=brussels(2026, 7, 1)
    )
    with at(brussels(2040, 1, 1)):
        assert privacy_housekeeping() == []


def test_a_draft_counts_from_the_deadline_of_its_call(call, be_lead, nl_partner):
    draft = make_application(call, be_lead, nl_partner, title="Nooit ingediend", status="draft")
    assert call.closes_at == brussels(2026, 4, 17, 17)
    with at(brussels(2028, 4, 17, 16, 59)):
        assert privacy_housekeeping() == []
    with at(brussels(2028, 4, 17, 17, 0)):
        due = privacy_housekeeping()
    assert [(a.pk, r.reason) for a, r in due] == [(draft.pk, "never_submitted")]


def test_the_period_is_the_programmes_setting(rejected, programme):
    programme.rejected_application_retention_months = 6
    programme.save()
    with at(brussels(2026, 12, 30, 11)):
        assert [a.pk for a, _ in privacy_housekeeping()] == [rejected.pk]


def test_the_command_has_a_dry_run(rejected):
    out = io.StringIO()
    with at(brussels(2028, 7, 1)):
        call_command("privacy_housekeeping", "--dry-run", stdout=out)
    assert f"would anonymise application {rejected.pk} (rejected" in out.getvalue()
    assert not AnonymisedApplication.objects.exists()
    rejected.refresh_from_db()
    assert rejected.sections["summary"]
    with at(brussels(2028, 7, 1)):
        call_command("privacy_housekeeping", stdout=out)
    assert AnonymisedApplication.objects.filter(application=rejected).exists()
