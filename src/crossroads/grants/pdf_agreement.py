"""The grant agreement as a PDF (WeasyPrint, no network) in the reader's language: the parties with their
identifiers, the project and its period, the conditions, each partner's eligible budget per category and grant (the
approved version), the reports with their due dates, the payment rules and who accepted when.

`agreement_document` turns the records into what people read (every code labelled, every figure formatted in the
language); `agreement_pdf_html` renders it; `agreement_pdf` prints it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override

from crossroads.applications.models import CostCategoryCode
from crossroads.core.formatting import (
    format_brussels,
    format_date_long,
    format_money,
    format_months,
    format_share,
)

from .models import Agreement, AgreementPartner
from .selectors.budget import approved_budget, current_version, partner_grant

LANGUAGES = ("nl", "en")


def _address(member: AgreementPartner) -> str:
    office = member.company.project_establishment
    if office is None:
        return ""
    return f"{office.street}, {office.postcode} {office.city}"


def _identifiers(member: AgreementPartner) -> list[str]:
    company = member.company
    out = [
        _("Enterprise number %(number)s (%(country)s)")
        % {"number": company.enterprise_number, "country": company.get_country_display()}
    ]
    if company.vat_number:
        out.append(_("VAT number %(number)s") % {"number": company.vat_number})
    return out


def _acceptance(member: AgreementPartner) -> str:
    if member.accepted_at is None:
        return _("Not accepted yet")
    person = member.accepted_by
    name = (person.get_full_name() or person.email) if person is not None else ""
    if not name:
        return _("Accepted on %(moment)s") % {"moment": format_brussels(member.accepted_at)}
    return _("Accepted on %(moment)s by %(name)s") % {"moment": format_brussels(member.accepted_at), "name": name}


def _partner(member: AgreementPartner, version: Any) -> dict[str, Any]:
    budget = approved_budget(member, version)
    lines = [
        {"label": str(CostCategoryCode(code).label), "amount": format_money(amount)}
        for code, amount in budget.items()
        if amount
    ]
    total = sum(budget.values(), Decimal("0.00"))
    return {
        "name": member.company.display_name,
        "role": _("Lead partner") if member.is_lead else _("Partner"),
        "identifiers": _identifiers(member),
        "address": _address(member),
        "lines": lines,
        "total": format_money(total),
        "grant": format_money(partner_grant(member, version)),
        "acceptance": _acceptance(member),
    }


def _period(period: Any) -> dict[str, str]:
    return {
        "number": str(period.number),
        "kind": period.get_kind_display(),
        "from": format_date_long(period.starts_on),
        "to": format_date_long(period.ends_on),
        "due": format_date_long(period.due_on),
    }


def _payment_rules(agreement: Agreement, programme: Any) -> list[str]:
    rules = [
        _(
            "Each approved cost claim pays %(rate)s of the accepted eligible costs, never more than the partner's "
            "grant minus what it was already paid."
        )
        % {"rate": format_share(programme.grant_rate, 0)},
        _(
            "The final payment settles the balance after the final report; an amount paid too much is recovered "
            "from the partner."
        ),
    ]
    if agreement.advance_share:
        rules.insert(
            0,
            _(
                "When every partner has accepted this agreement, each partner receives an advance of %(share)s of "
                "its grant; it is deducted from the later payments."
            )
            % {"share": format_share(agreement.advance_share, 1)},
        )
    else:
        rules.insert(0, _("There is no advance payment."))
    rules.append(
        _(
            "Payments go to the bank account the partner registered; a change of account needs a second "
            "person's approval."
        )
    )
    return rules


def agreement_document(agreement: Agreement) -> dict[str, Any]:
    """What the PDF shows, in the active language."""
    application = agreement.grant.application
    call = application.call
    programme = call.programme
    version = current_version(agreement)
    members = list(agreement.partners.select_related("company", "accepted_by").filter(left_on__isnull=True))
    partners = [_partner(m, version) for m in members]
    total_grant = sum((partner_grant(m, version) for m in members), Decimal("0.00"))
    return {
        "reference": agreement.reference,
        "status": agreement.get_status_display(),
        "programme": programme.name,
        "granting_body": getattr(programme, "granting_body", "") or "",
        "call": call.name,
        "title": application.title,
        "acronym": application.acronym,
        "start": format_date_long(agreement.start_date),
        "end": format_date_long(agreement.end_date),
        "version": version.number if version else 1,
        "conditions": agreement.conditions.strip(),
        "partners": partners,
        "total_grant": format_money(total_grant),
        "periods": [_period(p) for p in agreement.periods.order_by("number")],
        "interval": format_months(agreement.report_interval_months),
        "interim_due": format_months(agreement.interim_report_due_months),
        "final_due": format_months(agreement.final_report_months),
        "payment_rules": _payment_rules(agreement, programme),
        "accepted_at": format_brussels(agreement.accepted_at) if agreement.accepted_at else "",
        "made_on": format_date_long(agreement.created_at),
    }


def agreement_pdf_html(agreement: Agreement, language: str) -> str:
    language = language if language in LANGUAGES else "nl"
    with override(language):
        return render_to_string(
            "grants/agreement/agreement_pdf.html", {"doc": agreement_document(agreement), "language": language}
        )


def agreement_pdf(agreement: Agreement, language: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=agreement_pdf_html(agreement, language)).write_pdf()
