"""Forms of the assessment. Scores accept a decimal comma; times are entered in Brussels time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core import clock
from crossroads.core.money import parse_amount
from crossroads.programme.models import AllocationPolicy

from .models import AssessorProfile, Outcome


class RequestItemsForm(forms.Form):
    items = forms.CharField(label=_("Missing items"), widget=forms.Textarea(attrs={"rows": 4}))
    deadline = forms.DateTimeField(
        label=_("Deadline (Brussels time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
    )

    def clean_deadline(self) -> dt.datetime:
        value = self.cleaned_data["deadline"].replace(tzinfo=clock.BRUSSELS)
        if value <= clock.now():
            raise forms.ValidationError(_("The deadline must lie in the future."))
        return value


class IneligibleForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with this application or one of its partners?"),
        choices=[("no", _("No, I have no conflict of interest")), ("yes", _("Yes, I have a conflict of interest"))],
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
    )
    explanation = forms.CharField(
        label=_("Explanation (when you have a conflict)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("has_conflict") and not (data.get("explanation") or "").strip():
            self.add_error("explanation", _("Say briefly what the conflict of interest is."))
        return data


class DueDateForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}), input_formats=["%Y-%m-%d", "%d-%m-%Y"]
    )

    def clean_due_date(self) -> dt.date:
        value = self.cleaned_data["due_date"]
        if value <= clock.today_brussels():
            raise forms.ValidationError(_("The due date must lie in the future."))
        return value


MAX_BUDGET = Decimal("1000000000000")  # the size of a stored ranking budget (14 digits); far beyond any call


class WhatIfForm(forms.Form):
    """Changed numbers for a what-if; empty fields keep the call's own."""

    budget = forms.CharField(label=_("Budget (EUR)"), required=False)
    overall_threshold = forms.DecimalField(
        label=_("Overall threshold (out of 100)"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    # Bounded by the call's own scale in __init__.
    criterion_threshold = forms.DecimalField(
        label=_("Threshold per criterion (all criteria)"), required=False, min_value=0, decimal_places=1
    )
    policy = forms.ChoiceField(label=_("When the next one does not fit"), required=False)

    def __init__(self, *args, criteria: list | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = [("", _("as the call says")), *AllocationPolicy.choices]
        self.criteria = list(criteria or [])
        if self.criteria:  # the common threshold cannot exceed the smallest scale of the grid
            top = min(c.scale_max for c in self.criteria)
            self.fields["criterion_threshold"] = forms.DecimalField(
                label=self.fields["criterion_threshold"].label,
                required=False,
                min_value=0,
                max_value=top,
                decimal_places=1,
            )
        for criterion in self.criteria:
            self.fields[f"threshold_{criterion.code}"] = forms.DecimalField(
                label=_("Threshold: %(criterion)s") % {"criterion": criterion.name},
                required=False,
                min_value=0,
                max_value=criterion.scale_max,
                decimal_places=1,
                help_text=_("The call's: %(value)s") % {"value": criterion.threshold},
            )
        for field in self.fields.values():
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget.is_localized = True

    def clean_budget(self) -> Decimal | None:
        text = (self.cleaned_data.get("budget") or "").strip()
        if not text:
            return None
        try:
            value = parse_amount(text)
        except (ValueError, ArithmeticError):
            raise forms.ValidationError(_("Enter an amount, for example 1.250.000,00.")) from None
        if value < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        if value >= MAX_BUDGET:
            raise forms.ValidationError(_("Enter a budget below one thousand billion euros."))
        if value != value.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("Enter the budget in euros and cents."))
        return value

    def what_if(self) -> dict:
        """The changed numbers only: a threshold given for one criterion wins over the one for all."""
        data = self.cleaned_data
        out: dict = {}
        if data.get("budget") is not None:
            out["budget"] = data["budget"]
        if data.get("overall_threshold") is not None:
            out["overall_threshold"] = data["overall_threshold"]
        thresholds = {}
        for criterion in self.criteria:
            own = data.get(f"threshold_{criterion.code}")
            common = data.get("criterion_threshold")
            if own is not None or common is not None:
                thresholds[criterion.code] = own if own is not None else common
        if thresholds:
            out["thresholds"] = thresholds
        if data.get("policy"):
            out["policy"] = data["policy"]
        return out


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    language = forms.ChoiceField(label=_("Language of the letter"), choices=[("nl", "Nederlands"), ("en", "English")])


class ObjectionForm(forms.Form):
    grounds = forms.CharField(label=_("Grounds of your objection"), widget=forms.Textarea(attrs={"rows": 6}))


class AssessorProfileForm(forms.ModelForm):
    class Meta:
        model = AssessorProfile
        fields = ["country", "themes", "expertise", "languages_text"]

    languages_text = forms.CharField(label=_("Languages"), required=False, help_text=_("For example: nl, en, fr"))

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["themes"].widget = forms.CheckboxSelectMultiple()
        self.fields["themes"].queryset = self.fields["themes"].queryset.order_by("order")
        self.fields["languages_text"].initial = ", ".join(self.instance.languages or [])

    def save(self, commit: bool = True) -> AssessorProfile:  # type: ignore[override]
        self.instance.languages = [
            code.strip().lower()[:5] for code in self.cleaned_data.get("languages_text", "").split(",") if code.strip()
        ]
        return super().save(commit)
