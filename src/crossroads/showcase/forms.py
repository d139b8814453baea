"""Forms of the public showcase: the project filters, the adviser finder, the story and its review."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.programme.models import Call, Theme

from .services.stories import LIMITS, NOTE_LIMIT

STATUS_CHOICES = [("", _("All")), ("running", _("Running")), ("finished", _("Finished"))]
COUNTRY_CHOICES = [("", _("Both countries")), ("BE", _("Belgium")), ("NL", _("Netherlands"))]


class ProjectFilterForm(forms.Form):
    """The filters of /projects/: a value that is not on offer is reported and ignored, never an error page."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), choices=COUNTRY_CHOICES, required=False)
    call = forms.ChoiceField(label=_("Call"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)

    def __init__(self, *args: object, themes: list[Theme], calls: list[Call], years: list[int], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", _("All themes")),
            *((t.code, t.name) for t in themes),
        ]
        cast(forms.ChoiceField, self.fields["call"]).choices = [
            ("", _("All calls")),
            *((c.code, c.name) for c in calls),
        ]
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", _("All years")),
            *((str(y), str(y)) for y in years),
        ]

    def filters(self) -> dict[str, object]:
        """The valid filters (an invalid one is left out; its error shows in the summary)."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        filters: dict[str, object] = {
            "text": data.get("q", ""),
            "theme": data.get("theme", ""),
            "country": data.get("country", ""),
            "call": data.get("call", ""),
            "status": data.get("status", ""),
        }
        if data.get("year"):
            filters["year"] = int(data["year"])
        return filters


class AdviserFinderForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Country"),
        choices=[("BE", _("Belgium")), ("NL", _("Netherlands"))],
        initial="BE",
        widget=forms.RadioSelect,
    )
    postcode = forms.CharField(
        label=_("Postcode of your company"),
        max_length=12,
        help_text=_("For example 2000 (Belgium) or 4331 AB (Netherlands)."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": "10"}),
    )


class StoryForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )
    summary = forms.CharField(
        label=_("Public summary"),
        max_length=LIMITS["summary"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two or three sentences for anyone: what the partners develop together, and for whom."),
    )
    story = forms.CharField(
        label=_("Short story"),
        max_length=LIMITS["story"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How the partners met, what the cooperation across the border brings. No confidential figures."),
    )
    results = forms.CharField(
        label=_("Results"),
        max_length=LIMITS["results"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the project delivered or will deliver: a prototype, a pilot, a new product or service."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the consortium"),
        max_length=NOTE_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return or withdraw the story."),
    )
