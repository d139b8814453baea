"""The agreement as a PDF in the reader's language: parties with identifiers, period, budget per category, grant,
reports with due dates, payment rules and acceptance; every code labelled, every figure formatted."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from crossroads.grants.pdf_agreement import agreement_pdf_html

pytestmark = pytest.mark.django_db

CODES = ("personnel", "consumables", "external", "interim", "offered", "running", "None", "is_lead", "{{", "{%")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<style.*?</style>|<[^>]+>", " ", html, flags=re.S))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_html_has_no_codes(running, language):
    text = _text(agreement_pdf_html(running, language))
    for code in CODES:
        assert code not in text, code
    assert running.reference in text
    assert "Kempense Warmte BV" in text and "Polderdata BV" in text


def test_english_figures_dates_and_rules(running):
    text = _text(agreement_pdf_html(running, "en"))
    assert "€40,000.00" in text and "€20,000.00" in text and "€60,000.00" in text
    assert "1 January 2027" in text and "31 December 2028" in text
    assert "Personnel costs" in text or "Personnel" in text
    assert "50%" in text and "There is no advance payment." in text
    assert "Enterprise number" in text and "Accepted on" in text


def test_dutch_figures_and_dates(running):
    text = _text(agreement_pdf_html(running, "nl"))
    assert "€ 40.000,00" in text and "€ 60.000,00" in text
    assert "1 januari 2027" in text and "31 december 2028" in text
    assert "50 %" in text


def test_an_advance_is_stated(running):
    from decimal import Decimal

    running.advance_share = Decimal("0.2")
    running.save(update_fields=["advance_share"])
    assert "20.0%" in _text(agreement_pdf_html(running, "en"))


def test_the_partner_downloads_it_in_their_language(running, users):
    user = users["other_applicant"]
    user.language = "en"
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    response = client.get(reverse("grants:agreement_pdf", args=[running.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
