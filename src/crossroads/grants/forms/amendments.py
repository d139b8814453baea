"""Forms of the amendment pages: one per kind, and the secretariat's decision. Amounts in the user's locale."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.applications.models import CostCategoryCode
from crossroads.companies.models import Company
from crossroads.core.fields import IsoDateField, LocalizedDecimalField

from ..models import AgreementPartner

MAX = Decimal("99999999999.99")


def _amount(label: Any, initial: Decimal | None = None) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        max_digits=13,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=MAX,
        initial=initial,
        error_messages={"min_value": _("An amount cannot be negative.")},
    )


def _reason() -> forms.CharField:
    return forms.CharField(
        label=_("Why is the change needed?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The secretariat reads this when it decides."),
    )


class BudgetShiftForm(forms.Form):
    """Eligible costs per partner and category; a partner that is not the lead sees only its own lines."""

    def __init__(self, *args: Any, members: list[AgreementPartner], budget: dict[int, dict[str, Decimal]], **kw: Any):
        super().__init__(*args, **kw)
        self.members = members
        for member in members:
            for code, label in CostCategoryCode.choices:
                self.fields[f"line_{member.pk}_{code}"] = _amount(
                    _("%(company)s: %(category)s (€)") % {"company": member.company, "category": label},
                    budget.get(member.pk, {}).get(code, Decimal("0.00")),
                )
        self.fields["reason"] = _reason()

    def lines(self) -> dict[int, dict[str, Decimal]]:
        return {
            m.pk: {code: self.cleaned_data[f"line_{m.pk}_{code}"] for code in CostCategoryCode.values}
            for m in self.members
        }


class PartnerLeaveForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Partner who leaves"), coerce=int)
    left_on = IsoDateField(label=_("Leaves on"))
    reason = _reason()

    def __init__(self, *args: Any, members: list[AgreementPartner], **kw: Any):
        super().__init__(*args, **kw)
        self.members = {m.pk: m for m in members if not m.is_lead}
        self.fields["member"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a partner")),
            *((pk, str(m.company)) for pk, m in self.members.items()),
        ]


class PartnerJoinForm(forms.Form):
    company = forms.CharField(
        label=_("Enterprise number of the company that joins"),
        max_length=20,
        help_text=_("The company must be registered on the platform. Belgium: KBO number; Netherlands: KvK number."),
    )
    joined_on = IsoDateField(label=_("Joins on"))
    reason = _reason()

    def __init__(self, *args: Any, **kw: Any):
        super().__init__(*args, **kw)
        for code, label in CostCategoryCode.choices:
            self.fields[code] = _amount(_("%(category)s (€)") % {"category": label}, Decimal("0.00"))
        self.order_fields(["company", *CostCategoryCode.values, "joined_on", "reason"])

    def clean_company(self) -> Company:
        digits = re.sub(r"\D", "", self.cleaned_data["company"])
        if not digits:
            raise forms.ValidationError(_("Enter the enterprise number of a company registered on the platform."))
        for company in Company.objects.filter(enterprise_number__contains=digits[-4:]):
            if re.sub(r"\D", "", company.enterprise_number) == digits:
                return company
        raise forms.ValidationError(_("No company with this enterprise number is registered on the platform."))

    def costs(self) -> dict[str, Decimal]:
        return {code: self.cleaned_data[code] for code in CostCategoryCode.values}


class ExtensionForm(forms.Form):
    end_date = IsoDateField(label=_("New end date"))
    reason = _reason()


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the amendment")), ("reject", _("Reject the amendment"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a rejection; the partners read it."),
    )


FORMS = {
    "budget_shift": BudgetShiftForm,
    "partner_leave": PartnerLeaveForm,
    "partner_join": PartnerJoinForm,
    "extension": ExtensionForm,
}
