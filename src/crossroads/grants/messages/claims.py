"""The words of reporting and claiming: the findings of the live checks (`rules.claims`) as people read them, and the
e-mails (reminders, overdue notices, a submitted claim for finance, the review of a progress report).

Composers take ids and ISO dates only and read the database as it is when the mail goes out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.applications.labels import category_label
from crossroads.core.formatting import format_date, format_hours, format_integer, format_money, site_url
from crossroads.core.notifications import Email, message

from ..models import CostClaim, DocumentKind, ProgressReport, ReportingPeriod
from ..rules.claims import Finding

# The fields a line may miss, named as on the form.
FIELD_LABELS = {
    "person": gettext_lazy("person"),
    "work_from": gettext_lazy("worked from"),
    "work_to": gettext_lazy("worked until"),
    "hours": gettext_lazy("hours"),
    "supplier": gettext_lazy("supplier"),
    "invoice_number": gettext_lazy("invoice number"),
    "invoice_date": gettext_lazy("invoice date"),
    "paid_on": gettext_lazy("paid on"),
}

HOW_LABELS = {
    "document": gettext_lazy("the same document"),
    "invoice": gettext_lazy("the same supplier, invoice number and amount"),
}


def _kind(code: str) -> str:
    return str(DocumentKind(code).label) if code in DocumentKind.values else str(DocumentKind.OTHER.label)


def _method(code: str) -> str:
    from crossroads.programme.models import PersonnelCostMethod

    return str(PersonnelCostMethod(code).label) if code in PersonnelCostMethod.values else "–"


def _p(params: dict[str, Any]) -> dict[str, str]:
    """The parameters of a finding, formatted for reading."""
    out: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, dt.date):
            out[key] = format_date(value)
        elif key in ("rate", "allowed", "claimed", "budget", "over"):
            out[key] = format_money(value)
        elif key == "hours" or key == "max":
            out[key] = format_hours(value)
        elif key in ("year", "period"):
            out[key] = str(value)
        elif key == "category":
            out[key] = category_label(value)
        elif key == "kind":
            out[key] = _kind(value)
        elif key == "field":
            out[key] = str(FIELD_LABELS.get(value, value))
        elif key == "how":
            out[key] = str(HOW_LABELS.get(value, ""))
        elif key == "method":
            out[key] = _method(value)
        else:
            out[key] = str(value)
    return out


def _texts() -> dict[str, str]:
    return {
        "claim.empty": _("The claim has no lines yet."),
        "claim.hours_over_year": _(
            "%(person)s: %(hours)s claimed in %(year)s over all claims, more than the %(max)s a year allows."
        ),
        "claim.over_budget": _(
            "%(category)s: %(claimed)s claimed so far with this claim, %(over)s above the approved budget of "
            "%(budget)s."
        ),
        "line.field_missing": _("Fill in the %(field)s."),
        "line.work_period_reversed": _("The work period ends before it starts."),
        "line.outside_project": _("The date is outside the project period (%(start)s to %(end)s)."),
        "line.outside_period": _(
            "The date is outside this claim's period (%(start)s to %(end)s); check that it was not claimed before."
        ),
        "line.paid_in_future": _("Paid on %(paid_on)s: a cost is claimed only once it has been paid."),
        "line.paid_before_invoice": _("Paid on %(paid_on)s, before the invoice date %(invoice_date)s."),
        "line.category_not_budgeted": _("Not in your approved budget: %(category)s."),
        "line.rate_unknown": _(
            "The hourly rate cannot be worked out under the call's method (%(method)s): fill in the annual gross "
            "employment cost."
        ),
        "line.rate_above_method": _(
            "The hourly rate %(rate)s is above the %(allowed)s the call's method gives for this person."
        ),
        "line.document_missing": _("Document missing: %(kind)s."),
        "line.duplicate": _("Already claimed with %(how)s: project %(reference)s, period %(period)s, %(partner)s."),
    }


def finding_text(finding: Finding) -> str:
    """One finding in the active language."""
    text = _texts().get(finding.code)
    if text is None:
        return _("Check this line.")
    return text % _p(finding.params) if finding.params else text


def severity_label(severity: str) -> str:
    return _("Must be corrected") if severity == "error" else _("Check")


# ----------------------------------------------------------------------------------------------- e-mails


def _period_values(period_id: int) -> dict[str, str]:
    period = ReportingPeriod.objects.select_related("agreement__grant__application").get(pk=period_id)
    return {
        "reference": period.agreement.reference,
        "title": period.agreement.grant.application.title,
        "period": format_integer(period.number),
        "due": format_date(period.due_on),
        "start": format_date(period.starts_on),
        "end": format_date(period.ends_on),
    }


@message
def report_due(*, period_id: int) -> Email:
    """To the lead's members, `reminder_days_before` days before the report is due."""
    values = _period_values(period_id)
    values["link"] = site_url(reverse("grants:report", args=[period_id]))
    return Email(
        _("Reminder: progress report %(reference)s due %(due)s") % values,
        _(
            "The progress report of %(title)s (%(reference)s) for period %(period)s (%(start)s to %(end)s) is due "
            "on %(due)s. As the lead partner you write it for the consortium.\n\n%(link)s"
        )
        % values,
    )


