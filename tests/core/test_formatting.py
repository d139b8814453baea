"""The one formatter per language (core.formatting), its template filters, and Django's own localisation, which
reads the same patterns (config/formats): Dutch 1.250,50 and 01-02-2027, English 1,250.50 and 1 Feb 2027."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from crossroads.core import formatting
from crossroads.core.clock import BRUSSELS

UTC = dt.UTC


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        (Decimal("1250.5"), "€ 1.250,50", "€1,250.50"),
        (Decimal("0"), "€ 0,00", "€0.00"),
        (Decimal("-1250.5"), "€ -1.250,50", "-€1,250.50"),
        (Decimal("0.005"), "€ 0,01", "€0.01"),  # half-up to the cent
        (Decimal("-0.005"), "€ -0,01", "-€0.01"),
        (Decimal("12345678901.99"), "€ 12.345.678.901,99", "€12,345,678,901.99"),
        (35000, "€ 35.000,00", "€35,000.00"),
        ("35000.00", "€ 35.000,00", "€35,000.00"),  # what a frozen ranking's JSON keeps
        (None, "–", "–"),
        ("not a number", "–", "–"),
        (Decimal("NaN"), "–", "–"),
    ],
)
def test_money(value, dutch, english):
    with override("nl"):
        assert formatting.format_money(value) == dutch
    with override("en"):
        assert formatting.format_money(value) == english


@pytest.mark.parametrize(
    ("value", "places", "dutch", "english"),
    [
        (Decimal("1250.5"), 2, "1.250,50", "1,250.50"),
        (Decimal("1250.5"), None, "1.250,5", "1,250.5"),
        (Decimal("7.50"), None, "7,5", "7.5"),
        (Decimal("0.25"), None, "0,25", "0.25"),
        (Decimal("100"), None, "100", "100"),
        (Decimal("1E+3"), None, "1.000", "1,000"),
        (Decimal("-1850000"), 2, "-1.850.000,00", "-1,850,000.00"),
        (Decimal("98765432109876.5"), 1, "98.765.432.109.876,5", "98,765,432,109,876.5"),
        (3, 0, "3", "3"),
        (Decimal("1.999"), 2, "2,00", "2.00"),  # rounded, not cut off
        (Decimal("84.15"), 1, "84,2", "84.2"),
        (None, 2, "–", "–"),
    ],
)
def test_number(value, places, dutch, english):
    with override("nl"):
        assert formatting.format_number(value, places) == dutch
    with override("en"):
        assert formatting.format_number(value, places) == english


@pytest.mark.parametrize(
    ("value", "dutch", "english"),
    [
        (750000, "750.000", "750,000"),
        (Decimal("12.5"), "13", "13"),  # half-up, not cut off
        (Decimal("-12.6"), "-13", "-13"),
        (0, "0", "0"),
        (None, "–", "–"),
    ],
)
def test_integer(value, dutch, english):
    with override("nl"):
        assert formatting.format_integer(value) == dutch
    with override("en"):
        assert formatting.format_integer(value) == english


def test_percent_is_given_in_percent():
    with override("nl"):
        assert formatting.format_percent(Decimal("84.1"), 1) == "84,1 %"
        assert formatting.format_percent(Decimal("-2.5")) == "-2,50 %"
        assert formatting.format_percent(Decimal("1250"), 0) == "1.250 %"
        assert formatting.format_percent(None) == "–"
    with override("en"):
        assert formatting.format_percent(Decimal("84.1"), 1) == "84.1%"
        assert formatting.format_percent(Decimal("-2.5")) == "-2.50%"
        assert formatting.format_percent(None) == "–"


def test_share_is_given_as_a_fraction():
    with override("nl"):
        assert formatting.format_share(Decimal("0.841")) == "84,1 %"
        assert formatting.format_share("0.5", 0) == "50 %"
        assert formatting.format_share(Decimal("-0.25")) == "-25,0 %"
        assert formatting.format_share(None) == "–"
    with override("en"):
        assert formatting.format_share(Decimal("0.841")) == "84.1%"
        assert formatting.format_share(None) == "–"


def test_months_have_plural_forms_and_grouped_numbers():
    with override("en"):
        assert formatting.format_months(1) == "1 month"
        assert formatting.format_months(24) == "24 months"
        assert formatting.format_months(1200) == "1,200 months"
        assert formatting.format_months(None) == "–"
    with override("nl"):
        assert formatting.format_months(24).startswith("24 ")
        assert formatting.format_months(1200).startswith("1.200 ")
        assert formatting.format_months(None) == "–"


def test_hours_keep_their_own_decimals():
    with override("en"):
        assert formatting.format_hours(Decimal("7.50")) == "7.5 h"
        assert formatting.format_hours(Decimal("1600")) == "1,600 h"
        assert formatting.format_hours(None) == "–"
    with override("nl"):
        assert formatting.format_hours(Decimal("7.50")).startswith("7,5 ")
        assert formatting.format_hours(Decimal("1600")).startswith("1.600 ")
        assert formatting.format_hours(None) == "–"


def test_dates_day_first_in_both_languages():
    day = dt.date(2027, 2, 1)
    with override("nl"):
        assert formatting.format_date(day) == "01-02-2027"
        assert formatting.format_date_long(day) == "1 februari 2027"
        assert formatting.format_date(None) == "–"
        assert formatting.format_date_long(None) == "–"
    with override("en"):
        assert formatting.format_date(day) == "1 Feb 2027"
        assert formatting.format_date_long(day) == "1 February 2027"
        assert formatting.format_date(None) == "–"
        assert formatting.format_date_long(None) == "–"


def test_a_moment_late_in_the_evening_utc_is_the_next_day_in_brussels():
    winter = dt.datetime(2027, 1, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 February in Brussels (UTC+1)
    summer = dt.datetime(2027, 6, 30, 22, 15, tzinfo=UTC)  # 00:15 on 1 July in Brussels (UTC+2)
    with override("nl"):
        assert formatting.format_date(winter) == "01-02-2027"
        assert formatting.format_date_long(winter) == "1 februari 2027"
        assert formatting.format_brussels(winter) == "01-02-2027 00:30"
        assert formatting.format_brussels(summer) == "01-07-2027 00:15"
        assert formatting.format_brussels(None) == "–"
    with override("en"):
        assert formatting.format_date(winter) == "1 Feb 2027"
        assert formatting.format_brussels(winter) == "1 Feb 2027 00:30"
        assert formatting.format_brussels(summer) == "1 Jul 2027 00:15"
        assert formatting.format_brussels(None) == "–"


def test_a_brussels_moment_is_shown_as_it_is():
    moment = dt.datetime(2027, 2, 1, 17, 0, tzinfo=BRUSSELS)
    with override("nl"):
        assert formatting.format_brussels(moment) == "01-02-2027 17:00"
        assert formatting.format_date(moment) == "01-02-2027"


def test_site_url_joins_the_configured_address(settings):
    settings.CROSSROADS_SITE_URL = "https://crossroads.example/"
    assert formatting.site_url("/applications/12/") == "https://crossroads.example/applications/12/"


def _render(source: str, **context) -> str:
    return Template("{% load money %}" + source).render(Context(context))


def test_the_template_filters_use_the_formatter():
    values = {
        "amount": Decimal("-1250.5"),
        "value": Decimal("1250.5"),
        "pct": Decimal("84.1"),
        "fraction": Decimal("0.841"),
        "day": dt.date(2027, 2, 1),
        "moment": dt.datetime(2027, 1, 31, 23, 30, tzinfo=UTC),
        "nothing": None,
    }
    source = (
        "{{ amount|euro }}|{{ value|number }}|{{ value|number:1 }}|{{ value|integer }}|{{ pct|percent:1 }}|"
        "{{ fraction|share }}|{{ day|date_short }}|{{ day|date_long }}|{{ moment|brussels }}|"
        "{{ nothing|euro }}|{{ nothing|date_short }}|{{ nothing|brussels }}"
    )
    with override("nl"):
        assert _render(source, **values) == (
            "€ -1.250,50|1.250,50|1.250,5|1.251|84,1 %|84,1 %|01-02-2027|1 februari 2027|01-02-2027 00:30|–|–|–"
        )
    with override("en"):
        assert _render(source, **values) == (
            "-€1,250.50|1,250.50|1,250.5|1,251|84.1%|84.1%|1 Feb 2027|1 February 2027|1 Feb 2027 00:30|–|–|–"
        )
    with override("en"):
        assert _render("{{ n|months }}|{{ h|hours }}", n=24, h=Decimal("7.50")) == "24 months|7.5 h"


def test_djangos_own_date_and_number_localisation_follow_the_formats():
    day = dt.date(2027, 2, 1)
    moment = timezone.make_aware(dt.datetime(2027, 2, 1, 14, 0), BRUSSELS)
    source = "{{ day }}|{{ day|date }}|{{ day|date:'SHORT_DATE_FORMAT' }}|{{ amount }}|{{ big }}"
    context = {"day": day, "amount": Decimal("1250.50"), "big": 1250}
    with override("nl"):
        assert Template(source).render(Context(context)) == "1 februari 2027|1 februari 2027|01-02-2027|1250,50|1250"
        assert Template("{{ m|date:'SHORT_DATETIME_FORMAT' }}").render(Context({"m": moment})) == "01-02-2027 14:00"
    with override("en"):
        assert Template(source).render(Context(context)) == "1 February 2027|1 February 2027|1 Feb 2027|1250.50|1250"
        rendered = Template("{{ m|date:'SHORT_DATETIME_FORMAT' }}").render(Context({"m": moment}))
        assert rendered == "1 Feb 2027 14:00"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_never_month_first(language):
    """2 January must never read as 1 February: every format puts the day before the month."""
    from django.utils import formats

    moment = dt.datetime(2027, 1, 2, 9, 0)
    with override(language):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            text = formats.date_format(moment, name)
            assert text.startswith(("2 ", "02-")), (name, text)
        for pattern in formats.get_format("DATE_INPUT_FORMATS"):
            assert not pattern.startswith("%m"), pattern


@pytest.mark.parametrize(("language", "typed"), [("nl", "02-01-2027"), ("en", "02-01-2027"), ("en", "2 Jan 2027")])
def test_typed_dates_are_read_day_first(language, typed):
    from django import forms

    with override(language):
        assert forms.DateField().clean(typed) == dt.date(2027, 1, 2)
