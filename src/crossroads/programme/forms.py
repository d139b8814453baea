"""The secretariat's forms for a call: its fields in Dutch and English side by side, the criteria grid, documents.

Every check names the field it belongs to and takes its numbers from the programme (its dates, its grant budget,
its countries), never from the code."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from crossroads.core.clock import BRUSSELS
from crossroads.core.fields import LocalizedDecimalField, LocalizedIntegerField, SafeModelMultipleChoiceField
from crossroads.core.formatting import (
    format_date,
    format_integer,
    format_money,
    format_months,
    format_number,
    format_share,
)

from .labels import ATTACHMENT_LABELS, SECTION_LABELS
from .models import (
    AllocationPolicy,
    Call,
    CallDocument,
    CallStages,
    Criterion,
    PersonnelCostMethod,
    Programme,
    Theme,
)
from .services import CriterionData

# Criterion weights are percentages of the weighted score: together they make 100 %. (A unit, not a programme rule.)
WEIGHT_TOTAL = 100
MONEY_MAX = Decimal("999999999999.99")  # the call's money column: 14 digits, 2 decimals
RATE_MAX = Decimal("999999.99")  # hourly amounts: 8 digits, 2 decimals
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]
# After the award: shares typed as percentages, stored as fractions; intervals in whole months.
SHARE_FIELDS = ("advance_share", "budget_shift_free_share")
MONTH_FIELDS = ("report_interval_months", "interim_report_due_months", "final_report_months")


def _column(name: str) -> models.Field:
    column = Call._meta.get_field(name)
    assert isinstance(column, models.Field)
    return column


def _column_limits(name: str) -> tuple[int, int]:
    """The smallest and largest value the call's column accepts (its validators)."""
    from django.core.validators import MaxValueValidator, MinValueValidator

    least, most = 0, 10**4
    for validator in _column(name).validators:
        if isinstance(validator, MinValueValidator):
            least = int(validator.limit_value)
        if isinstance(validator, MaxValueValidator):
            most = int(validator.limit_value)
    return least, most