@message
def claim_due(*, period_id: int, company: str) -> Email:
    """To a partner's members who have not submitted the period's claim yet."""
    values = {**_period_values(period_id), "company": company}
    values["link"] = site_url(reverse("grants:report", args=[period_id]))
    return Email(
        _("Reminder: cost claim %(reference)s due %(due)s") % values,
        _(
            "The cost claim of %(company)s for %(title)s (%(reference)s), period %(period)s (%(start)s to "
            "%(end)s), is due on %(due)s. Add your costs with their timesheets and invoices and submit the "
            "claim.\n\n%(link)s"
        )
        % values,
    )


@message
def report_overdue(*, period_id: int) -> Email:
    values = _period_values(period_id)
    values["link"] = site_url(reverse("grants:report", args=[period_id]))
    return Email(
        _("Overdue: progress report %(reference)s") % values,
        _(
            "The progress report of %(title)s (%(reference)s) for period %(period)s was due on %(due)s and has not "
            "been submitted. Please submit it as soon as possible, or contact the secretariat.\n\n%(link)s"
        )
        % values,
    )


@message
def claim_overdue(*, period_id: int, company: str) -> Email:
    values = {**_period_values(period_id), "company": company}
    values["link"] = site_url(reverse("grants:report", args=[period_id]))
    return Email(
        _("Overdue: cost claim %(reference)s") % values,
        _(
            "The cost claim of %(company)s for %(title)s (%(reference)s), period %(period)s, was due on %(due)s "
            "and has not been submitted. Costs that are not claimed cannot be paid.\n\n%(link)s"
        )
        % values,
    )


@message
def claim_submitted(*, claim_id: int) -> Email:
    """To finance: a claim waits for verification."""
    claim = CostClaim.objects.select_related("period__agreement", "agreement_partner__company").get(pk=claim_id)
    total = sum((line.amount for line in claim.lines.all()), Decimal("0.00"))
    values = {
        "reference": claim.period.agreement.reference,
        "period": format_integer(claim.period.number),
        "company": str(claim.agreement_partner.company),
        "total": format_money(total),
        "link": site_url(reverse("grants:claim", args=[claim.pk])),
    }
    return Email(
        _("Cost claim to verify: %(reference)s, %(company)s") % values,
        _("%(company)s submitted its cost claim for period %(period)s of %(reference)s: %(total)s.\n\n%(link)s")
        % values,
    )


@message
def report_reviewed(*, report_id: int) -> Email:
    """To the lead's members: the secretariat accepted the report or returned it with a comment."""
    report = ProgressReport.objects.select_related("period__agreement").get(pk=report_id)
    values = {
        "reference": report.period.agreement.reference,
        "period": format_integer(report.period.number),
        "comment": report.review_comment or "–",
        "link": site_url(reverse("grants:report", args=[report.period_id])),
    }
    if report.status == "accepted":
        return Email(
            _("Progress report accepted: %(reference)s, period %(period)s") % values,
            _("The secretariat accepted the progress report of period %(period)s.\n\n%(comment)s\n\n%(link)s") % values,
        )
    return Email(
        _("Progress report returned: %(reference)s, period %(period)s") % values,
        _(
            "The secretariat returned the progress report of period %(period)s for completion:\n\n%(comment)s\n\n"
            "Complete it and submit it again.\n\n%(link)s"
        )
        % values,
    )
