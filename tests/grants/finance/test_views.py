"""The finance pages per role: finance acts, the secretariat reads, applicants are refused; the verification page
keeps a bad amount at its field; exports neutralise formulas; the partner downloads its own statement and
documents only."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from crossroads.grants.models import Payment
from crossroads.grants.services import payments as services
from crossroads.grants.services.verification import claim_verify, line_decide

from .conftest import add_document, bank_account, make_claim

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def claim(lead, users):  # type: ignore[no-untyped-def]
    return make_claim(lead, users["applicant"], [("consumables", "1000.00"), ("consumables", "200.00")])


def _as(client, user):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["grants:finance", "grants:payments", "grants:payment_order"])
def test_worklists_per_role(client, english, claim, name) -> None:  # type: ignore[no-untyped-def]
    assert _as(client, english["finance"]).get(reverse(name)).status_code == 200
    assert _as(client, english["secretariat"]).get(reverse(name)).status_code == 200
    response = _as(client, english["applicant"]).get(reverse(name))
    assert response.status_code == 403
    assert "Only finance and the secretariat" in response.content.decode()


def test_verify_page_decides_a_line_and_keeps_a_bad_amount_at_its_field(client, english, claim) -> None:  # type: ignore[no-untyped-def]
    line = claim.lines.order_by("pk").first()
    page = reverse("grants:verify", args=[claim.pk])
    finance = _as(client, english["finance"])
    for hostile in ("abc", "1e5", "-5", "99999999999999999", "1000,00", "1.000,001"):
        response = finance.post(
            page,
            {
                "line": line.pk,
                f"line{line.pk}-decision": "reduced",
                f"line{line.pk}-amount": hostile,
                f"line{line.pk}-reason": "Too much",
            },
        )
        assert response.status_code == 400, hostile
        assert 'id="error-summary"' in response.content.decode()
    line.refresh_from_db()
    assert line.decision == "pending"
    response = finance.post(
        page,
        {
            "line": line.pk,
            f"line{line.pk}-decision": "reduced",
            f"line{line.pk}-amount": "750.50",
            f"line{line.pk}-reason": "Part is out of scope",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.decision, line.accepted_amount) == ("reduced", D("750.50"))


def test_secretariat_reads_but_does_not_decide(client, english, claim) -> None:  # type: ignore[no-untyped-def]
    line = claim.lines.first()
    secretariat = _as(client, english["secretariat"])
    assert secretariat.get(reverse("grants:verify", args=[claim.pk])).status_code == 200
    response = secretariat.post(
        reverse("grants:verify", args=[claim.pk]), {"line": line.pk, f"line{line.pk}-decision": "accepted"}
    )
    assert response.status_code == 403
    assert secretariat.post(reverse("grants:verify_complete", args=[claim.pk])).status_code == 403


def test_complete_verification_and_four_eyes_through_the_pages(client, english, claim, second_finance) -> None:  # type: ignore[no-untyped-def]
    finance = _as(client, english["finance"])
    for line in claim.lines.all():
        line_decide(actor=english["finance"], line=line, decision="accepted")
    response = finance.post(reverse("grants:verify_complete", args=[claim.pk]), {"note": ""})
    assert response.status_code == 302
    payment = Payment.objects.get(claim=claim)
    assert payment.amount == D("600.00")
    response = finance.post(reverse("grants:payment_approve", args=[payment.pk]))
    assert response.status_code == 403
    assert "second person" in response.content.decode()
    second_finance.language = "en"
    second_finance.save()
    response = _as(client, second_finance).post(reverse("grants:payment_approve", args=[payment.pk]))
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "approved"


def test_exports_neutralise_formulas(client, english, lead) -> None:  # type: ignore[no-untyped-def]
    application = lead.agreement.grant.application
    application.title = '=HYPERLINK("http://evil")'
    application.save(update_fields=["title"])
    make_claim(lead, english["applicant"], [("consumables", "10.00")])
    finance = _as(client, english["finance"])
    # The old ?format= links lead to the list's one export address, with its filters.
    csv_text = finance.get(reverse("grants:finance") + "?format=csv", follow=True).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    response = finance.get(reverse("grants:finance") + "?format=xlsx", follow=True)
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert finance.get(reverse("grants:payments") + "?format=csv", follow=True).status_code == 200


def test_statement_is_the_partners_own(client, english, lead, partner, second_finance) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, english["applicant"], [("consumables", "1000.00")])
    line_decide(actor=english["finance"], line=claim.lines.get(), decision="accepted")
    payment = claim_verify(actor=english["finance"], claim=claim)
    url = reverse("grants:payment_statement", args=[payment.pk])
    response = _as(client, english["applicant"]).get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    assert _as(client, english["other_applicant"]).get(url).status_code == 404
    assert _as(client, english["finance"]).get(url).status_code == 200


def test_statement_html_in_the_partners_language(lead, users) -> None:  # type: ignore[no-untyped-def]
    from crossroads.grants.pdf_payment import payment_statement_html

    claim = make_claim(lead, users["applicant"], [("consumables", "1000.00")])
    line_decide(actor=users["finance"], line=claim.lines.get(), decision="reduced", amount=D("800"), reason="Scope")
    payment = claim_verify(actor=users["finance"], claim=claim)
    html = payment_statement_html(payment, language="en")
    assert "Payment statement" in html and "€400.00" in html and "Scope" in html
    assert "{" not in html.split("<body>")[1].replace("{%", "")  # no dict repr


def test_finance_downloads_the_documents_from_the_verification_page(client, english, lead, partner) -> None:  # type: ignore[no-untyped-def]
    claim = make_claim(lead, english["applicant"], [("consumables", "10.00")])
    document = add_document(claim.lines.get(), english["applicant"])
    page = _as(client, english["finance"]).get(reverse("grants:verify", args=[claim.pk])).content.decode()
    url = reverse("grants:claim_document", args=[claim.pk, document.pk])  # the claims area's download
    assert url in page
    response = _as(client, english["finance"]).get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert _as(client, english["assessor"]).get(url).status_code == 404


def test_payment_order_page_makes_a_file(client, english, lead, second_finance) -> None:  # type: ignore[no-untyped-def]
    from crossroads.core import clock

    bank_account(lead, english["applicant"])
    claim = make_claim(lead, english["applicant"], [("consumables", "100.00")])
    line_decide(actor=english["finance"], line=claim.lines.get(), decision="accepted")
    payment = claim_verify(actor=english["finance"], claim=claim)
    services.payment_approve(actor=second_finance, payment=payment)
    finance = _as(client, english["finance"])
    today = clock.now().astimezone(clock.BRUSSELS).date().isoformat()
    response = finance.post(reverse("grants:payment_order"), {"execution_date": today, "payments": []})
    assert response.status_code == 400
    response = finance.post(reverse("grants:payment_order"), {"execution_date": today, "payments": [payment.pk]})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "ordered"
    file = finance.get(reverse("grants:payment_order_file", args=[payment.order_id]))
    assert file.status_code == 200 and b"pain.001.001.03" in file.content
    assert (
        _as(client, english["applicant"]).get(reverse("grants:payment_order_file", args=[payment.order_id])).status_code
        == 403
    )


def test_duplicates_are_shown_with_the_earlier_claim(client, english, lead, partner) -> None:  # type: ignore[no-untyped-def]
    earlier = make_claim(lead, english["applicant"], [("consumables", "10.00")])
    later = make_claim(partner, english["other_applicant"], [("consumables", "10.00")])
    later.lines.update(invoice_number=earlier.lines.get().invoice_number)
    finance = _as(client, english["finance"])
    worklist = finance.get(reverse("grants:finance")).content.decode()
    assert "1 line possibly claimed before" in worklist
    page = finance.get(reverse("grants:verify", args=[later.pk])).content.decode()
    assert "the same supplier, invoice number and amount" in page
    assert lead.company.display_name in page and "period 1" in page


def test_settlement_page(client, english, running) -> None:  # type: ignore[no-untyped-def]
    from crossroads.grants.states import AGREEMENT_STATES

    url = reverse("grants:settle", args=[running.pk])
    finance = _as(client, english["finance"])
    page = finance.get(url).content.decode()
    assert "The final settlement is made when the agreement is closing" in page
    AGREEMENT_STATES.move(running, "closing")
    running.save(update_fields=["status"])
    assert _as(client, english["secretariat"]).post(url).status_code == 403
    response = _as(client, english["finance"]).post(url)
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.status == "closed"  # nothing was claimed or paid: nothing to settle


def test_the_claim_checks_are_shown_to_finance(client, english, lead) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    claim = make_claim(lead, english["applicant"], [("consumables", "10.00")])
    claim.lines.update(invoice_date=dt.date(2020, 1, 1), paid_on=dt.date(2020, 1, 2))
    finance = _as(client, english["finance"])
    page = finance.get(reverse("grants:verify", args=[claim.pk])).content.decode()
    assert "outside the project period" in page
    assert "other point" in finance.get(reverse("grants:finance")).content.decode()
