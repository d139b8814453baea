"""The public showcase pages: what an anonymous visitor sees, and above all what they never see."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from crossroads.accounts.models import Role
from crossroads.assessment.models import Outcome
from crossroads.grants.models import Agreement, BankAccount
from crossroads.showcase.models import Edition, ProjectStory, StoryStatus
from tests.assessment.conftest import company, make_application, make_eligible, set_consensus
from tests.conftest import make_user
from tests.grants.conftest import funded_application

pytestmark = pytest.mark.django_db

SECRETS = (
    "GEHEIM-CONCEPT",  # the draft story
    "Confidential",  # the application's sections
    "Agreed.",  # the consensus rationale (scores)
    "Afgewezen Warmtepomp",  # a rejected application
    "Aangeboden Zonnedak",  # an agreement still on offer
    "BE68539007547034",  # an IBAN
    "applicant@test.example",  # a person's e-mail
    "Jan Peeters",  # a person named in the budget
    "86000",  # a salary
)


@pytest.fixture
def showcase(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]
    """One running project (with a secret draft story and a bank account), one offered, one rejected."""
    from crossroads.assessment.services import decisions
    from crossroads.assessment.services.ranking import ranking_freeze
    from crossroads.grants.services.agreement import agreement_accept

    secretariat = users["secretariat"]
    funded = funded_application(call, be_lead, nl_partner)
    offered = funded_application(call, be_lead, nl_partner, title="Aangeboden Zonnedak")
    outsider = make_user("outsider@test.example", Role.APPLICANT)
    other = company("Gentse Pompen BV", "BE", user=outsider)
    rejected = make_application(
        call, other, company("Tilburgse Pompen BV", "NL", user=outsider), title="Afgewezen Warmtepomp"
    )
    for application, score in ((funded, "8"), (offered, "8"), (rejected, "3")):
        set_consensus(make_eligible(application), score, secretariat)
    ranking_freeze(actor=secretariat, call=call)
    for application, outcome in ((funded, Outcome.APPROVE), (offered, Outcome.APPROVE), (rejected, Outcome.REJECT)):
        decisions.decision_record(
            actor=secretariat, application=application, outcome=outcome, reasons="Besluit.", conditions=""
        )
    running = Agreement.objects.get(grant__application=funded)
    for member, user in zip(
        running.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
    ):
        agreement_accept(actor=user, member=member, confirm=True)
    lead = running.partners.get(is_lead=True)
    BankAccount.objects.create(
        agreement_partner=lead, holder="Kempense Warmte BV", iban="BE68539007547034", bic="GKCCBEBB",
        status="active", registered_by=users["applicant"], registered_at=timezone.now(),
    )  # fmt: skip
    ProjectStory.objects.create(
        agreement=running,
        summary="GEHEIM-CONCEPT",
        story="GEHEIM-CONCEPT",
        published_summary="Warmte van bedrijven naar woonwijken.",
        published_at=timezone.now(),
        status=StoryStatus.DRAFT,
    )
    running.refresh_from_db()
    return running


def _pages(running: Agreement) -> list[str]:
    slug = running.reference.lower()
    return [
        reverse("core:home"),
        reverse("showcase:projects"),
        reverse("showcase:projects") + "?q=Warmte&status=running",
        reverse("showcase:projects") + "?q=Aangeboden",
        reverse("showcase:project", args=[slug]),
        reverse("showcase:editions"),
        reverse("showcase:contact"),
        reverse("showcase:contact") + "?country=BE&postcode=2440",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_private_field_appears_on_any_public_page(showcase, language):
    client = Client(headers={"accept-language": language})
    for page in _pages(showcase):
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        for secret in SECRETS:
            assert secret not in html, (page, secret)
    detail = client.get(reverse("showcase:project", args=[showcase.reference.lower()])).content.decode()
    assert "Warmte over de grens" in detail and "Warmte van bedrijven naar woonwijken." in detail
    assert "Kempense Warmte BV" in detail and "Polderdata BV" in detail


def test_an_offered_or_rejected_project_has_no_page(showcase, client):
    offered = Agreement.objects.exclude(pk=showcase.pk).get()
    assert client.get(reverse("showcase:project", args=[offered.reference.lower()])).status_code == 404
    assert client.get(reverse("showcase:project", args=["nonexistent-0001"])).status_code == 404


def test_the_detail_address_is_stable_and_case_insensitive(showcase, client):
    assert client.get(f"/projects/{showcase.reference.lower()}/").status_code == 200
    assert client.get(f"/projects/{showcase.reference}/").status_code == 200


def test_home_shows_the_offer_from_the_programme_data(showcase, client, programme):
    programme.max_grant_per_project = Decimal("300000.00")
    programme.max_duration_months = 30
    programme.save()
    with translation.override("en"):
        html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert "€300,000.00" in html.replace("\u00a0", "") or "300,000" in html
    assert "30 months" in html
    assert 'data-testid="headline"' in html and "Warmte over de grens" in html


def test_a_logged_in_user_keeps_the_dashboard(showcase, users):
    client = Client()
    client.force_login(users["applicant"])
    response = client.get("/")
    assert response.status_code == 200
    assert "portal/dashboard.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(
    "query",
    ["page=-1", "page=999999", "page=abc", "year=abc", "theme=nope", "call=x'--", "status=deleted", "country=DE",
     "q=" + "x" * 10000],
)  # fmt: skip
def test_absurd_query_strings_give_a_page_not_an_error(showcase, client, query):
    response = client.get(f"/projects/?{query}")
    assert response.status_code == 200


def test_filters(showcase, client, programme):
    theme = showcase.grant.application.themes.first()
    year = showcase.start_date.year

    def count(query: str) -> int:
        return client.get(f"/projects/?{query}").context["total"]

    assert count("") == 1
    assert count("q=Warmte") == 1 and count("q=Zonnedak") == 0
    assert count("status=running") == 1 and count("status=finished") == 0
    assert count("country=NL") == 1
    assert count(f"year={year}") == 1
    assert count(f"call={showcase.grant.application.call.code}") == 1
    if theme is not None:
        assert count(f"theme={theme.code}") == 1


def test_editions_are_loaded_with_sources_and_the_conflict_is_stated():
    editions = {e.code: e for e in Edition.objects.all()}
    assert set(editions) >= {"crossroads-2010-2014", "crossroads2-2016-2020", "crossroads-2023-2029"}
    cr2 = editions["crossroads2-2016-2020"]
    assert cr2.projects == 118 and cr2.companies == 202
    assert "75" in cr2.notes_en and "43" in cr2.notes_en
    assert all(s["url"].startswith("http") for e in editions.values() for s in e.sources)
    assert editions["crossroads-2023-2029"].is_current


def test_editions_page_shows_live_figures_for_the_current_edition(showcase, client):
    with translation.override("en"):
        html = client.get("/editions/", headers={"accept-language": "en"}).content.decode()
    assert "CrossRoads2 Sustainable Energy" in html
    assert "75 innovation projects and 43 feasibility studies" in html
    assert "https://www.crossroads2.eu/crossroads2/project-crossroads2" in html


@pytest.mark.parametrize("url", ["/projects/", "/", "/editions/", "/projects/?q=Warmte&country=NL"])
def test_query_count_does_not_grow_with_the_projects_listed(showcase, users, django_assert_max_num_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from crossroads.grants.services.agreement import agreement_accept

    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    offered = Agreement.objects.exclude(pk=showcase.pk).get()
    for member, user in zip(
        offered.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
    ):
        agreement_accept(actor=user, member=member, confirm=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert url == "/editions/" or "Aangeboden Zonnedak" in response.content.decode()
