from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.programme.models import Theme

from .models import LANGUAGE_CHOICES, CooperationProfile, Introduction, IntroductionStatus, lines


class CooperationProfileForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = CooperationProfile
        fields = ["title", "offers", "seeks", "idea", "themes", "trl", "languages", "is_anonymous"]
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


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of this search"), max_length=120)
