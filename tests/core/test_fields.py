"""core.fields: numbers typed the Dutch or English way, ISO dates in date inputs, ids that cannot break a lookup."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from crossroads.core.fields import (
    IsoDateField,
    IsoDateInput,
    LocalizedDecimalField,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)
from crossroads.programme.models import Theme


class AmountForm(forms.Form):
    amount = LocalizedDecimalField(max_digits=16, decimal_places=2, required=False)


class DateForm(forms.Form):
    on = IsoDateField()


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("nl", "1.250,50", "1250.50"),
        ("nl", "1250.50", "1250.50"),
        ("nl", "1 250", "1250"),
        ("en", "1,250.50", "1250.50"),
        ("en", "1250.50", "1250.50"),
    ],
)
def test_localized_decimal_reads_both_notations(language: str, typed: str, expected: str) -> None:
    with translation.override(language):
        form = AmountForm({"amount": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal(expected)


@pytest.mark.parametrize("typed", ["٣", "1e3", "NaN", "Infinity", "12,34,5", "1.2.3,4,5", "--1", "\x00"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_localized_decimal_refuses_other_text_and_shows_it_back(language: str, typed: str) -> None:
    with translation.override(language):
        form = AmountForm({"amount": typed})
        assert not form.is_valid()
        html = str(form["amount"])
    assert form.has_error("amount", "invalid")
    if typed != "\x00":
        assert f'value="{typed}"' in html  # what was typed is shown back to correct


@pytest.mark.parametrize("typed", ["1000000000000000000000000000000", "12345678901234567", "1.234"])
def test_localized_decimal_refuses_what_does_not_fit_the_column(typed: str) -> None:
    """16 digits with 2 decimals: 1e30 (31 digits), 17 digits, three decimals are refused at the field."""
    with translation.override("en"):
        form = AmountForm({"amount": typed})
        assert not form.is_valid()
    assert "amount" in form.errors


def test_localized_decimal_renders_in_the_users_language() -> None:
    with translation.override("nl"):
        html = str(AmountForm(initial={"amount": Decimal("1250.50")})["amount"])
    assert 'value="1250,50"' in html
    assert 'type="text"' in html and 'inputmode="decimal"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_iso_date_input_renders_iso_in_every_language(language: str) -> None:
    with translation.override(language):
        html = IsoDateInput().render("on", dt.date(2027, 2, 1))
        bound = str(DateForm(initial={"on": dt.date(2027, 2, 1)})["on"])
    assert 'value="2027-02-01"' in html
    assert 'value="2027-02-01"' in bound
    assert 'type="date"' in html


@pytest.mark.parametrize("typed", ["2027-02-01", "01-02-2027"])
def test_iso_date_field_reads_iso_and_dutch(typed: str) -> None:
    with translation.override("nl"):
        form = DateForm({"on": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2027, 2, 1)


class ThemeForm(forms.Form):
    theme = SafeModelChoiceField(queryset=Theme.objects.all())
    themes = SafeModelMultipleChoiceField(queryset=Theme.objects.all(), required=False)


@pytest.mark.parametrize("bad", ["9" * 40, "٣", "１", "-1", "1.5", "\x00"])
def test_malformed_ids_are_an_invalid_choice(programme, bad: str) -> None:  # type: ignore[no-untyped-def]
    form = ThemeForm({"theme": bad, "themes": [bad]})
    assert not form.is_valid()
    assert form.has_error("theme", "invalid_choice")
    assert form.has_error("themes", "invalid_choice")


def test_a_real_id_is_still_chosen(programme) -> None:  # type: ignore[no-untyped-def]
    theme = Theme.objects.first()
    form = ThemeForm({"theme": str(theme.pk), "themes": [str(theme.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["theme"] == theme
    assert list(form.cleaned_data["themes"]) == [theme]