class BrusselsMomentInput(forms.DateTimeInput):
    """A date and time picker; the value is always the moment in Europe/Brussels, whatever the server's zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            moment = value.astimezone(BRUSSELS) if value.tzinfo else value
            return moment.strftime("%Y-%m-%dT%H:%M")  # the browser's machine format, not a display
        return super().format_value(value)


class BrusselsMomentField(forms.DateTimeField):
    widget = BrusselsMomentInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", MOMENT_FORMATS)
        kwargs.setdefault("error_messages", {"invalid": _("Enter a date and time, for example 01-03-2027 17:00.")})
        super().__init__(*args, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return value.astimezone(BRUSSELS) if isinstance(value, dt.datetime) and value.tzinfo else value

    def to_python(self, value: Any) -> dt.datetime | None:
        if isinstance(value, dt.datetime):
            return value if value.tzinfo else value.replace(tzinfo=BRUSSELS)
        if value in self.empty_values:
            return None
        text = str(value).strip()
        for fmt in MOMENT_FORMATS:
            try:
                return dt.datetime.strptime(text, fmt).replace(tzinfo=BRUSSELS)
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


def _money(label: Any, *, required: bool = True, help_text: Any = "") -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "invalid": _("Enter an amount in euro, for example 1.250.000,00."),
            "max_decimal_places": _("An amount has at most 2 decimals (cents)."),
        },
    )


def _rate(label: Any) -> LocalizedDecimalField:
    return LocalizedDecimalField(
        label=label,
        required=False,
        max_digits=8,
        decimal_places=2,
        error_messages={"max_decimal_places": _("An amount has at most 2 decimals (cents).")},
    )


class CallForm(forms.Form):
    """The call itself. `programme` and `call` (None when creating) give the limits the checks use."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=50,
        help_text=_("Short name in the call's web address, e.g. crossroads-2027-1. It cannot change later."),
    )
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    description_nl = forms.CharField(label=_("Description (Dutch)"), widget=forms.Textarea, required=False)
    description_en = forms.CharField(label=_("Description (English)"), widget=forms.Textarea, required=False)
    opens_at = BrusselsMomentField(label=_("Opens (Brussels time)"))
    closes_at = BrusselsMomentField(label=_("Closes (Brussels time)"))
    budget = _money(_("Grant budget of the call (euro)"))
    themes = SafeModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    stages = forms.TypedChoiceField(label=_("Stages"), choices=CallStages.choices, coerce=int)
    full_proposal_closes_at = BrusselsMomentField(
        label=_("Full proposals close (two-stage calls, Brussels time)"),
        required=False,
        help_text=_("Empty: the call's closing moment."),
    )
    required_sections = forms.MultipleChoiceField(
        label=_("Required sections"), choices=list(SECTION_LABELS.items()), widget=forms.CheckboxSelectMultiple
    )
    idea_sections = forms.MultipleChoiceField(
        label=_("Sections of a project idea (two-stage calls)"),
        choices=list(SECTION_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    required_attachments = forms.MultipleChoiceField(
        label=_("Required attachments"),
        choices=list(ATTACHMENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    personnel_cost_method = forms.ChoiceField(label=_("Personnel cost method"), required=False)
    hourly_cap = _rate(_("Hourly cap (euro)"))
    fixed_hourly_rate = _rate(_("Fixed hourly rate (euro)"))
    overall_threshold = LocalizedDecimalField(
        label=_("Overall threshold (weighted score out of 100)"), max_digits=5, decimal_places=2
    )
    allocation_policy = forms.ChoiceField(
        label=_("When the next application does not fit the budget"), choices=AllocationPolicy.choices
    )
    reduced_grant_min_share = LocalizedDecimalField(
        label=_("Smallest reduced grant, as a percentage of the request"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    assessors_per_application = LocalizedIntegerField(label=_("Assessors per application"))
    # After the award: what each grant agreement of this call copies when it is made. Empty: the usual value.
    advance_share = LocalizedDecimalField(
        label=_("Advance, as a percentage of each partner's grant"),
        max_digits=5,
        decimal_places=2,
        required=False,
        help_text=_("Paid when every partner accepted the agreement. 0 or empty: no advance."),
    )
    report_interval_months = LocalizedIntegerField(label=_("Months between progress reports"), required=False)
    interim_report_due_months = LocalizedIntegerField(
        label=_("Months after a period for its progress report and cost claims"), required=False
    )
    final_report_months = LocalizedIntegerField(
        label=_("Months after the end of the project for the final report"), required=False
    )
    budget_shift_free_share = LocalizedDecimalField(
        label=_("Budget shift between a partner's categories without approval, as a percentage"),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_("Needed once the call has opened; kept in the audit trail."),
    )

    def __init__(self, *args: Any, programme: Programme, call: Call | None = None, **kwargs: Any) -> None:
        if call is not None and "initial" not in kwargs:
            kwargs["initial"] = call_initial(call)
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.call = call
        self.fields["themes"].queryset = programme.themes.all()  # type: ignore[attr-defined]
        default = PersonnelCostMethod(programme.personnel_cost_method).label
        self.fields["personnel_cost_method"].choices = [  # type: ignore[attr-defined]
            ("", _("The programme's method: %(method)s") % {"method": default}),
            *PersonnelCostMethod.choices,
        ]
        self._after_award_defaults(new=call is None)
        if call is not None:
            del self.fields["code"]

    def _after_award_defaults(self, *, new: bool) -> None:
        """The usual values (the column defaults) in the help texts, and in the fields of a new call."""
        for name in MONTH_FIELDS:
            default = int(_column(name).get_default())
            self.fields[name].help_text = _("Empty: %(months)s.") % {"months": format_months(default)}
            if new:
                self.fields[name].initial = default
        shift = _column("budget_shift_free_share").get_default()
        self.fields["budget_shift_free_share"].help_text = _(
            "Empty: %(share)s. A larger shift, or one between partners, needs the secretariat's approval."
        ) % {"share": format_share(shift, 0)}
        if new:
            for name in SHARE_FIELDS:
                self.fields[name].initial = _column(name).get_default() * WEIGHT_TOTAL

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if Call.objects.filter(code=code).exists():
            raise ValidationError(_("Another call already has this code."))
        return code

    def clean_budget(self) -> Decimal:
        budget = self.cleaned_data["budget"]
        if budget <= 0:
            raise ValidationError(_("The budget must be more than %(zero)s.") % {"zero": format_money(Decimal("0"))})
        from .selectors import budget_of_other_calls

        room = self.programme.grant_budget - budget_of_other_calls(self.programme, self.call)
        if budget > room:
            raise ValidationError(
                _(
                    "The programme's grant budget is %(total)s, of which the other calls hold %(others)s: this "
                    "call can have at most %(room)s."
                )
                % {
                    "total": format_money(self.programme.grant_budget),
                    "others": format_money(self.programme.grant_budget - room),
                    "room": format_money(max(room, Decimal("0"))),
                }
            )
        return budget

    def clean_overall_threshold(self) -> Decimal:
        value = self.cleaned_data["overall_threshold"]
        if not Decimal("0") <= value <= WEIGHT_TOTAL:
            raise ValidationError(
                _("The overall threshold is a score between 0 and %(max)s.") % {"max": format_integer(WEIGHT_TOTAL)}
            )
        return value

    def clean_reduced_grant_min_share(self) -> Decimal:
        value = self.cleaned_data.get("reduced_grant_min_share") or Decimal("0")
        if not Decimal("0") <= value <= WEIGHT_TOTAL:
            raise ValidationError(_("Enter a percentage between 0 and 100."))
        return value

    def _percentage(self, name: str) -> Decimal:
        value = self.cleaned_data.get(name)
        if value is None:
            return _column(name).get_default() * WEIGHT_TOTAL
        if not Decimal("0") <= value <= WEIGHT_TOTAL:
            raise ValidationError(_("Enter a percentage between 0 and 100."))
        return value

    def clean_advance_share(self) -> Decimal:
        return self._percentage("advance_share")

    def clean_budget_shift_free_share(self) -> Decimal:
        return self._percentage("budget_shift_free_share")

    def _months(self, name: str, most: int | None = None) -> int:
        least, column_most = _column_limits(name)
        most = column_most if most is None else min(most, column_most)
        value = self.cleaned_data.get(name)
        if value is None:
            return int(_column(name).get_default())
        if not least <= value <= most:
            raise ValidationError(
                _("Enter a number of months between %(least)s and %(most)s.")
                % {"least": format_integer(least), "most": format_integer(most)}
            )
        return int(value)

    def clean_report_interval_months(self) -> int:
        return self._months("report_interval_months", self.programme.max_duration_months)

    def clean_interim_report_due_months(self) -> int:
        return self._months("interim_report_due_months")

    def clean_final_report_months(self) -> int:
        return self._months("final_report_months")

    def clean_assessors_per_application(self) -> int:
        value = self.cleaned_data["assessors_per_application"]
        least = max(1, len(self.programme.countries))
        if value < least:
            raise ValidationError(
                _("At least %(count)s: one assessor from each of the programme's countries.")
                % {"count": format_integer(least)}
            )
        return value

    def clean_required_sections(self) -> list[str]:
        return _in_label_order(self.cleaned_data["required_sections"], SECTION_LABELS)

    def clean_idea_sections(self) -> list[str]:
        return _in_label_order(self.cleaned_data["idea_sections"], SECTION_LABELS)

    def clean_required_attachments(self) -> list[str]:
        return _in_label_order(self.cleaned_data["required_attachments"], ATTACHMENT_LABELS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self._check_window(data)
        self._check_costs(data)
        if data.get("stages") == CallStages.TWO and not data.get("idea_sections"):
            self.add_error("idea_sections", _("A two-stage call needs the sections of a project idea."))
        return data

    def _check_window(self, data: dict[str, Any]) -> None:
        opens, closes = data.get("opens_at"), data.get("closes_at")
        start, end = self.programme.start_date, self.programme.end_date
        if opens and opens.astimezone(BRUSSELS).date() < start:
            self.add_error("opens_at", _("The programme starts on %(date)s.") % {"date": format_date(start)})
        if closes and closes.astimezone(BRUSSELS).date() > end:
            self.add_error("closes_at", _("The programme ends on %(date)s.") % {"date": format_date(end)})
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        full = data.get("full_proposal_closes_at")
        if full and closes and full <= closes:
            self.add_error("full_proposal_closes_at", _("Full proposals must close after the project ideas."))
        if full and data.get("stages") != CallStages.TWO:
            self.add_error("full_proposal_closes_at", _("Only a two-stage call has a second deadline."))

    def _check_costs(self, data: dict[str, Any]) -> None:
        method = data.get("personnel_cost_method") or self.programme.personnel_cost_method
        for field in ("hourly_cap", "fixed_hourly_rate"):
            value = data.get(field)
            if value is not None and not Decimal("0") < value <= RATE_MAX:
                self.add_error(field, _("Enter an amount above %(zero)s.") % {"zero": format_money(Decimal("0"))})
        if method == PersonnelCostMethod.HOURLY_CAP and data.get("hourly_cap") is None:
            self.add_error("hourly_cap", _("The hourly-cap method needs an hourly cap."))
        if method == PersonnelCostMethod.FIXED_RATE and data.get("fixed_hourly_rate") is None:
            self.add_error("fixed_hourly_rate", _("The fixed-rate method needs a fixed hourly rate."))

    def values(self) -> dict[str, Any]:
        """The cleaned values as the call stores them (a share as a fraction, a single stage without its deadline)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("themes", "reason")}
        for name in ("reduced_grant_min_share", *SHARE_FIELDS):
            data[name] = data[name] / WEIGHT_TOTAL
        if data["stages"] != CallStages.TWO:
            data["full_proposal_closes_at"] = None
        return data


def _in_label_order(codes: list[str], labels: dict[str, Any]) -> list[str]:
    return [code for code in labels if code in codes]


def call_initial(call: Call) -> dict[str, Any]:
    initial = {
        name: getattr(call, name)
        for name in CallForm.base_fields
        if hasattr(call, name) and name not in ("themes", "reason")
    }
    initial["themes"] = list(call.themes.values_list("pk", flat=True))
    for name in ("reduced_grant_min_share", *SHARE_FIELDS):
        share = getattr(call, name) * WEIGHT_TOTAL
        initial[name] = share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return initial


class CriterionForm(forms.Form):
    """One row of the grid. The scale (highest score) is the grid's, shown but not typed: the assessment scores every
    criterion of a call on the same scale."""

    code = forms.SlugField(label=_("Code"), max_length=50)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    weight = LocalizedIntegerField(label=_("Weight (%)"))
    threshold = LocalizedDecimalField(label=_("Threshold"), max_digits=5, decimal_places=2)

    def __init__(self, *args: Any, scale: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scale = scale

    def clean_weight(self) -> int:
        weight = self.cleaned_data["weight"]
        if not 0 < weight <= WEIGHT_TOTAL:
            raise ValidationError(
                _("A weight is a whole percentage between 1 and %(max)s.") % {"max": format_integer(WEIGHT_TOTAL)}
            )
        return weight

    def clean_threshold(self) -> Decimal:
        threshold = self.cleaned_data["threshold"]
        if not Decimal("0") <= threshold <= self.scale:
            raise ValidationError(
                _("The threshold must lie on the scale: between 0 and %(max)s.") % {"max": format_integer(self.scale)}
            )
        return threshold


class BaseCriterionFormSet(forms.BaseFormSet):
    scale = 0  # the grid's highest score, set by `criterion_formset`

    def clean(self) -> None:
        if any(self.errors):
            return
        rows = self.rows()
        if not rows:
            raise ValidationError(_("A call needs at least one assessment criterion."))
        codes = [row.code for row in rows]
        if len(set(codes)) != len(codes):
            raise ValidationError(_("Each criterion needs its own code."))
        total = sum(row.weight for row in rows)
        if total != WEIGHT_TOTAL:
            raise ValidationError(
                _("The weights add up to %(total)s %%; together they must make %(max)s %%.")
                % {"total": format_integer(total), "max": format_integer(WEIGHT_TOTAL)}
            )

    def rows(self) -> list[CriterionData]:
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):  # an untouched empty row has no cleaned data
                continue
            rows.append(
                CriterionData(
                    code=data["code"],
                    name_nl=data["name_nl"],
                    name_en=data["name_en"],
                    weight=data["weight"],
                    scale_max=form.scale,
                    threshold=data["threshold"],
                )
            )
        return rows


CriterionFormSet = forms.formset_factory(CriterionForm, formset=BaseCriterionFormSet, extra=1, can_delete=True)


def grid_scale(call: Call | None, programme: Programme) -> int:
    """The highest score of a call's grid: the call's own, else that of the programme's latest call, else the
    criterion's default."""
    for source in (call, programme.calls.order_by("-opens_at").first()):
        first = source.criteria.order_by("order").first() if source is not None and source.pk else None
        if first is not None:
            return first.scale_max
    return int(Criterion._meta.get_field("scale_max").get_default())


def criterion_formset(call: Call | None, programme: Programme, data: Any = None) -> BaseCriterionFormSet:
    """The grid of a call, or for a new call the grid of the programme's most recent call as a start."""
    source = call or programme.calls.order_by("-opens_at").first()
    initial = [
        {
            "code": c.code,
            "name_nl": c.name_nl,
            "name_en": c.name_en,
            "weight": c.weight,
            "threshold": c.threshold,
        }
        for c in (source.criteria.order_by("order") if source else [])
    ]
    scale = grid_scale(call, programme)
    formset = CriterionFormSet(data, initial=initial, prefix="criteria", form_kwargs={"scale": scale})
    assert isinstance(formset, BaseCriterionFormSet)
    formset.scale = scale
    return formset


class CallDocumentForm(forms.ModelForm):
    class Meta:
        model = CallDocument
        fields = ["title", "language", "file"]
        labels = {"title": _("Title"), "language": _("Language"), "file": _("File")}

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        limit = settings.ATTACHMENT_MAX_BYTES
        if file is not None and file.size > limit:
            raise ValidationError(
                _("This file is larger than %(size)s MB.") % {"size": format_number(Decimal(limit) / 1024**2, 0)}
            )
        return file
