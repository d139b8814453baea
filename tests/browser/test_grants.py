"""Browser journey of the follow-up (issue #13 §7), in Dutch: a partner files a cost claim with a timesheet and an
invoice; a first finance user accepts one line and reduces the other with a reason; a second finance user approves
the payment (the first one is refused: four eyes); a SEPA payment order is made and the payment marked paid; the
partner sees the payment on its "my grant" page and opens the payment statement. Every page is checked with
axe-core (WCAG 2.1 A/AA)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.utils import translation

from crossroads.accounts.models import Role
from crossroads.core.formatting import format_date
from crossroads.grants.models import Agreement, ClaimLine, CostClaim, Payment, PaymentKind
from crossroads.grants.services.agreement import agreement_accept
from crossroads.grants.services.bank import bank_account_register
from tests.assessment.conftest import company
from tests.browser.conftest import assert_accessible, login, login_staff, logout
from tests.conftest import make_user
from tests.grants.conftest import approve, funded_application

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "BE68539007547034"
PERSONNEL_AMOUNT = Decimal("6000.00")  # 120 h x 50,00 (86.000,00 / 1.720 h, the call's annual-cost method)
REDUCED_TO = Decimal("1000.00")  # the consumables line of 1.250,50, reduced by finance
PAYABLE = Decimal("3500.00")  # 50 % of (6.000,00 + 1.000,00)
REASON = "De btw op deze factuur is terugvorderbaar en wordt daarom niet aanvaard."


def _year_back(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _into_the_past(agreement: Agreement) -> None:
    """The agreement starts a year earlier than the decision made it: period 1 has ended, so its costs are worked,
    invoiced and paid before today (a claim refuses a payment date in the future)."""
    agreement.start_date = _year_back(agreement.start_date)
    agreement.end_date = _year_back(agreement.end_date)
    agreement.save(update_fields=["start_date", "end_date"])
    for period in agreement.periods.all():
        period.starts_on = _year_back(period.starts_on)
        period.ends_on = _year_back(period.ends_on)
        period.due_on = _year_back(period.due_on)
        period.save(update_fields=["starts_on", "ends_on", "due_on"])


@pytest.fixture
def grant(programme: Any, users: dict[str, Any], settings: Any, tmp_path: Path) -> Agreement:
    """A running agreement (both partners accepted), moved a year back; the lead has a bank account in use and a
    second finance user exists."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call = programme.calls.get(code="crossroads-2026-1")
    lead = company("Kempense Warmte BV", "BE", user=users["applicant"])
    partner = company("Polderdata BV", "NL", user=users["other_applicant"])
    agreement = approve(funded_application(call, lead, partner), users["secretariat"])
    for member, user in zip(
        agreement.partners.order_by("-is_lead"), (users["applicant"], users["other_applicant"]), strict=True
    ):
        agreement_accept(actor=user, member=member, confirm=True)
    agreement.refresh_from_db()
    assert agreement.status == "running"
    _into_the_past(agreement)
    member = agreement.partners.get(is_lead=True)
    bank_account_register(
        actor=users["applicant"], member=member, holder="Kempense Warmte BV", iban="BE68 5390 0754 7034", bic="GKCCBEBB"
    )
    make_user("finance2@test.example", Role.FINANCE)
    return agreement


def _pdf(folder: Path, name: str) -> Path:
    """A small PDF the upload check accepts; each with its own content (the same file twice is a duplicate)."""
    path = folder / f"{name}.pdf"
    path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    return path


def test_partner_claims_finance_verifies_and_pays_partner_sees_the_payment(page, live_server, grant, tmp_path):
    base = live_server.url
    claim = partner_files_a_claim(page, base, grant, tmp_path)
    payment = first_finance_user_verifies(page, base, claim)
    second_finance_user_approves_orders_and_pays(page, base, payment)
    partner_sees_the_payment(page, base, grant, payment)


# ---------------------------------------------------------------------------------------------- the partner


