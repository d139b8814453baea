"""Forms of the cost claim: a line (personnel or an invoice), a supporting document, the submission. Amounts, hours
and dates are read by the core fields (Dutch "1.250,50" or English "1,250.50"; ISO or day-month-year dates), so bad
input is a message at the field, never an error page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.applications.forms import VersionField
from crossroads.applications.models import CostCategoryCode
from crossroads.core.fields import IsoDateField, LocalizedDecimalField

from ..files import UploadRefused, check_document, max_upload_bytes, too_large
from ..models import DocumentKind

PERSONNEL_REQUIRED = ("person", "work_from", "work_to", "hours")
INVOICE_REQUIRED = ("supplier", "invoice_number", "invoice_date", "paid_on", "amount")
AMOUNT_INVALID = {"invalid": _("Enter an amount, for example 1.250,50 or 1250.50.")}


def _amount(label: Any, digits: int, **kwargs: Any) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=digits,
        decimal_places=2,
        error_messages=AMOUNT_INVALID,
        **kwargs,
    )


class HiddenVersionField(VersionField):
    """The optimistic-lock version, kept hidden (the core integer field would make its input a text box)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.input_type = "hidden"


class ClaimLineForm(forms.Form):
    version = HiddenVersionField()
    category = forms.ChoiceField(label=_("Cost category"), choices=CostCategoryCode.choices)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    person = forms.CharField(label=_("Person"), max_length=120, required=False)
    work_from = IsoDateField(label=_("Worked from"), required=False)
    work_to = IsoDateField(label=_("Worked until"), required=False)
    hours = LocalizedDecimalField(label=_("Hours"), required=False, min_value=0, max_digits=7, decimal_places=2)
    annual_cost = _amount(
        _("Annual gross employment cost"), 12, help_text=_("The last documented year: the hourly rate follows from it.")
    )
    hourly_rate = _amount(
        _("Hourly rate (optional)"), 10, help_text=_("Leave empty to use the rate of the call's method.")
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=60, required=False)
    invoice_date = IsoDateField(label=_("Invoice date"), required=False)
    paid_on = IsoDateField(label=_("Paid on"), required=False)
    amount = _amount(_("Amount claimed, excluding recoverable VAT"), 14)

    def __init__(self, *args: Any, category: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_category = category
        if category is not None:  # an existing line keeps its category
            del self.fields["category"]

    def chosen_category(self) -> str:
        return self.fixed_category or self.cleaned_data.get("category", "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        category = self.fixed_category or data.get("category")
        required = PERSONNEL_REQUIRED if category == "personnel" else INVOICE_REQUIRED
        for name in required:
            if name not in self.errors and data.get(name) in (None, ""):
                self.add_error(name, forms.ValidationError(_("Fill this in."), code="required"))
        if category == "personnel":
            start, end = data.get("work_from"), data.get("work_to")
            if start and end and end < start:
                self.add_error("work_to", _("The work period ends before it starts."))
        return data

    def values(self) -> dict[str, Any]:
        return {**self.cleaned_data, "category": self.chosen_category()}


class ClaimDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("File (PDF, XLSX, PNG or JPEG)"), max_length=255, allow_empty_file=True)

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["checked"] = check_document(upload)
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
        return upload

    def clean(self) -> dict[str, Any]:
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", str(too_large(max_upload_bytes())))
        return super().clean() or {}


class ClaimSubmitForm(forms.Form):
    version = HiddenVersionField()
