from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.fields import (
    IsoDateField,
    IsoDateInput,
    LocalizedDecimalField,
    LocalizedIntegerField,
    SafeModelMultipleChoiceField,
)

from .dates import duration_error, start_error
from .files import UploadRefused, inspect_upload, max_upload_bytes, too_large
from .labels import DECLARATION_LABELS, INDICATOR_KINDS, INDICATORS, section_label
from .models import ATTACHMENT_LABELS, Application, BudgetLine, Partner, PartnerRole

LONG_TEXT = 20000  # characters of one free-text answer; a 100 KB paste is refused at the field


class StrictIntegerField(LocalizedIntegerField):
    """A whole number read by the one strict parser (no "٣", no exponent, no 40 digits), worded for this form."""

    default_error_messages = {"invalid": _("Enter a whole number, for example 24.")}


class VersionField(StrictIntegerField):
    """The optimistic-lock version the form was based on (hidden)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(**kwargs)


class StartApplicationForm(forms.Form):
    lead = forms.ChoiceField(label=_("Lead company"))
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args: Any, companies: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [(str(c.pk), c.legal_name) for c in companies]


class SharedForm(forms.ModelForm):
    version = VersionField()
    duration_months = StrictIntegerField(label=_("Duration (months)"))

    class Meta:
        model = Application
        fields = ["title", "acronym", "duration_months", "planned_start", "themes"]
        field_classes = {"planned_start": IsoDateField, "themes": SafeModelMultipleChoiceField}
        # ISO dates in the date input: a Dutch "01-02-2027" is unreadable to the browser, which shows an empty field
        # and erases the date at the next save.
        widgets = {"planned_start": IsoDateInput(), "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = self.instance.call.themes.all()
        self.fields["themes"].required = False
        self.section_codes = sections
        for code in sections:
            self.fields[f"section_{code}"] = forms.CharField(
                label=section_label(code),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=self.instance.sections.get(code, ""),
                max_length=LONG_TEXT,
            )
        self.fields["version"].initial = self.instance.lock_version
        for code, label in INDICATORS.items():
            self.fields[f"indicator_{code}"] = _indicator_field(label, code, self.instance.indicators.get(code))

    def clean_duration_months(self) -> int | None:
        months = self.cleaned_data.get("duration_months")
        error = duration_error(self.instance.call, months)
        if error:
            raise forms.ValidationError(error, code="duration")
        return months

    def clean_planned_start(self) -> Any:
        start = self.cleaned_data.get("planned_start")
        error = start_error(self.instance.call, start)
        if error:
            raise forms.ValidationError(error, code="before_call")
        return start

    def indicators_data(self) -> dict[str, str]:
        return {
            code: str(self.cleaned_data[f"indicator_{code}"])
            for code in INDICATORS
            if self.cleaned_data.get(f"indicator_{code}") is not None
        }

    def sections_data(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"section_{code}", "") for code in self.section_codes}


def _indicator_field(label: Any, code: str, stored: Any) -> forms.Field:
    """A count is a whole number; FTE and euros take decimals. Both typed the Dutch or English way ("750.000")."""
    initial = _stored_decimal(stored)
    if INDICATOR_KINDS.get(code) == "integer":
        whole = initial if initial is None or initial != initial.to_integral_value() else int(initial)
        return StrictIntegerField(label=label, required=False, min_value=0, max_value=10**9, initial=whole)
    return LocalizedDecimalField(
        label=label, required=False, min_value=0, max_digits=14, decimal_places=2, initial=initial
    )


def _stored_decimal(value: Any) -> Decimal | None:
    """An indicator as stored in JSON (a string); an unreadable old value shows as empty instead of failing."""
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


class WorkPackageForm(forms.Form):
    title = forms.CharField(label=_("Work package title"), max_length=200)
    description = forms.CharField(
        label=_("What happens in it"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=LONG_TEXT
    )

    def __init__(self, *args: Any, partners: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner_fields = []
        for partner in partners:
            name = f"effort_{partner.pk}"
            self.fields[name] = LocalizedDecimalField(
                label=_("Effort of %(partner)s (person-months)") % {"partner": partner},
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=1,
            )
            self.partner_fields.append((partner, name))

    def effort(self) -> dict[str, Decimal]:
        return {str(p.pk): self.cleaned_data.get(name) or Decimal("0") for p, name in self.partner_fields}


class PartnerAddForm(forms.Form):
    """Add a registered company by its enterprise or KvK number, or invite someone by e-mail."""

    enterprise_number = forms.CharField(
        label=_("Add a registered company (enterprise or KvK number)"), required=False, max_length=30
    )
    email = forms.EmailField(label=_("or invite by e-mail"), required=False, max_length=254)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("enterprise_number") and not data.get("email"):
            self.add_error("enterprise_number", _("Enter an enterprise/KvK number or an e-mail address."))
        return data


class PartnerForm(forms.ModelForm):
    version = VersionField()
    tasks = forms.CharField(
        label=_("Tasks in the project"), required=False, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = Partner
        fields = ["role", "tasks"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.lock_version
        self.fields["role"].choices = PartnerRole.choices


class BudgetLineForm(forms.ModelForm):
    # max_digits and decimal_places are those of the columns: a number that does not fit is refused at the field.
    annual_cost = LocalizedDecimalField(
        label=_("Annual gross employment cost (€)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    amount = LocalizedDecimalField(label=_("Amount (€)"), required=False, min_value=0, max_digits=14, decimal_places=2)
    hours = LocalizedDecimalField(label=_("Hours"), required=False, min_value=0, max_digits=8, decimal_places=2)
    fte = LocalizedDecimalField(
        label=_("FTE (1 = full time)"),
        initial=Decimal("1"),
        min_value=Decimal("0.05"),
        max_value=1,
        max_digits=4,
        decimal_places=2,
    )

    class Meta:
        model = BudgetLine
        fields = [
            "category",
            "description",
            "person",
            "annual_cost",
            "fte",
            "hours",
            "amount",
            "supplier",
            "quotation_reference",
        ]

    def __init__(self, *args: Any, fixed_rate: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_rate = fixed_rate  # a call with a fixed hourly rate needs no employment cost

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        category = data.get("category")
        if category == "personnel":
            if data.get("hours") in (None, ""):
                self.add_error("hours", _("Enter the hours this person works on the project."))
            if data.get("annual_cost") in (None, "") and not self.fixed_rate:
                self.add_error("annual_cost", _("Enter the last documented annual gross employment cost."))
        elif data.get("amount") in (None, ""):
            self.add_error("amount", _("Enter the amount."))
        if category == "external" and not data.get("supplier"):
            self.add_error("supplier", _("External costs need a supplier and a quotation."))
        if data.get("amount") is None:
            data["amount"] = Decimal("0")
        return data


class DeclarationsForm(forms.Form):
    """The declarations each partner signs, worded in full in `labels.DECLARATION_LABELS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in DECLARATION_LABELS.items():
            self.fields[code] = forms.BooleanField(label=label, required=False)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=list(ATTACHMENT_LABELS.items()))
    file = forms.FileField(label=_("File (PDF, XLSX, DOCX, PNG or JPEG)"), max_length=255)

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large  # the upload handler stopped reading the body: the file was over every limit

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        try:
            checked = inspect_upload(upload, name=upload.name)
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
        self.cleaned_data["checked"] = checked
        return upload

    def clean(self) -> dict[str, Any]:
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", str(too_large(max_upload_bytes())))
        return super().clean()


class CopyForm(forms.Form):
    call = forms.ChoiceField(label=_("Copy into call"))

    def __init__(self, *args: Any, calls: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [(c.code, c.name) for c in calls]


class InterestStartForm(forms.Form):
    """Start a joint application from an accepted expression of interest: the call (when several are open) and a
    working title (it can be changed later)."""

    call = forms.ChoiceField(label=_("Call"))
    title = forms.CharField(label=_("Project title"), max_length=200, required=False)

    def __init__(self, *args: Any, calls: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["call"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.code, c.name) for c in calls]
        if len(calls) == 1:
            field.initial = calls[0].code
