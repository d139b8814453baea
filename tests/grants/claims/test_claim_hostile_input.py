"""Hostile and absurd input on the claim and report forms: a message at the field, the draft kept, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from crossroads.grants.models import ClaimDocument, ClaimLine

from .conftest import SUMMER, at, start

pytestmark = pytest.mark.django_db

INVOICE = {"category": "consumables", "supplier": "S", "invoice_number": "1", "invoice_date": "2027-03-01",
           "paid_on": "2027-03-02", "amount": "10"}  # fmt: skip
PERSON = {"category": "personnel", "person": "Jan", "work_from": "2027-01-01", "work_to": "2027-06-30",
          "hours": "100", "annual_cost": "86000"}  # fmt: skip


@pytest.fixture
def page(client, running, users):  # type: ignore[no-untyped-def]
    claim, user = start(running, users)
    client.force_login(user)
    return claim, reverse("grants:claim", args=[claim.pk])


@pytest.mark.parametrize(
    ("base", "field", "value"),
    [
        (INVOICE, "amount", "1e400"),
        (INVOICE, "amount", "99999999999999999999,99"),
        (INVOICE, "amount", "-5"),
        (INVOICE, "amount", "1.2.3,4,5"),
        (INVOICE, "amount", "NaN"),
        (INVOICE, "amount", "\x00"),
        (INVOICE, "invoice_date", "31-02-2027"),
        (INVOICE, "paid_on", "99999-01-01"),
        (INVOICE, "category", "bribes"),
        (PERSON, "hours", str(10**20)),
        (PERSON, "hours", "Infinity"),
        (PERSON, "annual_cost", "٣٠٠٠"),
        (PERSON, "work_to", "2026-12-31"),
        (PERSON, "hourly_rate", "1" * 50),
        (PERSON, "version", "9" * 40),
    ],
)
def test_bad_input_is_refused_at_the_field(page, client, base, field, value):
    _claim, url = page
    with at(SUMMER):
        response = client.post(url, {**base, field: value})
    assert response.status_code == 400
    assert not ClaimLine.objects.exists()


def test_huge_hours_with_a_valid_form_never_make_an_error_page(page, client):
    _claim, url = page
    with at(SUMMER):
        response = client.post(url, {**PERSON, "hours": "99999,99", "annual_cost": "9999999999,99"})
    assert response.status_code in (302, 400)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.pdf", b""),
        ("fake.pdf", b"<html><script>alert(1)</script></html>"),
        ("word.docx", b"PK\x03\x04not really a zip"),
        ("x.exe", b"MZ\x90\x00"),
    ],
)
def test_bad_files_are_refused_at_the_field(page, client, name, content):
    claim, url = page
    with at(SUMMER):
        client.post(url, INVOICE)
        line = ClaimLine.objects.get()
        upload = reverse("grants:claim_document_add", args=[claim.pk, line.pk])
        response = client.post(upload, {"kind": "invoice", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert not ClaimDocument.objects.exists()


def test_a_line_of_another_claim_is_not_found(page, client, running, users):
    claim, _url = page
    other, partner = start(running, users, lead=False)
    with at(SUMMER):
        client.force_login(partner)
        client.post(reverse("grants:claim", args=[other.pk]), INVOICE)
        line = ClaimLine.objects.get(claim=other)
        client.force_login(users["applicant"])
        response = client.post(reverse("grants:claim_line", args=[claim.pk, line.pk]), INVOICE)
    assert response.status_code == 404


def test_report_indicators_with_nonsense(client, running, users):
    period = running.periods.get(number=1)
    client.force_login(users["applicant"])
    url = reverse("grants:report", args=[period.pk])
    for value in ("1e400", "-1", "abc", "9" * 40):
        response = client.post(url, {"action": "save", "deviations": "kept", "indicator_turnover": value})
        assert response.status_code == 400
        assert "kept" in response.content.decode()
    response = client.post(url, {"action": "submit", "deviations": "kept"})
    assert response.status_code == 400  # incomplete: the message at the field, the text kept
    assert "kept" in response.content.decode()
