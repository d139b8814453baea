"""Forms of the agreement pages: the acceptance, the bank account, a refusal's reason and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.programme.models import Call

from ..models import AgreementStatus


class AcceptForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the grant agreement and accept it on behalf of my company."),
        required=True,
        error_messages={"required": _("Confirm that you accept the agreement on behalf of your company.")},
    )


class BankAccountForm(forms.Form):
    holder = forms.CharField(label=_("Account holder"), max_length=140)
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("For example BE68 5390 0754 7034; spaces are allowed."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    bic = forms.CharField(
        label=_("BIC"),
        max_length=11,
        help_text=_("The code of the bank, 8 or 11 characters, for example GKCCBEBB."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_bic(self) -> str:
        return self.cleaned_data["bic"].replace(" ", "").upper()


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the refusal"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class AgreementFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    call = forms.TypedChoiceField(label=_("Call"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("Reference, project or company"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *AgreementStatus.choices]  # type: ignore[attr-defined]
        calls = Call.objects.filter(applications__grant__agreement__isnull=False).distinct().order_by("-opens_at")
        self.fields["call"].choices = [("", _("All calls")), *((c.pk, c.name) for c in calls)]  # type: ignore[attr-defined]
