"""Forms of the results area: a coaching contact, the closure indicators, the follow-up survey."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.core.fields import IsoDateField, LocalizedDecimalField

from ..models import Agreement, ContactChannel
from ..selectors.results import SIZE_LABELS, IndicatorRow
from ..services.results import IndicatorValue

WHOLE_PROJECT = "project"


class CoachingForm(forms.Form):
    happened_on = IsoDateField(label=_("Date of the contact"))
    channel = forms.ChoiceField(label=_("How"), choices=ContactChannel.choices)
    company = forms.ChoiceField(label=_("With"))
    topic = forms.CharField(label=_("Topic"), max_length=200)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen by the advisers and the secretariat only, not by the companies."),
    )

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, str]] = [(WHOLE_PROJECT, str(_("The whole consortium")))]
        choices += [(str(m.company_id), str(m.company)) for m in agreement.partners.select_related("company")]
        self.fields["company"].choices = choices  # type: ignore[attr-defined]

    def company_id(self) -> int | None:
        value = self.cleaned_data["company"]
        return None if value == WHOLE_PROJECT else int(value)


class IndicatorsForm(forms.Form):
    """One value per proposal (and the size class for a company's RCO01), prefilled with what was recorded, else
    with the proposal."""

    def __init__(self, *args: Any, rows: list[IndicatorRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        sizes = [("", _("Choose"))] + [(k, v) for k, v in SIZE_LABELS.items()]
        for row in rows:
            self.fields[f"{row.key}-value"] = LocalizedDecimalField(
                label=row.label, min_value=Decimal("0"), max_digits=12, decimal_places=2, initial=row.value
            )
            if row.code == "RCO01" and row.company is not None:
                self.fields[f"{row.key}-size"] = forms.ChoiceField(
                    label=_("Size class"), choices=sizes, initial=row.size_class, required=True
                )

    def pairs(self) -> list[tuple[IndicatorRow, forms.BoundField, forms.BoundField | None]]:
        out = []
        for row in self.rows:
            size = self[f"{row.key}-size"] if f"{row.key}-size" in self.fields else None
            out.append((row, self[f"{row.key}-value"], size))
        return out

    def values(self) -> list[IndicatorValue]:
        data = self.cleaned_data
        return [
            IndicatorValue(
                code=row.code,
                company_id=row.company.pk if row.company else None,
                value=data[f"{row.key}-value"],
                size_class=data.get(f"{row.key}-size", ""),
            )
            for row in self.rows
        ]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class SurveyForm(forms.Form):
    still_cooperating = forms.TypedChoiceField(
        label=_("Does your company still cooperate with a partner across the border?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=_("With the partners of this project or with others you met through it."),
    )
    notes = forms.CharField(
        label=_("Anything you want to tell us (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
