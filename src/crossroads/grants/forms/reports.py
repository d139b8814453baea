"""The progress report form: one text per work package of the application, deviations, milestones, the prototype
status and the application's indicators (numbers typed the Dutch or English way)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.applications.forms import StrictIntegerField
from crossroads.applications.labels import INDICATOR_KINDS, INDICATORS
from crossroads.core.fields import LocalizedDecimalField

from ..models import ProgressReport, PrototypeStatus
from .claims import HiddenVersionField

LONG_TEXT = 20000


def _stored(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def _indicator_field(label: Any, code: str, stored: Any) -> forms.Field:
    initial = _stored(stored)
    if INDICATOR_KINDS.get(code) == "integer":
        whole = int(initial) if initial is not None and initial == initial.to_integral_value() else None
        return StrictIntegerField(label=label, required=False, min_value=0, max_value=10**9, initial=whole)
    return LocalizedDecimalField(
        label=label, required=False, min_value=0, max_digits=14, decimal_places=2, initial=initial
    )


class ReportForm(forms.Form):
    version = HiddenVersionField()
    deviations = forms.CharField(
        label=_("Deviations from the plan"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What went differently than planned, and what you do about it."),
    )
    milestones = forms.CharField(
        label=_("Milestones reached"), required=False, max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    prototype_status = forms.ChoiceField(
        label=_("Prototype or demonstration"),
        required=False,
        choices=[("", _("Choose a status")), *PrototypeStatus.choices],
    )

    def __init__(self, *args: Any, report: ProgressReport, work_packages: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.work_package_numbers = [wp.number for wp in work_packages]
        done = report.work_done or {}
        for wp in work_packages:
            self.fields[f"wp_{wp.number}"] = forms.CharField(
                label=_("Work package %(number)s: %(title)s") % {"number": wp.number, "title": wp.title},
                required=False,
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=done.get(str(wp.number), ""),
            )
        values = report.indicator_values or {}
        for code, label in INDICATORS.items():
            self.fields[f"indicator_{code}"] = _indicator_field(label, code, values.get(code))
        self.fields["version"].initial = report.lock_version
        self.fields["deviations"].initial = report.deviations
        self.fields["milestones"].initial = report.milestones
        self.fields["prototype_status"].initial = report.prototype_status
        # Work packages first, then the rest, in reading order.
        order = [f"wp_{n}" for n in self.work_package_numbers]
        self.order_fields(["version", *order, "deviations", "milestones", "prototype_status"])

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "work_done": {str(n): data.get(f"wp_{n}", "") for n in self.work_package_numbers},
            "deviations": data.get("deviations", ""),
            "milestones": data.get("milestones", ""),
            "prototype_status": data.get("prototype_status", ""),
            "indicator_values": {code: data.get(f"indicator_{code}") for code in INDICATORS},
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the report")), ("return", _("Return it for completion"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the lead partner"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
