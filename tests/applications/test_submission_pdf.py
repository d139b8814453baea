"""The submission PDF every partner receives: the whole application, every code labelled, in the lead's language,
figures formatted the language's way; no codes, no None, no empty bullet, no Python dict or list."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile

from crossroads.applications import services
from crossroads.applications.models import Attachment, BudgetLine
from crossroads.applications.pdf import lead_language, submission_pdf_html

from .conftest import sign

pytestmark = pytest.mark.django_db

CODES_EVERYWHERE = ("cross_border", "de_minimis", "non_primary_recipient", "annual_accounts", "new_products", "None")
CODES_IN_DUTCH = ("core", "consumables", "external", "personnel", "energy", "sme", "oim", "truthful", "summary")


@pytest.fixture
def submitted(ready, users):  # type: ignore[no-untyped-def]
    application = ready["application"]
    lead, partner = ready["lead"], ready["partner"]
    BudgetLine.objects.create(
        partner=lead,
        category="personnel",
        description="Projectleider",
        person="Ingenieur warmte",
        annual_cost=Decimal("68000"),
        hours=Decimal("800.00"),
        hourly_rate=Decimal("39.53"),
        amount=Decimal("31624.00"),
    )
    BudgetLine.objects.create(
        partner=partner,
        category="external",
        description="Veldtest",
        supplier="Testlab NV",
        quotation_reference="OFF-12",
        amount=Decimal("12000"),
    )
    services.partner_update(
        actor=users["other_applicant"], partner=partner, data={"tasks": "Bouwt de testbank."}, version=1
    )
    application.sections = {code: f"Onze tekst, deel {n}." for n, code in enumerate(application.required_sections)}
    application.indicators = {"new_products": "2", "jobs": "3.5", "turnover": "750000.00"}
    application.save()
    services.work_package_save(
        actor=users["applicant"],
        application=application,
        title="Piloot",
        description="Installatie aan beide kanten.",
        effort={str(lead.pk): Decimal("6"), str(partner.pk): Decimal("4.5")},
    )
    for kind, name in (("annual_accounts", "jaarrekening.pdf"), ("quotations", "offerte.pdf")):
        Attachment.objects.create(
            application=application,
            kind=kind,
            file=ContentFile(b"%PDF-1.4", name=name),
            original_name=name,
            content_type="application/pdf",
            size=8,
            sha256=kind[0] * 64,
            uploaded_by=users["applicant"],
        )
    sign(lead, users["applicant"])
    sign(partner, users["other_applicant"])
    return services.application_submit(actor=users["applicant"], application=application, idempotency_key="pdf")


def _text(html: str) -> str:
    body = html.split("<body>", 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def _assert_clean(html: str, codes: tuple[str, ...]) -> None:
    text = _text(html)
    for code in codes:
        assert not re.search(rf"\b{re.escape(code)}\b", text), f"code {code!r} shown: {text}"
    assert not re.search(r"<li>\s*</li>", html)
    assert "{'" not in text and "['" not in text and "✓" not in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pdf_shows_the_whole_application_labelled(submitted, language):
    html = submission_pdf_html(submitted, language)
    _assert_clean(html, CODES_EVERYWHERE + (CODES_IN_DUTCH if language == "nl" else ()))
    text = _text(html)
    for expected in ("Kempense Warmte BV", "Polderdata BV", "Bouwt de testbank.", "Piloot", "jaarrekening.pdf"):
        assert expected in text
    assert "Testlab NV" in text and "OFF-12" in text
    assert f"test-call/{submitted.application_id}" in text


def test_pdf_in_english_formats_and_labels(submitted):
    text = _text(submission_pdf_html(submitted, "en"))
    assert "800 h × €39.53" in text
    assert "€750,000.00" in text
    assert "Everything in our part of the application is true and complete." in text
    assert "External costs and subcontracting" in text and "Personnel" in text
    assert "SME partner" in text
    assert "Belgium" in text and "Netherlands" in text
    assert "Last annual accounts" in text
    assert "Cross-border added value" in text
    assert "(Brussels time)" in text
    assert "24 months" in text


def test_pdf_in_dutch_formats_numbers_the_dutch_way(submitted):
    text = _text(submission_pdf_html(submitted, "nl"))
    assert "€ 39,53" in text and "800" in text and "800.00" not in text
    assert "€ 750.000,00" in text
    assert "4,5" in text  # person-months


def test_pdf_is_in_the_language_of_the_lead_who_submitted(submitted, users):
    users["applicant"].language = "en"
    users["applicant"].save()
    submitted.refresh_from_db()
    assert lead_language(submitted) == "en"
    assert 'lang="en"' in submission_pdf_html(submitted)
