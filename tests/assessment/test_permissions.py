"""Who may open which page of the assessment: the secretariat (and admin) screen, assign, rank and decide; everybody
else gets a 403 that says why; anonymous visitors are sent to the login page; a decision and its letter are for
the application's partners and the secretariat (404 for anyone else); the JSON API answers 401 / 403 / 405."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from crossroads.assessment.models import Outcome
from crossroads.assessment.services import decisions as decision_services
from crossroads.assessment.services.ranking import ranking_freeze
from tests.conftest import make_user

from .conftest import assessed, invite, make_eligible, set_consensus

pytestmark = pytest.mark.django_db

DENIED_ROLES = ["applicant", "adviser_be", "assessor", "finance"]


@pytest.fixture
def decided(application, users, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """`application` eligible, scored, ranked, frozen and approved, with its letter."""
    set_consensus(assessed(make_eligible(application)), "8", users["secretariat"])
    ranking_freeze(actor=users["secretariat"], call=application.call)
    with django_capture_on_commit_callbacks(execute=True):
        return decision_services.decision_record(
            actor=users["secretariat"], application=application, outcome=Outcome.APPROVE, reasons="Good."
        )


def secretariat_pages(decision) -> list[str]:  # type: ignore[no-untyped-def]
    application = decision.application
    call = application.call.pk
    return [
        reverse("assessment:call", args=[call]),
        reverse("assessment:screening", args=[application.pk]),
        reverse("assessment:assignment", args=[call]),
        reverse("assessment:consolidation", args=[application.pk]),
        reverse("assessment:ranking", args=[call]),
        reverse("assessment:meeting", args=[call]),
        reverse("assessment:decisions", args=[call]),
    ]


def secretariat_actions(decision) -> list[str]:  # type: ignore[no-untyped-def]
    call = decision.application.call.pk
    objection = decision_services.objection_lodge(
        actor=decision.application.lead_company.memberships.first().user, decision=decision, grounds="Unfair."
    )
    return [
        reverse("assessment:assignment_action", args=[call]),
        reverse("assessment:ranking_freeze", args=[call]),
        reverse("assessment:objection_resolve", args=[objection.pk]),
        reverse("assessment:grant_renounce", args=[decision.pk]),
        reverse("assessment:override", args=[decision.application.pk]),
    ]


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_secretariat_and_admin_open_every_management_page(client, decided, users, role):
    client.force_login(users[role])
    for url in secretariat_pages(decided):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_other_roles_are_refused_with_a_reason(client, decided, users, role):
    client.force_login(users[role])
    for url in secretariat_pages(decided):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.context["reason"], url
    for url in secretariat_actions(decided):
        assert client.post(url, {"action": "propose", "status": "upheld"}).status_code == 403, url
    decided.grant.refresh_from_db()
    assert decided.grant.renounced_at is None


def test_anonymous_visitors_are_sent_to_the_login_page(client, decided):
    for url in [
        *secretariat_pages(decided),
        reverse("assessment:my_assignments"),
        reverse("assessment:my_assignments_export"),
        reverse("assessment:assessor_profile"),
        reverse("assessment:decision_detail", args=[decided.pk]),
        reverse("assessment:decision_letter", args=[decided.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse(settings.LOGIN_URL)), url
    for url in secretariat_actions(decided):
        assert client.post(url).status_code == 302, url


@pytest.mark.parametrize("role", ["applicant", "secretariat", "adviser_be", "finance", "admin"])
def test_assessor_pages_are_for_assessors(client, users, role):
    client.force_login(users[role])
    for name in ("my_assignments", "my_assignments_export", "assessor_profile"):
        response = client.get(reverse(f"assessment:{name}"))
        assert response.status_code == 403 and response.context["reason"], name


def test_assessor_keeps_an_expertise_profile(client, users, programme):
    assessor = users["assessor"]
    client.force_login(assessor)
    url = reverse("assessment:assessor_profile")
    assert client.get(url).status_code == 200
    theme = programme.themes.first()
    response = client.post(
        url, {"country": "NL", "themes": [theme.pk], "expertise": "Hydrogen storage.", "languages_text": "NL, en"}
    )
    assert response.status_code == 302
    profile = assessor.assessor_profile
    assert (profile.country, profile.languages, list(profile.themes.all())) == ("NL", ["nl", "en"], [theme])


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("applicant", True),
        ("other_applicant", True),
        ("secretariat", True),
        ("admin", True),
        ("stranger", False),
        ("adviser_be", False),
        ("assessor", False),
        ("finance", False),
    ],
)
def test_decision_and_letter_for_partners_and_secretariat_only(client, decided, users, who, allowed):
    user = make_user("stranger@elsewhere.example", "applicant") if who == "stranger" else users[who]
    client.force_login(user)
    page = client.get(reverse("assessment:decision_detail", args=[decided.pk]))
    letter = client.get(reverse("assessment:decision_letter", args=[decided.pk]))
    if allowed:
        assert page.status_code == 200 and letter.status_code == 200
        assert letter["Content-Type"] == "application/pdf"
        assert b"".join(letter.streaming_content).startswith(b"%PDF")
    else:
        # Not found, as for the application itself: the page does not tell that the decision exists.
        assert page.status_code == 404 and letter.status_code == 404
        assert decided.application.title not in page.content.decode()


def test_only_partners_can_object(client, decided, users):
    client.force_login(users["secretariat"])
    url = reverse("assessment:decision_detail", args=[decided.pk])
    assert client.get(url).context["can_object"] is False
    assert client.post(url, {"grounds": "Not mine to object."}).status_code == 400
    assert not decided.objections.exists()


def test_json_api_401_for_anonymous_and_403_for_the_wrong_role(client, application, users):
    make_eligible(application)
    assignment = invite(application, users["assessor"])
    endpoints = [
        "/api/v1/assessment/assignments/",
        f"/api/v1/assessment/assignments/{assignment.pk}/application/",
        f"/api/v1/assessment/calls/{application.call.pk}/ranking/",
    ]
    for url in endpoints:
        response = client.get(url)
        assert response.status_code == 401 and response.json()["error"], url

    for role in ("secretariat", "applicant", "finance"):
        client.force_login(users[role])
        assert client.get(endpoints[0]).status_code == 403
        assert client.get(endpoints[1]).status_code == 403
    for role in ("assessor", "applicant", "adviser_be", "finance"):
        client.force_login(users[role])
        response = client.get(endpoints[2])
        assert response.status_code == 403 and response.json()["error"], role
    for role in ("secretariat", "admin"):
        client.force_login(users[role])
        assert client.get(endpoints[2]).status_code == 200


def test_json_api_reads_only_and_answers_json_for_ids_it_cannot_read(client, application, users):
    make_eligible(application)
    assignment = invite(application, users["assessor"])
    client.force_login(users["assessor"])
    url = f"/api/v1/assessment/assignments/{assignment.pk}/application/"
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)(url)
        assert response.status_code == 405 and response.json()["error"], method
    for path in ("/api/v1/assessment/assignments/abc/application/", "/api/v1/assessment/calls/null,null/ranking/"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"], path
