"""Forms of the assessment. Scores accept a decimal comma; times are entered in Brussels time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core import clock
from crossroads.core.fields import IsoDateField, LocalizedDecimalField, SafeModelMultipleChoiceField
from crossroads.programme.models import AllocationPolicy

from .models import AssessorProfile, ObjectionStatus, Outcome


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
    due_date = IsoDateField(label=_("Due date"))

    def clean_due_date(self) -> dt.date:
        value = self.cleaned_data["due_date"]
        if value <= clock.today_brussels():
            raise forms.ValidationError(_("The due date must lie in the future."))
        return value


MAX_BUDGET = Decimal("1000000000000")  # the size of a stored ranking budget (14 digits); far beyond any call


class WhatIfForm(forms.Form):
    """Changed numbers for a what-if; empty fields keep the call's own. Numbers are read in the user's language by the
    one strict parser and must fit the columns a frozen ranking stores them in."""

    budget = LocalizedDecimalField(
        label=_("Budget (EUR)"),
        required=False,
        min_value=0,
        max_digits=14,  # Ranking.budget: below MAX_BUDGET
        decimal_places=2,
        error_messages={
            "invalid": _("Enter an amount, for example 1.250.000,00."),
            "min_value": _("The budget cannot be negative."),
            "max_digits": _("Enter a budget below one thousand billion euros."),
            "max_whole_digits": _("Enter a budget below one thousand billion euros."),
            "max_decimal_places": _("Enter the budget in euros and cents."),
        },
    )
    overall_threshold = LocalizedDecimalField(
        label=_("Overall threshold (out of 100)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    # Bounded by the call's own scale in __init__.
    criterion_threshold = LocalizedDecimalField(
        label=_("Threshold per criterion (all criteria)"), required=False, min_value=0, max_digits=4, decimal_places=1
    )
    policy = forms.ChoiceField(label=_("When the next one does not fit"), required=False)

    def __init__(self, *args, criteria: list | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["policy"].choices = [("", _("as the call says")), *AllocationPolicy.choices]
        self.criteria = list(criteria or [])
        if self.criteria:  # the common threshold cannot exceed the smallest scale of the grid
            top = min(c.scale_max for c in self.criteria)
            self.fields["criterion_threshold"] = LocalizedDecimalField(
                label=self.fields["criterion_threshold"].label,
                required=False,
                min_value=0,
                max_value=top,
                max_digits=4,
                decimal_places=1,
            )
        for criterion in self.criteria:
            self.fields[f"threshold_{criterion.code}"] = LocalizedDecimalField(
                label=_("Threshold: %(criterion)s") % {"criterion": criterion.name},
                required=False,
                min_value=0,
                max_value=criterion.scale_max,
                max_digits=4,
                decimal_places=1,
                help_text=_("The call's: %(value)s") % {"value": criterion.threshold},
            )

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


class ObjectionResolveForm(forms.Form):
    """The secretariat's outcome of an objection: upheld or dismissed, the reason the applicant receives, and an
    explicit confirmation (the mail goes out at once)."""

    status = forms.ChoiceField(
        label=_("Outcome of the objection"),
        choices=[
            (ObjectionStatus.UPHELD, _("Upheld: the decision is taken again")),
            (ObjectionStatus.DISMISSED, _("Dismissed: the decision stands")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    confirm = forms.BooleanField(
        label=_("I confirm this outcome; the applicant is informed by e-mail at once."),
        error_messages={"required": _("Confirm the outcome: the applicant is informed at once.")},
    )


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for going on despite the rules"),
        help_text=_("Recorded in the audit trail and shown in the meeting view."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AssessorProfileForm(forms.ModelForm):
    class Meta:
        model = AssessorProfile
        fields = ["country", "themes", "expertise", "languages_text"]

    languages_text = forms.CharField(label=_("Languages"), required=False, help_text=_("For example: nl, en, fr"))

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        themes = self.fields["themes"]
        # A malformed posted id (40 digits, other scripts' digits) is an invalid choice, not a database error.
        self.fields["themes"] = SafeModelMultipleChoiceField(
            label=themes.label,
            required=themes.required,
            queryset=themes.queryset.order_by("order"),
            widget=forms.CheckboxSelectMultiple(),
            help_text=themes.help_text,
        )
        self.fields["languages_text"].initial = ", ".join(self.instance.languages or [])

    def save(self, commit: bool = True) -> AssessorProfile:  # type: ignore[override]
        self.instance.languages = [
            code.strip().lower()[:5] for code in self.cleaned_data.get("languages_text", "").split(",") if code.strip()
        ]
        return super().save(commit)
