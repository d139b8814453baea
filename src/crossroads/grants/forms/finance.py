"""Forms of finance: a line decision, the verification's completion or return, a payment order, paid / returned."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import Country
from crossroads.core.fields import IsoDateField, LocalizedDecimalField

from ..models import ClaimStatus, LineDecision, PaymentKind, PaymentStatus

DECISIONS = [
    (LineDecision.ACCEPTED, _("Accept")),
    (LineDecision.REDUCED, _("Reduce")),
    (LineDecision.REJECTED, _("Reject")),
]


class LineDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    amount = LocalizedDecimalField(
        label=_("Accepted amount (when reduced)"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    reason = forms.CharField(
        label=_("Reason (required to reduce or reject)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Note of the verification (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What the partner must complete or correct"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrderForm(forms.Form):
    execution_date = IsoDateField(label=_("Execution date"))
    payments = forms.MultipleChoiceField(label=_("Payments"), widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["payments"]).choices = [(str(pk), label) for pk, label in choices]


class PaidForm(forms.Form):
    paid_on = IsoDateField(label=_("Paid on"))


class ReturnedForm(forms.Form):
    returned_on = IsoDateField(label=_("Returned on"))
    reason = forms.CharField(label=_("Reason given by the bank"), max_length=2000)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why is the payment cancelled?"), max_length=2000, widget=forms.Textarea)


class RepaidForm(forms.Form):
    repaid_on = IsoDateField(label=_("Repaid on"))


def _blank(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class ClaimFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    call = forms.CharField(label=_("Call (code)"), required=False, max_length=40)
    country = forms.ChoiceField(label=_("Country of the partner"), required=False, choices=())
    overdue = forms.BooleanField(label=_("Only claims past their period's due date"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        waiting = [c for c in ClaimStatus.choices if c[0] != ClaimStatus.DRAFT]
        cast(forms.ChoiceField, self.fields["status"]).choices = _blank(_("Waiting for finance")) + waiting
        cast(forms.ChoiceField, self.fields["country"]).choices = _blank(_("All")) + list(Country.choices)


class PaymentFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=())
    call = forms.CharField(label=_("Call (code)"), required=False, max_length=40)
    country = forms.ChoiceField(label=_("Country of the partner"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = _blank(_("All")) + list(PaymentStatus.choices)
        cast(forms.ChoiceField, self.fields["kind"]).choices = _blank(_("All")) + list(PaymentKind.choices)
        cast(forms.ChoiceField, self.fields["country"]).choices = _blank(_("All")) + list(Country.choices)
