"""Conflicts of interest: found automatically (same company, shareholding, same e-mail domain but not a public
mailbox, a recent joint project) or declared; and enforced on every page, export and API endpoint."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from crossroads.applications.models import ApplicationStatus
from crossroads.assessment.conflicts import conflict_pairs, conflicts_of
from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import AssignmentStatus, ConflictDeclaration, Score
from crossroads.assessment.services.assignment import conflict_declare
from crossroads.assessment.services.overrides import assessment_override_record
from crossroads.assessment.services.scoring import consensus_record, scores_save
from crossroads.companies.models import CompanyMembership
from crossroads.core.models import AuditEvent
from tests.conftest import make_user

from .conftest import company, invite, make_application, make_assessor, make_eligible, submit_scores

pytestmark = pytest.mark.django_db


def codes(user, application) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.code for c in conflicts_of(user, application)]


# --- detection -------------------------------------------------------------------------------------------------


def test_no_conflict_for_an_independent_assessor(application, assessor):
    assert codes(assessor, application) == []
    assert conflict_pairs([assessor], [application]) == set()


def test_same_company_and_shareholding(application, be_lead, nl_partner):
    employee = make_assessor("e@independent.example", "BE", employer=be_lead)
    shareholder = make_assessor("s@independent.example", "NL", interests=[nl_partner])
    assert codes(employee, application) == ["same_company"]
    assert codes(shareholder, application) == ["shareholding"]
    assert conflict_pairs([employee, shareholder], [application]) == {
        (employee.pk, application.pk),
        (shareholder.pk, application.pk),
    }


def test_same_email_domain_of_partner_staff_or_website_but_not_a_public_mailbox(call, users):
    lead = company("Scheldewarmte BV", "BE", user=users["applicant"], website="https://www.scheldewarmte.be/")
    partner = company("Maasdata BV", "NL")
    CompanyMembership.objects.create(user=make_user("jan@maasdata.nl", "applicant"), company=partner, role="staff")
    CompanyMembership.objects.create(user=make_user("piet@gmail.com", "applicant"), company=partner, role="staff")
    application = make_application(call, lead, partner, title="Domeinen")

    by_staff = make_assessor("expert@maasdata.nl", "NL")
    by_website = make_assessor("expert@scheldewarmte.be", "BE")
    public = make_assessor("expert@gmail.com", "NL")
    assert codes(by_staff, application) == ["same_email_domain"]
    assert codes(by_website, application) == ["same_email_domain"]
    assert codes(public, application) == []


def test_recent_joint_project_within_the_lookback(call, application, nl_partner, users):
    employer = company("Grensadvies BV", "BE", user=make_user("boss@grensadvies.be", "applicant"))
    expert = make_assessor("expert@independent.example", "BE", employer=employer)
    lookback = call.programme.conflict_lookback_years
    assert lookback == 3

    # Together with the NL partner, but long ago and in a draft: no conflict.
    make_application(
        call, employer, nl_partner, title="Old project", submitted_at=timezone.now() - dt.timedelta(days=365 * 4)
    )
    make_application(call, employer, nl_partner, title="Draft", status=ApplicationStatus.DRAFT)
    assert codes(expert, application) == []

    make_application(
        call, employer, nl_partner, title="Recent project", submitted_at=timezone.now() - dt.timedelta(days=365)
    )
    assert codes(expert, application) == ["recent_joint_project"]
    assert conflict_pairs([expert], [application]) == {(expert.pk, application.pk)}


def test_a_declared_conflict_declines_the_assignment(application, assessor):
    make_eligible(application)
    assignment = invite(application, assessor, declared=None)
    with pytest.raises(AssessmentError):  # a conflict needs an explanation
        conflict_declare(actor=assessor, assignment=assignment, has_conflict=True, explanation=" ")
    conflict_declare(actor=assessor, assignment=assignment, has_conflict=True, explanation="I advise the lead.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert codes(assessor, application) == ["declared"]
    assert list(AuditEvent.objects.filter(actor=assessor).values_list("verb", flat=True).order_by("id")) == [
        "conflict.declare",
        "assignment.decline",
    ]
    with pytest.raises(AssessmentError):  # once only
        conflict_declare(actor=assessor, assignment=assignment, has_conflict=False)


def test_only_the_invited_assessor_declares(application, assessor):
    other = make_assessor("other@assessors-nl.example", "NL")
    assignment = invite(application, assessor, declared=None)
    with pytest.raises(AssessmentError):
        conflict_declare(actor=other, assignment=assignment, has_conflict=False)
    assert not ConflictDeclaration.objects.exists()


# --- enforcement on every view and endpoint ------------------------------------------------------------------------

API_LIST = "/api/v1/assessment/assignments/"


def api_application(assignment) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/assessment/assignments/{assignment.pk}/application/"


@pytest.fixture(params=["declared", "detected"])
def conflicted(request, application, nl_partner, client):  # type: ignore[no-untyped-def]
    """An assessor with a conflict on `application`: declared (assignment declined) or found automatically after
    declaring none (works for the NL partner). Logged in."""
    make_eligible(application)
    if request.param == "declared":
        expert = make_assessor("declared@assessors-be.example", "BE")
        assignment = invite(application, expert, declared=True)
    else:
        expert = make_assessor("detected@assessors-nl.example", "NL", employer=nl_partner)
        assignment = invite(application, expert, declared=False)
    client.force_login(expert)
    return assignment


def score_post(application) -> dict:  # type: ignore[no-untyped-def]
    data = {"action": "submit"}
    for criterion in application.call.criteria.all():
        data[f"score-{criterion.code}"] = "7"
        data[f"justification-{criterion.code}"] = "Good."
    return data


def test_conflicted_assessor_is_refused_everywhere(client, conflicted, application):
    detail = reverse("assessment:assignment_detail", args=[conflicted.pk])
    response = client.get(detail)
    assert response.status_code == 403 and response.context["reason"]
    assert application.title not in response.content.decode()
    response = client.post(detail, score_post(application))
    assert response.status_code == 403
    assert not Score.objects.exists()

    for url in (reverse("assessment:my_assignments"), reverse("assessment:my_assignments_export")):
        response = client.get(url)
        assert response.status_code == 200
        assert application.title not in response.content.decode()
    assert reverse("assessment:my_assignments_export").endswith(".csv")

    listed = client.get(API_LIST)
    assert listed.status_code == 200
    assert application.title not in listed.content.decode()
    assert [a["application"] for a in listed.json()["assignments"]] == [None]

    opened = client.get(api_application(conflicted))
    assert opened.status_code == 403
    assert application.title not in opened.content.decode()

    with pytest.raises(AssessmentError):
        scores_save(
            actor=conflicted.assessor,
            assignment=conflicted,
            values={c.code: ("7", "Good.") for c in application.call.criteria.all()},
            submit=False,
        )
    assert not Score.objects.exists()


def test_someone_elses_assignment_does_not_exist(client, application, assessor):
    make_eligible(application)
    theirs = invite(application, make_assessor("owner@assessors-nl.example", "NL"))
    client.force_login(assessor)
    assert client.get(reverse("assessment:assignment_detail", args=[theirs.pk])).status_code == 404
    assert (
        client.post(reverse("assessment:assignment_detail", args=[theirs.pk]), score_post(application)).status_code
        == 404
    )
    assert client.get(api_application(theirs)).status_code == 404
    assert client.get(API_LIST).json() == {"assignments": []}


def test_before_declaring_only_title_and_partner_names_are_shown(client, application, assessor):
    make_eligible(application)
    assignment = invite(application, assessor, declared=None)
    client.force_login(assessor)
    url = reverse("assessment:assignment_detail", args=[assignment.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "assessment/declaration.html"
    assert application.title in html and "Kempense Warmte BV" in html and "Polderdata BV" in html
    assert "Confidential" not in html and "score-innovation" not in html

    # Scores posted before the declaration are not taken; the list shows no title yet, the API no application.
    assert client.post(url, score_post(application)).status_code == 400
    assert not Score.objects.exists()
    assert application.title not in client.get(reverse("assessment:my_assignments")).content.decode()
    assert application.title not in client.get(reverse("assessment:my_assignments_export")).content.decode()
    assert client.get(api_application(assignment)).status_code == 403

    # Declaring no conflict opens the application.
    assert client.post(url, {"has_conflict": "no"}).status_code == 302
    html = client.get(url).content.decode()
    assert "Confidential summary text." in html and 'name="score-innovation"' in html
    assert client.get(api_application(assignment)).json()["title"] == application.title
    assert application.title in client.get(reverse("assessment:my_assignments_export")).content.decode()


def test_declaring_a_conflict_through_the_page(client, application, assessor):
    make_eligible(application)
    assignment = invite(application, assessor, declared=None)
    client.force_login(assessor)
    url = reverse("assessment:assignment_detail", args=[assignment.pk])
    missing = client.post(url, {"has_conflict": "yes", "explanation": ""})
    assert missing.status_code == 400 and "explanation" in missing.context["form"].errors
    response = client.post(url, {"has_conflict": "yes", "explanation": "My brother runs the lead."})
    assert response.status_code == 302 and response["Location"] == reverse("assessment:my_assignments")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DECLINED
    assert client.get(url).status_code == 403


def test_a_member_of_a_partner_company_is_conflicted_even_with_a_public_mailbox(application, be_lead):
    expert = make_assessor("jan.expert@gmail.com", "BE")
    assert conflicts_of(expert, application) == []
    CompanyMembership.objects.create(user=expert, company=be_lead, role="member")
    assert [c.code for c in conflicts_of(expert, application)] == ["same_company"]


def test_a_detected_conflict_hides_even_the_declaration_page(client, application, nl_partner):
    make_eligible(application)
    expert = make_assessor("detected@assessors-nl.example", "NL", employer=nl_partner)
    assignment = invite(application, expert, declared=None)  # not declared yet
    client.force_login(expert)
    response = client.get(reverse("assessment:assignment_detail", args=[assignment.pk]))
    assert response.status_code == 403
    body = response.content.decode()
    assert application.title not in body and nl_partner.legal_name not in body


def test_scores_of_an_assessor_conflicted_after_submitting_do_not_count(client, application, nl_partner, users):
    make_eligible(application)
    fair = make_assessor("fair@assessors-be.example", "BE")
    late = make_assessor("late@assessors-nl.example", "NL")
    submit_scores(invite(application, fair), score="8")
    late_assignment = submit_scores(invite(application, late), score="2")
    late.assessor_profile.interests.set([nl_partner])  # a shareholding recorded after the scores
    client.force_login(users["secretariat"])
    page = client.get(reverse("assessment:consolidation", args=[application.pk]))
    assert [a.pk for a in page.context["data"]["conflicted"]] == [late_assignment.pk]
    spread = page.context["data"]["rows"][0]["spread"]
    assert spread.scores == (Decimal("8"),)  # only the fair assessor's score counts
    values = {c.code: ("8", "Zoals de onafhankelijke beoordelaar.") for c in application.call.criteria.all()}
    # One assessment is left: the call's rules are set aside with a recorded reason before the consensus.
    assessment_override_record(
        actor=users["secretariat"], application=application, reason="Geen andere beoordelaar beschikbaar."
    )
    consensus_record(actor=users["secretariat"], application=application, values=values)
    late_assignment.refresh_from_db()
    assert late_assignment.status == AssignmentStatus.CANCELLED
