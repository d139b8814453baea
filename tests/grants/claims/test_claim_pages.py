"""The claim and report pages per role: the partner's own members work on its claim, the secretariat, finance and
the region's adviser read it, anyone else does not learn it exists. Typed amounts in Dutch and English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.grants.models import ClaimLine
from tests.conftest import make_user

from .conftest import SUMMER, at, pdf, start

pytestmark = pytest.mark.django_db


def client_for(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


@pytest.fixture
def lead_claim_page(running, users):  # type: ignore[no-untyped-def]
    claim, _user = start(running, users)
    return claim


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("applicant", 200),
        ("secretariat", 200),
        ("finance", 200),
        ("adviser_be", 200),
        ("other_applicant", 404),
        ("adviser_nl", 200),  # the NL partner is in a province they cover: they see the project
        ("assessor", 404),
    ],
)
def test_who_sees_a_claim(client, users, lead_claim_page, who, status):
    response = client_for(client, users[who]).get(reverse("grants:claim", args=[lead_claim_page.pk]))
    assert response.status_code == status


def test_a_stranger_does_not_see_it(client, lead_claim_page):
    stranger = make_user("stranger@test.example", "applicant")
    assert client_for(client, stranger).get(reverse("grants:claim", args=[lead_claim_page.pk])).status_code == 404


def test_staff_read_but_do_not_add_lines(client, users, lead_claim_page):
    url = reverse("grants:claim", args=[lead_claim_page.pk])
    response = client_for(client, users["secretariat"]).post(url, {"category": "consumables", "amount": "10"})
    assert response.status_code == 403
    assert not ClaimLine.objects.exists()


@pytest.mark.parametrize(("language", "typed"), [("nl", "1.250,50"), ("en", "1,250.50")])
def test_amounts_typed_the_dutch_or_english_way(client, users, lead_claim_page, language, typed):
    user = users["applicant"]
    user.language = language
    user.save()
    url = reverse("grants:claim", args=[lead_claim_page.pk])
    data = {
        "category": "consumables",
        "supplier": "Sensoren NV",
        "invoice_number": "F-1",
        "invoice_date": "2027-03-01",
        "paid_on": "20-03-2027",
        "amount": typed,
    }
    with at(SUMMER), translation.override(language):
        response = client_for(client, user).post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert str(ClaimLine.objects.get().amount) == "1250.50"


def test_the_page_shows_the_checks_in_words(client, users, lead_claim_page):
    user = users["applicant"]
    user.language = "en"
    user.save()
    url = reverse("grants:claim", args=[lead_claim_page.pk])
    data = {"category": "consumables", "supplier": "S", "invoice_number": "1", "invoice_date": "2027-03-01",
            "paid_on": "2027-03-02", "amount": "10"}  # fmt: skip
    with at(SUMMER):
        client_for(client, user).post(url, data)
        page = client.get(url).content.decode()
    assert "Document missing: Invoice." in page and "Document missing: Proof of payment." in page
    assert "consumables" not in page.replace('value="consumables"', "")


def test_uploading_a_document(client, users, lead_claim_page):
    user = users["applicant"]
    client_for(client, user)
    url = reverse("grants:claim", args=[lead_claim_page.pk])
    data = {"category": "consumables", "supplier": "S", "invoice_number": "1", "invoice_date": "2027-03-01",
            "paid_on": "2027-03-02", "amount": "10"}  # fmt: skip
    with at(SUMMER):
        client.post(url, data)
        line = ClaimLine.objects.get()
        upload = reverse("grants:claim_document_add", args=[lead_claim_page.pk, line.pk])
        response = client.post(upload, {"kind": "invoice", "file": pdf("f1")})
    assert response.status_code == 302
    document = line.documents.get()
    assert len(document.sha256) == 64 and document.content_type == "application/pdf"
    download = client.get(reverse("grants:claim_document", args=[lead_claim_page.pk, document.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_claim_start_makes_the_draft_of_the_users_company(client, users, running):
    period = running.periods.get(number=1)
    with at(SUMMER):
        response = client_for(client, users["other_applicant"]).post(reverse("grants:claim_start", args=[period.pk]))
    assert response.status_code == 302
    claim = running.periods.get(number=1).claims.get()
    assert claim.agreement_partner.is_lead is False
    client.force_login(users["secretariat"])
    assert client.post(reverse("grants:claim_start", args=[period.pk])).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("applicant", 200), ("other_applicant", 200), ("secretariat", 200), ("adviser_be", 200), ("assessor", 404)],
)
def test_who_sees_the_report_page(client, users, running, who, status):
    period = running.periods.get(number=1)
    assert client_for(client, users[who]).get(reverse("grants:report", args=[period.pk])).status_code == status


def test_only_the_lead_saves_the_report(client, users, running):
    period = running.periods.get(number=1)
    url = reverse("grants:report", args=[period.pk])
    assert client_for(client, users["other_applicant"]).post(url, {"action": "save"}).status_code == 403
    client.force_login(users["applicant"])
    response = client.post(url, {"action": "save", "deviations": "Late delivery", "indicator_jobs": "1,5"})
    assert response.status_code == 302
    assert running.periods.get(number=1).report.indicator_values == {"jobs": "1.5"}


def test_review_is_for_the_secretariat(client, users, running):
    period = running.periods.get(number=1)
    url = reverse("grants:report_review", args=[period.pk])
    assert client_for(client, users["applicant"]).post(url, {"decision": "accept"}).status_code == 403


@pytest.mark.parametrize(
    ("who", "status"),
    [("secretariat", 200), ("adviser_be", 200), ("applicant", 403), ("finance", 403), ("assessor", 403)],
)
def test_the_overdue_list(client, users, running, who, status):
    assert client_for(client, users[who]).get(reverse("grants:overdue")).status_code == status
