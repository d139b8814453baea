from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crossroads.core import clock
from crossroads.core.fields import (
    IsoDateField,
    IsoDateInput,
    LocalizedDecimalField,
    LocalizedIntegerField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from crossroads.core.formatting import format_date, format_number
from crossroads.programme.models import Programme, Theme
from crossroads.programme.regions import PostcodeError, normalise_postcode, nuts3_for_postcode

from .identifiers import (
    IdentifierError,
    normalise_enterprise_number,
    normalise_nace,
    normalise_vat,
    vat_matches_enterprise_number,
)
from .models import (
    AidOrigin,
    Company,
    DeMinimisAid,
    Establishment,
    FinancialYear,
    Holding,
    InvestorType,
    PartyKind,
)

if TYPE_CHECKING:
    from crossroads.accounts.models import User

IDENTIFIER_MESSAGES = {
    "be_enterprise_invalid": _(
        "This is not a valid Belgian enterprise number: 10 digits starting with 0 or 1, e.g. 0403.019.261."
    ),
    "kvk_invalid": _("A KvK number has exactly 8 digits, e.g. 12345678."),
    "country_unknown": _("Choose Belgium or the Netherlands."),
    "vat_invalid": _("This VAT number is not valid, e.g. BE0403019261 or NL004495445B01."),
    "vat_wrong_country": _("The VAT number belongs to another country than the company."),
    "nace_invalid": _("%(code)s is not a NACE code of the chosen revision."),
}


EARLIEST_DATE = dt.date(1800, 1, 1)


def check_date(value: dt.date | None, *, future: str | None = None) -> None:
    """Refuse a date that cannot be true: before 1800 (a typo such as 0202 for 2020), or, with a `future` message, after
    today (Brussels)."""
    if value is None:
        return
    if value < EARLIEST_DATE:
        raise ValidationError(
            gettext("Enter a date on or after %(date)s.") % {"date": format_date(EARLIEST_DATE)}, code="too_early"
        )
    if future is not None and value > clock.today_brussels():
        raise ValidationError(future, code="future")


class AmountField(LocalizedDecimalField):
    """An amount in euros typed the Dutch or English way ('1.234,56', '1234.56', '€ 1.234'), read by the one strict
    parser; what does not fit the column (max_digits) or has more than two decimals is refused at the field."""

    def __init__(self, *, allow_negative: bool = False, max_digits: int = 16, **kwargs: Any) -> None:
        kwargs.setdefault("decimal_places", 2)
        if not allow_negative:
            kwargs.setdefault("min_value", Decimal("0"))
        error_messages = {
            "invalid": _("Enter an amount, e.g. 1.250.000,00."),
            "min_value": _("The amount cannot be negative."),
            "max_decimal_places": _("Use at most two decimals."),
            "max_digits": _("This amount is too large."),
            "max_whole_digits": _("This amount is too large."),
            **kwargs.pop("error_messages", {}),
        }
        self.allow_negative = allow_negative
        super().__init__(max_digits=max_digits, error_messages=error_messages, **kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")


class CompanyForm(forms.ModelForm):
    nace = forms.CharField(
        label=_("NACE codes"),
        required=False,
        help_text=_("Separate codes with commas; the first is the main activity. E.g. 62.01, 72.19"),
    )
    nace_revision = forms.ChoiceField(
        label=_("NACE revision"), choices=[("2.0", "NACE Rev. 2"), ("2.1", "NACE Rev. 2.1")]
    )
    themes = SafeModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    local_authority_budget = AmountField(label=_("Annual budget of the local authority (€)"), required=False)

    class Meta:
        model = Company
        fields = [
            "kind",
            "legal_name",
            "legal_form",
            "country",
            "enterprise_number",
            "foreign_identifier",
            "vat_number",
            "role",
            "founded_on",
            "website",
            "description",
            "description_en",
            "themes",
            "investor_type",
            "local_authority_budget",
            "local_authority_inhabitants",
        ]
        field_classes = {"founded_on": IsoDateField}
        widgets = {
            "founded_on": IsoDateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["themes"].queryset = programme.themes.all()
        if self.instance.pk:
            codes = list(self.instance.nace_codes.all())
            self.initial.setdefault("nace", ", ".join(n.code for n in codes))
            if codes:
                self.initial.setdefault("nace_revision", codes[0].revision)

        # Holders that are not platform companies (persons, public bodies, enterprises abroad) are recorded here too.
        self.fields["kind"].required = False
        self.fields["kind"].help_text = _(
            "A natural person or a public body can be recorded as a holder of shares, for the SME test."
        )
        self.fields["investor_type"].help_text = _(
            "Investors listed in the SME definition: a stake of 25-50 % by them does not make them a partner."
        )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or PartyKind.ENTERPRISE

    def clean_founded_on(self) -> dt.date | None:
        founded = self.cleaned_data.get("founded_on")
        check_date(founded, future=gettext("The founding date cannot be in the future."))
        return founded

    def _check_registered_enterprise(self, data: dict[str, Any]) -> None:
        """A Belgian or Dutch enterprise has a KBO/KvK number, a legal form and a founding date; a person, a public
        body or an enterprise abroad needs none of them (a foreign enterprise may give its own identifier)."""
        if data.get("kind", PartyKind.ENTERPRISE) != PartyKind.ENTERPRISE or data.get("country") not in {"BE", "NL"}:
            return
        for name in ("enterprise_number", "legal_form", "founded_on"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("This field is required."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_registered_enterprise(data)
        if data.get("investor_type") != InvestorType.LOCAL_AUTHORITY:
            data["local_authority_budget"], data["local_authority_inhabitants"] = None, None
        country = data.get("country")
        if country in {"BE", "NL"} and data.get("enterprise_number"):
            try:
                data["enterprise_number"] = normalise_enterprise_number(country, data["enterprise_number"])
            except IdentifierError as exc:
                self.add_error("enterprise_number", IDENTIFIER_MESSAGES[exc.code])
        if country in {"BE", "NL"} and data.get("vat_number"):
            try:
                data["vat_number"] = normalise_vat(country, data["vat_number"])
            except IdentifierError as exc:
                self.add_error("vat_number", IDENTIFIER_MESSAGES[exc.code])
            else:
                if "enterprise_number" not in self.errors and not vat_matches_enterprise_number(
                    country, data["vat_number"], data.get("enterprise_number", "")
                ):
                    self.add_error("vat_number", _("A Belgian VAT number is BE followed by the enterprise number."))
        if country and data.get("enterprise_number") and "enterprise_number" not in self.errors:
            clash = Company.objects.filter(country=country, enterprise_number=data["enterprise_number"])
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("enterprise_number", _("A company with this number is already registered."))
        codes, revision = [], data.get("nace_revision") or "2.0"
        for raw in (data.get("nace") or "").replace(";", ",").split(","):
            if not raw.strip():
                continue
            try:
                code = normalise_nace(raw, revision)
            except IdentifierError:
                self.add_error("nace", IDENTIFIER_MESSAGES["nace_invalid"] % {"code": raw.strip()})
                continue
            if code not in codes:
                codes.append(code)
        data["nace_codes"] = codes
        return data


class EstablishmentForm(forms.ModelForm):
    class Meta:
        model = Establishment
        fields = ["name", "street", "postcode", "city", "country", "is_registered_office", "is_project_site"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        country, postcode = data.get("country"), data.get("postcode")
        if country and postcode:
            try:
                data["postcode"] = normalise_postcode(country, postcode)
            except PostcodeError:
                message = (
                    _("A Belgian postcode has four digits, e.g. 2000.")
                    if country == "BE"
                    else _("A Dutch postcode has four digits and two letters, e.g. 4331 AB.")
                )
                self.add_error("postcode", message)
            else:
                if nuts3_for_postcode(country, data["postcode"]) is None:
                    self.add_error(
                        "postcode",
                        _("This postcode does not exist in %(country)s.")
                        % {"country": dict(self.fields["country"].choices)[country]},
                    )
        return data


class FinancialYearForm(forms.ModelForm):
    year = LocalizedIntegerField(
        label=capfirst(FinancialYear._meta.get_field("year").verbose_name), min_value=1900, max_value=2100
    )
    staff_fte = LocalizedDecimalField(
        label=_("Staff (FTE)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "max_digits": _("Enter the staff in FTE, e.g. 12,5."),
            "max_whole_digits": _("Enter the staff in FTE, e.g. 12,5."),
        },
    )
    annual_work_units = LocalizedDecimalField(
        label=_("Staff in annual work units (AWU)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text=_(
            "The SME test counts staff in annual work units (Art. 5 of the SME definition): everyone who worked "
            "full-time all year counts as 1, part-time and seasonal work as fractions. Leave out apprentices and "
            "students in vocational training, and the time of maternity and parental leave. When empty, the FTE "
            "are used."
        ),
        error_messages={
            "max_digits": _("Enter the staff in AWU, e.g. 12,5."),
            "max_whole_digits": _("Enter the staff in AWU, e.g. 12,5."),
        },
    )
    turnover = AmountField(label=_("Turnover (€)"))
    balance_sheet_total = AmountField(label=_("Balance-sheet total (€)"))
    equity = AmountField(label=_("Equity (€)"), allow_negative=True)
    subscribed_capital = AmountField(label=_("Subscribed capital incl. share premium (€)"))
    book_debt = AmountField(label=_("Book debt (€)"), required=False)
    ebitda = AmountField(label=_("EBITDA (€)"), required=False, allow_negative=True)
    interest_expense = AmountField(label=_("Interest expense (€)"), required=False)

    class Meta:
        model = FinancialYear
        fields = [
            "year",
            "closing_date",
            "staff_fte",
            "annual_work_units",
            "turnover",
            "balance_sheet_total",
            "equity",
            "subscribed_capital",
            "is_interim",
            "is_estimate",
            "attested_on",
            "attested_by",
            "collective_insolvency",
            "rescue_aid_outstanding",
            "restructuring_aid_running",
            "book_debt",
            "ebitda",
            "interest_expense",
        ]
        field_classes = {"closing_date": IsoDateField, "attested_on": IsoDateField}
        widgets = {"closing_date": IsoDateInput(), "attested_on": IsoDateInput()}

    def __init__(self, *args: Any, company: Company | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        this_year = clock.today_brussels().year
        if year is not None and year > this_year:
            raise ValidationError(
                gettext("A financial year cannot be later than the current year (%(year)s).") % {"year": this_year},
                code="future",
            )
        return year

    def clean_closing_date(self) -> dt.date | None:
        closing = self.cleaned_data.get("closing_date")
        check_date(closing, future=gettext("The closing date cannot be in the future: enter closed years only."))
        return closing

    def clean_attested_on(self) -> dt.date | None:
        attested = self.cleaned_data.get("attested_on")
        check_date(attested, future=gettext("The attestation date cannot be in the future."))
        return attested

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_interim") and not (data.get("attested_on") and data.get("attested_by")):
            self.add_error(
                "attested_on",
                _(
                    "Interim figures count only when an auditor or accountant attested them: "
                    "enter the date and who attested them."
                ),
            )
        self._check_estimate(data)
        year = data.get("year")
        closing = data.get("closing_date")
        if year and closing and not data.get("is_interim") and not year <= closing.year <= year + 1:
            self.add_error(
                "closing_date",
                gettext("The closing date of financial year %(year)s must fall in %(year)s or in the following year.")
                % {"year": year},
            )
        if year and self.company is not None:
            clash = FinancialYear.objects.filter(
                company=self.company, year=year, is_interim=bool(data.get("is_interim"))
            )
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("year", _("Figures for this year are already entered; edit them instead."))
        return data

    def _check_estimate(self, data: dict[str, Any]) -> None:
        """Art. 4(3): a good-faith estimate is for the current year of a new enterprise, attested, and not at the same
        time interim figures."""
        if not data.get("is_estimate"):
            return
        if data.get("is_interim"):
            self.add_error("is_estimate", _("Figures are either interim figures or an estimate, not both."))
        if not (data.get("attested_on") and data.get("attested_by")):
            self.add_error(
                "attested_on",
                _(
                    "A good-faith estimate counts only when it is attested: enter the date and who attested it "
                    "(the manager, an accountant or an auditor)."
                ),
            )
        this_year = clock.today_brussels().year
        if data.get("year") and data["year"] != this_year:
            self.add_error(
                "year",
                gettext("An estimate is made for the current financial year (%(year)s).") % {"year": this_year},
            )
        if (
            self.company is not None
            and self.company.financial_years.filter(is_estimate=False, is_interim=False).exists()
        ):
            self.add_error(
                "is_estimate", _("Closed accounts are entered: an estimate is only for a new enterprise without them.")
            )


class HoldingForm(forms.ModelForm):
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[
            ("out", _("This company holds shares in the other enterprise")),
            ("in", _("The other enterprise holds shares in this company")),
        ],
        widget=forms.RadioSelect,
    )
    other = SafeModelChoiceField(label=_("Other enterprise"), queryset=Company.objects.all())
    percent = LocalizedDecimalField(
        label=_("Share of capital (%)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    voting_percent = LocalizedDecimalField(
        label=_("Share of voting rights (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Leave empty when equal to the share of capital. The higher of the two counts."),
    )
    invested_amount = AmountField(
        label=_("Total amount invested by the holder (€)"),
        required=False,
        help_text=_("For a business angel: a stake counts as exempt only below € 1.250.000 invested in total."),
    )

    class Meta:
        model = Holding
        fields = [
            "percent",
            "voting_percent",
            "has_control",
            "appoints_board_majority",
            "controls_votes_by_agreement",
            "acting_jointly_group",
            "market_relation",
            "invested_amount",
            "started_on",
            "ended_on",
        ]
        field_classes = {"started_on": IsoDateField, "ended_on": IsoDateField}
        widgets = {"started_on": IsoDateInput(), "ended_on": IsoDateInput()}

    def __init__(self, *args: Any, company: Company, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company
        # A holding changes the other enterprise's SME test too, so both sides must be companies the user may
        # change (members of both, or the secretariat); other links are recorded by the secretariat.
        from .permissions import can_edit_company, can_record_holding_with_any_company

        editable = [c.pk for c in Company.objects.exclude(pk=company.pk).filter(memberships__user=user)]
        if can_edit_company(user, company).allowed and can_record_holding_with_any_company(user).allowed:
            self.fields["other"].queryset = Company.objects.exclude(pk=company.pk)
        else:
            self.fields["other"].queryset = Company.objects.filter(pk__in=editable)
        self.fields["other"].help_text = _(
            "Only companies you manage are listed. Ask the programme secretariat to record a holding in or by "
            "another enterprise."
        )

    def clean_started_on(self) -> dt.date | None:
        started = self.cleaned_data.get("started_on")
        check_date(started, future=gettext("A holding cannot start in the future; record it once it exists."))
        return started

    def clean_ended_on(self) -> dt.date | None:
        ended = self.cleaned_data.get("ended_on")
        check_date(ended)
        return ended

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and started > ended:
            self.add_error(
                "ended_on",
                gettext("The holding cannot end (%(end)s) before it started (%(start)s).")
                % {"end": format_date(ended), "start": format_date(started)},
            )
        other = data.get("other")
        if other:
            owner, owned = (self.company, other) if data.get("direction") == "out" else (other, self.company)
            if Holding.objects.filter(owner=owner, owned=owned).exists():
                self.add_error("other", _("This holding is already recorded; delete it first to change it."))
            self.instance.owner, self.instance.owned = owner, owned
        return data


class DeMinimisAidForm(forms.ModelForm):
    amount = AmountField(
        label=_("Amount (€)"),
        max_digits=14,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("Enter an amount above zero.")},
    )

    class Meta:
        model = DeMinimisAid
        fields = ["granted_on", "amount", "granting_body", "member_state", "description", "origin", "origin_source"]
        field_classes = {"granted_on": IsoDateField}
        widgets = {"granted_on": IsoDateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["origin"].required = False

    def clean_origin(self) -> str:
        return self.cleaned_data.get("origin") or AidOrigin.OWN

    def clean_granted_on(self) -> dt.date | None:
        granted = self.cleaned_data.get("granted_on")
        check_date(granted, future=gettext("Record aid once it has been granted: the date cannot be in the future."))
        return granted


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))


def _import_max_megabytes() -> str:
    """COMPANY_IMPORT_MAX_BYTES in MB as the messages quote it ("5", or "2,5" in Dutch)."""
    megabytes = Decimal(settings.COMPANY_IMPORT_MAX_BYTES) / (1024 * 1024)
    return format_number(megabytes, 0 if megabytes == megabytes.to_integral_value() else 1)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext("At most %(size)s MB. Use the template for the columns.") % {
            "size": _import_max_megabytes()
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > settings.COMPANY_IMPORT_MAX_BYTES:
            raise ValidationError(gettext("The file is larger than %(size)s MB.") % {"size": _import_max_megabytes()})
        return upload
