"""The filters every figure of the dashboard, its CSV downloads and the yearly report take: a call, a period
(dates in Europe/Brussels, both ends included) and a partner organisation (agency)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import PartnerOrganisation
from crossroads.core import clock
from crossroads.core.fields import IsoDateField
from crossroads.programme.models import Call


@dataclass(frozen=True)
class InsightFilter:
    """What the figures are restricted to. Empty fields restrict nothing."""

    call: Call | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    agency: PartnerOrganisation | None = None
    # Results one request computes for several figures (the size classes of the funded companies); a filter lives
    # for one request, so nothing here outlives the data it was computed from.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def start(self) -> dt.datetime | None:
        """The first moment of the period (midnight of `date_from` in Brussels)."""
        if self.date_from is None:
            return None
        return dt.datetime.combine(self.date_from, dt.time.min, tzinfo=clock.BRUSSELS)

    @property
    def end(self) -> dt.datetime | None:
        """The first moment after the period (midnight after `date_to` in Brussels)."""
        if self.date_to is None:
            return None
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=clock.BRUSSELS)

    @property
    def is_empty(self) -> bool:
        return self.call is None and self.date_from is None and self.date_to is None and self.agency is None

    def moments(self, field: str) -> dict[str, dt.datetime]:
        """ORM lookups that keep a date-time `field` inside the period."""
        out = {}
        if self.start is not None:
            out[f"{field}__gte"] = self.start
        if self.end is not None:
            out[f"{field}__lt"] = self.end
        return out

    def days(self, field: str) -> dict[str, dt.date]:
        """ORM lookups that keep a date `field` inside the period."""
        out = {}
        if self.date_from is not None:
            out[f"{field}__gte"] = self.date_from
        if self.date_to is not None:
            out[f"{field}__lte"] = self.date_to
        return out


class InsightFilterForm(forms.Form):
    """The GET form above the dashboard. The call and the agency are chosen by their code; unknown codes, dates
    that are not dates and a period that ends before it starts are form errors, never a server error."""

    call = forms.ChoiceField(label=_("Call"), required=False)
    date_from = IsoDateField(label=_("From"), required=False)
    date_to = IsoDateField(label=_("Until"), required=False)
    agency = forms.ChoiceField(label=_("Partner organisation"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calls = {c.code: c for c in Call.objects.order_by("opens_at", "code")}
        self.agencies = {a.code: a for a in PartnerOrganisation.objects.order_by("name")}
        cast(forms.ChoiceField, self.fields["call"]).choices = [
            ("", _("All calls")),
            *((code, c.name) for code, c in self.calls.items()),
        ]
        cast(forms.ChoiceField, self.fields["agency"]).choices = [
            ("", _("All partner organisations")),
            *((code, a.name) for code, a in self.agencies.items()),
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data

    def to_filter(self) -> InsightFilter:
        """The filter of a valid form; an invalid form filters nothing (the page shows its errors)."""
        if not self.is_valid():
            return InsightFilter()
        data = self.cleaned_data
        return InsightFilter(
            call=self.calls.get(data.get("call") or ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            agency=self.agencies.get(data.get("agency") or ""),
        )
