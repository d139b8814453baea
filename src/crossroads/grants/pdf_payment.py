"""The payment statement as a PDF (WeasyPrint, no network), in the reader's language: which payment, why this
amount, the claim's lines as finance decided them, and the partner's grant reconciled."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import override

from crossroads.core import clock

from .models import Payment
from .selectors.finance import explanation_text, reconciliation


def payment_statement_html(payment: Payment, *, language: str) -> str:
    member = payment.agreement_partner
    agreement = member.agreement
    application = agreement.grant.application
    with override(language):
        lines = list(payment.claim.lines.all()) if payment.claim is not None else []
        return render_to_string(
            "grants/finance/statement.html",
            {
                "payment": payment,
                "member": member,
                "company": member.company,
                "agreement": agreement,
                "application": application,
                "programme": application.call.programme,
                "explanation": explanation_text(payment),
                "lines": lines,
                "reconciliation": reconciliation(member),
                "today": clock.now().astimezone(clock.BRUSSELS).date(),
                "language": language,
            },
        )


def payment_statement_pdf(payment: Payment, *, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=payment_statement_html(payment, language=language)).write_pdf()