def partner_files_a_claim(page: Any, base: str, agreement: Agreement, folder: Path) -> CostClaim:
    """From the my-grant page to period 1, the claim started; a personnel line with its timesheet and a consumables
    line with its invoice and proof of payment, amounts typed the Dutch way; submitted."""
    period = agreement.periods.get(number=1)
    login(page, base, "applicant@test.example")
    page.goto(f"{base}/grants/{agreement.pk}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)
    page.get_by_test_id("period-1").get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/grants/periods/{period.pk}/"))
    page.locator(f"form[action$='/periods/{period.pk}/claim/'] button[type=submit]").click()
    page.wait_for_url(re.compile(r"/grants/claims/\d+/$"))
    claim = CostClaim.objects.get(period=period, agreement_partner__is_lead=True)
    assert claim.status == "draft"
    assert_accessible(page)

    personnel = add_line(
        page,
        {
            "^(Kostencategorie|Cost category)": "personnel",
            "^(Omschrijving|Description)": "Ingenieur warmtenet",
            "^(Persoon|Person)": "Jan Peeters",
            "^(Gewerkt van|Worked from)": period.starts_on.isoformat(),
            "^(Gewerkt tot en met|Worked until)": period.ends_on.isoformat(),
            "^(Uren|Hours)": "120",
            "^(Jaarlijkse bruto loonkosten|Annual gross employment cost)": "86.000,00",
        },
    )
    upload(page, personnel, "timesheet", _pdf(folder, "timesheet-jan-peeters"))
    consumables = add_line(
        page,
        {
            "^(Kostencategorie|Cost category)": "consumables",
            "^(Omschrijving|Description)": "Temperatuursensoren",
            "^(Leverancier|Supplier)": "Sensoren NV",
            "^(Factuurnummer|Invoice number)": "F-2026-0042",
            "^(Factuurdatum|Invoice date)": (period.starts_on + dt.timedelta(days=30)).isoformat(),
            "^(Betaald op|Paid on)": (period.starts_on + dt.timedelta(days=45)).isoformat(),
            "^(Gedeclareerd bedrag|Amount claimed)": "1.250,50",
        },
    )
    upload(page, consumables, "invoice", _pdf(folder, "factuur-F-2026-0042"))
    upload(page, consumables, "proof_of_payment", _pdf(folder, "betaalbewijs-F-2026-0042"))

    personnel.refresh_from_db()
    consumables.refresh_from_db()
    assert personnel.amount == PERSONNEL_AMOUNT and personnel.hourly_rate == Decimal("50.00")
    assert consumables.amount == Decimal("1250.50")  # "1.250,50" read as Dutch, not as 1,25050
    total = page.get_by_test_id("claim-total").inner_text()
    assert "7.250,50" in total, total
    assert "6.000,00" in page.locator(f"#line-{personnel.pk}").inner_text()
    assert page.locator(".finding-error").count() == 0, page.locator(".findings").all_inner_texts()
    assert_accessible(page)

    page.locator("#submit button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/grants/claims/{claim.pk}/$"))
    claim.refresh_from_db()
    assert claim.status == "submitted"
    assert page.locator("#add").count() == 0  # a submitted claim is no longer changed
    assert_accessible(page)
    logout(page, base)
    return claim


def add_line(page: Any, fields: dict[str, str]) -> ClaimLine:
    """Fill the "add a cost" form (label pattern -> value; the category is chosen by its code) and add it."""
    form = page.locator("#add")
    for label, value in fields.items():
        field = form.get_by_label(re.compile(label))
        if label.startswith("^(Kostencategorie"):
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/grants/claims/\d+/#line-\d+$"))
    line_pk = int(page.url.rsplit("#line-", 1)[1])
    return ClaimLine.objects.get(pk=line_pk)


def upload(page: Any, line: ClaimLine, kind: str, path: Path) -> None:
    article = page.locator(f"#line-{line.pk}")
    article.get_by_label(re.compile("^(Soort document|Kind of document)")).select_option(kind)
    article.get_by_label(re.compile("^(Bestand|File)")).set_input_files(str(path))
    article.get_by_role("button", name=re.compile("^(Uploaden|Upload)")).click()
    page.wait_for_url(re.compile(rf"/grants/claims/\d+/#line-{line.pk}$"))
    assert line.documents.filter(kind=kind, original_name=path.name).exists()
    assert path.name in page.locator(f"#line-{line.pk}").inner_text()


# ---------------------------------------------------------------------------------------------- finance


def first_finance_user_verifies(page: Any, base: str, claim: CostClaim) -> Payment:
    """The worklist, the claim: the personnel line accepted, the consumables line reduced with a reason; the
    verification completed proposes the payment. The verifier may not approve it."""
    personnel = claim.lines.get(category="personnel")
    consumables = claim.lines.get(category="consumables")
    login_staff(page, base, "finance@test.example")
    page.goto(f"{base}/grants/finance/")
    row = page.get_by_test_id(f"claim-{claim.pk}")
    assert "7.250,50" in row.inner_text()
    assert_accessible(page)
    row.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/grants/finance/claims/{claim.pk}/$"))
    assert_accessible(page)

    decide(page, personnel, r"(Aanvaarden|Accept)\s*$")
    decide(page, consumables, r"(Verminderen|Reduce)\s*$", amount="1.000,00", reason=REASON)
    personnel.refresh_from_db()
    consumables.refresh_from_db()
    assert (personnel.decision, personnel.accepted_amount) == ("accepted", PERSONNEL_AMOUNT)
    assert (consumables.decision, consumables.accepted_amount, consumables.decision_reason) == (
        "reduced",
        REDUCED_TO,
        REASON,
    )
    assert REASON in page.get_by_test_id(f"line-{consumables.pk}").inner_text()
    assert "1.000,00" in page.get_by_test_id(f"line-{consumables.pk}").inner_text()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("^(Controle afronden|Complete the verification)")).click()
    page.wait_for_url(re.compile(rf"/grants/finance/claims/{claim.pk}/$"))
    claim.refresh_from_db()
    assert claim.status == "verified"
    payment = Payment.objects.get(claim=claim)
    assert (payment.kind, payment.status, payment.amount) == (PaymentKind.INTERIM, "proposed", PAYABLE)
    assert "3.500,00" in page.locator(f"main a[href$='/finance/payments/{payment.pk}/']").inner_text()
    assert_accessible(page)

    # Four eyes: on the payment page the verifier has no approve button but the reason; a forged POST is refused.
    page.locator(f"main a[href$='/finance/payments/{payment.pk}/']").click()
    page.wait_for_url(re.compile(rf"/grants/finance/payments/{payment.pk}/$"))
    assert page.locator(f"form[action$='/payments/{payment.pk}/approve/']").count() == 0
    assert page.locator("main p.message[role=status]").inner_text().strip()
    assert_accessible(page)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    refused = page.request.post(
        f"{base}/grants/finance/payments/{payment.pk}/approve/",
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
    )
    assert refused.status == 403
    payment.refresh_from_db()
    assert payment.status == "proposed"
    logout(page, base)
    return payment


