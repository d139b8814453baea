from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from crossroads.core.fields import LocalizedIntegerField, SafeModelMultipleChoiceField
from crossroads.programme.models import Theme

from .countries import programme_countries
from .models import (
    LANGUAGE_CHOICES,
    CooperationProfile,
    Introduction,
    IntroductionStatus,
    ReplyStatus,
    TitleKind,
    lines,
)
from .search import SearchQuery
from .selectors import filters_from


class StrictIntegerField(LocalizedIntegerField):
    """A whole number read by the one strict parser (no "٣", no exponent, no 40 digits), worded for a TRL."""

    default_error_messages = {"invalid": _("Enter a whole number, for example 4.")}


class CooperationProfileForm(forms.ModelForm):
    title_kind = forms.ChoiceField(
        label=_("Start the title with"),
        choices=[("", _("Nothing: the title alone")), *TitleKind.choices],
        required=False,
        help_text=_("Shown in the reader's language, for example “Wanted: …” or “Gezocht: …”."),
    )
    themes = SafeModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    trl = StrictIntegerField(
        label=_("Technology readiness level (TRL)"),
        required=False,
        min_value=1,
        max_value=9,
        help_text=_("From 1 (basic principles observed) to 9 (proven in operation)."),
    )

    class Meta:
        model = CooperationProfile
        fields = ["title_kind", "title", "offers", "seeks", "idea", "themes", "trl", "languages", "is_anonymous"]
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 4}),
            "seeks": forms.Textarea(attrs={"rows": 3}),
            "idea": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programme is not None:
            self.fields["themes"].queryset = programme.themes.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not lines(data.get("offers", "")) and not lines(data.get("seeks", "")):
            self.add_error("offers", _("Describe at least what you offer or what partner you seek."))
        for field in ("offers", "seeks"):
            for line in lines(data.get(field, "")):
                if len(line.split()) < 3:
                    self.add_error(
                        field,
                        _(
                            "Write each line as a short sentence (at least three words): "
                            "“%(line)s” is too short to match on."
                        )
                        % {"line": line},
                    )
                    break
        return data


class InterestForm(forms.Form):
    sender = forms.ChoiceField(label=_("On behalf of"))
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=20,
        max_length=2000,
        help_text=_("Say who you are, what you have in mind and why this partner fits."),
    )

    def __init__(self, *args: Any, companies: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sender"].choices = [(str(c.pk), c.legal_name) for c in companies]


class IntroductionForm(forms.ModelForm):
    class Meta:
        model = Introduction
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 5})}


class IntroductionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Outcome"), choices=IntroductionStatus.choices)


_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]{5,30}")


class IntroductionReplyForm(forms.Form):
    """A company's answer to an introduction."""

    answer = forms.ChoiceField(
        label=_("Are you interested in this introduction?"),
        choices=[(ReplyStatus.INTERESTED, _("Yes, we are interested")), (ReplyStatus.NOT_INTERESTED, _("No, not now"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether your company is interested.")},
    )
    note = forms.CharField(
        label=_("Note to your adviser (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
    phone = forms.CharField(
        label=_("Telephone number for the other company (optional)"),
        max_length=40,
        required=False,
        help_text=_("Given to the other company, with your name and e-mail address, only when both are interested."),
    )

    def clean_phone(self) -> str:
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not _PHONE.fullmatch(phone):
            raise ValidationError(_("Enter a telephone number such as +32 14 12 34 56."), code="invalid")
        return phone

    @property
    def interested(self) -> bool:
        return self.cleaned_data["answer"] == ReplyStatus.INTERESTED


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this search"),
        max_length=120,
        error_messages={"required": _("Give the search a name to save it.")},
    )


SIZE_CHOICES = [
    ("micro", _("micro enterprise")),
    ("small", _("small enterprise")),
    ("medium", _("medium-sized enterprise")),
    ("large", _("large enterprise")),
]
_NACE = re.compile(r"[0-9A-Za-z.,\s]*")
# "c:<company id>" or "p:<public id of a profile>" (a legacy "p:<pk>" is accepted for one's own profiles)
KEY = re.compile(r"[cp]:(?:[0-9]{1,19}|[0-9a-f]{32})")


class PartnerSearchForm(forms.Form):
    """The find-partners query (page, API and saved searches): every value is checked, so that a forged or
    mistyped one is an error at its field, not a 500 or a silently different search."""

    q = forms.CharField(label=_("Or describe what you are looking for"), max_length=500, required=False)
    seek = forms.CharField(label=_("For one request only"), max_length=2000, required=False)
    country = forms.MultipleChoiceField(label=_("Country"), choices=[], required=False)
    province = forms.MultipleChoiceField(label=_("Province"), choices=[], required=False)
    theme = forms.MultipleChoiceField(label=_("Themes"), choices=[], required=False)
    size = forms.MultipleChoiceField(label=_("Size"), choices=SIZE_CHOICES, required=False)
    nace = forms.CharField(label=_("NACE codes (prefixes, comma-separated)"), max_length=200, required=False)
    trl_min = StrictIntegerField(label=_("TRL from"), min_value=1, max_value=9, required=False)
    trl_max = StrictIntegerField(label=_("TRL to"), min_value=1, max_value=9, required=False)

    def __init__(
        self,
        *args: Any,
        options: list[tuple[str, str]],
        themes: list[str],
        provinces: list[str],
        countries: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # the programme's sides (a German-Dutch scheme filters on DE and NL)
        self.fields["country"].choices = programme_countries(countries)
        self.fields["for"] = forms.CharField(label=_("Suggestions for"), max_length=40, required=False)
        self.options = options
        self.fields["theme"].choices = [(code, code) for code in themes]
        self.fields["province"].choices = [(code, code) for code in provinces]

    def searcher_key(self) -> str | None:
        """The key the search is for: the chosen one; None (the user's first) when none was sent; "" (none) when
        the one sent is not valid."""
        if self.is_valid():
            return self.cleaned_data.get("for") or None
        return "" if self.data.get("for") else None

    def search_query(self) -> SearchQuery | None:
        """The search asked for, or None while the form has errors."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return SearchQuery(
            key=self.searcher_key(),
            text=(data.get("q") or "").strip(),
            seek=(data.get("seek") or "").strip(),
            filters=filters_from(data),
        )

    def clean_for(self) -> str:
        key = self.cleaned_data.get("for") or ""
        if key and not KEY.fullmatch(key):
            raise ValidationError(_("Choose one of your companies or profiles."), code="invalid")
        return key

    def clean_nace(self) -> str:
        nace = self.cleaned_data.get("nace") or ""
        if not nace.isascii() or not _NACE.fullmatch(nace):
            raise ValidationError(_("Enter NACE codes such as 38.32 or 26, separated by commas."), code="invalid")
        return nace

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("trl_min"), data.get("trl_max")
        if low is not None and high is not None and low > high:
            self.add_error("trl_max", _("The upper TRL cannot be below the lower one."))
        return data
