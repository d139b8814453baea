from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from crossroads.companies.forms import AmountField

from .files import sniff
from .models import ATTACHMENT_LABELS, SECTION_LABELS, Application, BudgetLine, Partner, PartnerRole


class StartApplicationForm(forms.Form):
    lead = forms.ChoiceField(label=_("Lead company"))
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args: Any, companies: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [(str(c.pk), c.legal_name) for c in companies]


class SharedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Application
        fields = ["title", "acronym", "duration_months", "planned_start", "themes"]
        widgets = {"planned_start": forms.DateInput(attrs={"type": "date"}), "themes": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, sections: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = self.instance.call.themes.all()
        self.fields["themes"].required = False
        self.section_codes = sections
        for code in sections:
            self.fields[f"section_{code}"] = forms.CharField(
                label=SECTION_LABELS.get(code, code),
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=self.instance.sections.get(code, ""),
                max_length=20000,
            )
        self.fields["version"].initial = self.instance.lock_version
        for code, label in INDICATORS.items():
            self.fields[f"indicator_{code}"] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                localize=True,
                initial=self.instance.indicators.get(code),
            )

    def indicators_data(self) -> dict[str, str]:
        return {
            code: str(self.cleaned_data[f"indicator_{code}"])
            for code in INDICATORS
            if self.cleaned_data.get(f"indicator_{code}") is not None
        }

    def sections_data(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"section_{code}", "") for code in self.section_codes}


INDICATORS = {
    "new_products": _("New products, processes or services to the market (number)"),
    "jobs": _("Jobs created within two years after the project (FTE)"),
    "turnover": _("Expected additional yearly turnover after three years (€)"),
}


class WorkPackageForm(forms.Form):
    title = forms.CharField(label=_("Work package title"), max_length=200)
    description = forms.CharField(
        label=_("What happens in it"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, partners: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partner_fields = []
        for partner in partners:
            name = f"effort_{partner.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("Effort of %(partner)s (person-months)") % {"partner": partner},
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=1,
                localize=True,
            )
            self.partner_fields.append((partner, name))

    def effort(self) -> dict[str, Decimal]:
        return {str(p.pk): self.cleaned_data.get(name) or Decimal("0") for p, name in self.partner_fields}


class PartnerForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Partner
        fields = ["role", "tasks"]
        widgets = {"tasks": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.lock_version
        self.fields["role"].choices = PartnerRole.choices


class BudgetLineForm(forms.ModelForm):
    annual_cost = AmountField(label=_("Annual gross employment cost (€)"), required=False)
    amount = AmountField(label=_("Amount (€)"), required=False)
    hours = forms.DecimalField(
        label=_("Hours"), required=False, min_value=0, localize=True, max_digits=8, decimal_places=2
    )
    fte = forms.DecimalField(
        label=_("FTE (1 = full time)"),
        initial=Decimal("1"),
        min_value=Decimal("0.05"),
        max_value=1,
        localize=True,
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
    sme = forms.BooleanField(
        label=_("We are an SME as defined in EU Recommendation 2003/361, or take part in an allowed role."),
        required=False,
    )
    oim = forms.BooleanField(label=_("We are not an undertaking in difficulty."), required=False)
    de_minimis = forms.BooleanField(
        label=_("We declared all de minimis aid of the last three years in the registry."), required=False
    )
    truthful = forms.BooleanField(
        label=_("Everything in our part of the application is true and complete."), required=False
    )


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=list(ATTACHMENT_LABELS.items()))
    file = forms.FileField(label=_("File (PDF, XLSX, DOCX, PNG or JPEG)"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
        content = upload.read()
        content_type = sniff(content)
        if content_type is None:
            raise forms.ValidationError(_("This file is not a PDF, XLSX, DOCX, PNG or JPEG (checked on its content)."))
        upload.seek(0)
        self.cleaned_data["content"] = content
        self.cleaned_data["content_type"] = content_type
        return upload


class CopyForm(forms.Form):
    call = forms.ChoiceField(label=_("Copy into call"))

    def __init__(self, *args: Any, calls: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [(c.code, c.name) for c in calls]