def decide(page: Any, line: ClaimLine, decision: str, *, amount: str = "", reason: str = "") -> None:
    section = page.get_by_test_id(f"line-{line.pk}")
    section.get_by_label(re.compile(decision)).check()
    if amount:
        section.get_by_label(re.compile("^(Aanvaard bedrag|Accepted amount)")).fill(amount)
    if reason:
        section.get_by_label(re.compile("^(Reden|Reason)")).fill(reason)
    section.get_by_role("button", name=re.compile("^(Beslissing opslaan|Save the decision)")).click()
    page.wait_for_url(re.compile(rf"/grants/finance/claims/\d+/#line-{line.pk}$"))


def second_finance_user_approves_orders_and_pays(page: Any, base: str, payment: Payment) -> None:
    """A second finance user approves; the payment order's SEPA file (pain.001) pays the partner's IBAN; the
    payment is marked paid."""
    login_staff(page, base, "finance2@test.example")
    page.goto(f"{base}/grants/finance/payments/{payment.pk}/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^(Betaling goedkeuren|Approve the payment)")).click()
    page.wait_for_url(re.compile(rf"/grants/finance/payments/{payment.pk}/$"))
    payment.refresh_from_db()
    assert payment.status == "approved"
    assert payment.approved_by is not None and payment.approved_by.email == "finance2@test.example"
    assert CostClaim.objects.get(payments=payment).status == "approved"

    page.goto(f"{base}/grants/finance/orders/new/")
    assert "3.500,00" in page.locator("main table").inner_text()
    assert_accessible(page)
    page.locator(f"input[name=payments][value='{payment.pk}']").check()
    page.get_by_role("button", name=re.compile("^(Betaalopdracht maken|Make the payment order)")).click()
    page.wait_for_url(re.compile(r"/grants/finance/payments/$"))
    payment.refresh_from_db()
    assert payment.status == "ordered" and payment.order is not None
    assert_accessible(page)

    with page.expect_download() as download:
        page.locator(f"main a[href$='/finance/orders/{payment.order.pk}/sepa.xml']").click()
    xml = Path(download.value.path()).read_text(encoding="utf-8")
    assert "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" in xml
    assert f"<IBAN>{IBAN}</IBAN>" in xml
    assert ">3500.00<" in xml

    page.goto(f"{base}/grants/finance/payments/{payment.pk}/")
    page.get_by_role("button", name=re.compile("^(Markeren als betaald|Mark as paid)")).click()
    page.wait_for_url(re.compile(rf"/grants/finance/payments/{payment.pk}/$"))
    payment.refresh_from_db()
    assert payment.status == "paid" and payment.paid_on is not None
    assert_accessible(page)
    logout(page, base)


# ---------------------------------------------------------------------------------------------- the partner again


def partner_sees_the_payment(page: Any, base: str, agreement: Agreement, payment: Payment) -> None:
    """The my-grant page shows the payment in Dutch (€ 3.500,00, paid); the statement PDF opens."""
    member = payment.agreement_partner
    statement = f"/grants/payments/{payment.pk}/statement.pdf"
    paid_mails = [m for m in mail.outbox if "applicant@test.example" in m.to and statement in m.body]
    assert paid_mails, "the partner is e-mailed a link to the payment statement"

    login(page, base, "applicant@test.example")
    page.goto(f"{base}/grants/{agreement.pk}/")
    row = page.get_by_test_id(f"payments-{member.pk}").locator("tbody tr", has=page.locator(f"a[href$='{statement}']"))
    text = row.inner_text()
    assert "€ 3.500,00" in text, text
    with translation.override("nl"):
        assert format_date(payment.paid_on) in text, text  # the day it was paid, dd-mm-yyyy
    assert "7.000,00" in text, text  # why this amount: the grant rate of the accepted costs (€ 7.000,00)
    assert "€ 3.500,00" in page.get_by_test_id(f"paid-{member.pk}").inner_text()
    assert_accessible(page)

    with page.expect_download() as download:
        row.locator(f"a[href$='{statement}']").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    response = page.request.get(base + statement)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
