"""Personnel costs (crossroads-rules.md 3.5; design/decisions.md "Money"): hourly rate by the call's method,
at most the annual hours per person-year, pro rata for part-time. Figures worked out by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.applications.rules.budget import BudgetError, CostRules, PersonnelLine, hourly_rate, personnel_cost

D = Decimal
DEFAULT = CostRules()


def test_default_rate_is_annual_cost_over_1720_hours():
    """3.5 EU default: hourly rate = annual gross employment cost / 1,720; 86,000 / 1,720 = 50.00."""
    assert hourly_rate(DEFAULT, annual_cost=D("86000"), country="BE") == D("50.00")


def test_rate_is_rounded_half_up_to_the_cent():
    """decisions.md "Money": ROUND_HALF_UP to the cent; 17,208.60 / 1,720 = 10.005 exactly -> 10.01
    (banker's rounding would give 10.00). 60,000 / 1,720 = 34.883... -> 34.88."""
    assert hourly_rate(DEFAULT, annual_cost=D("17208.60"), country="BE") == D("10.01")
    assert hourly_rate(DEFAULT, annual_cost=D("60000"), country="BE") == D("34.88")


def test_rate_has_two_decimals():
    """decisions.md "Money": every amount has exactly two decimals (86,000 / 1,720 is 50.00, not 50)."""
    assert hourly_rate(DEFAULT, annual_cost=D("86000"), country="BE").as_tuple().exponent == -2


def test_fixed_rate_ignores_annual_cost():
    """3.5 vast uurtarief (VUT): the call's fixed hourly rate, whatever the salary (even none given)."""
    rules = CostRules(method="fixed_rate", fixed_rate=D("45.5"))
    assert hourly_rate(rules, annual_cost=D("200000"), country="NL") == D("45.50")
    assert hourly_rate(rules, annual_cost=None, country="BE") == D("45.50")


def test_hourly_cap_limits_the_rate():
    """3.5 hourly cap: min(annual cost / 1,720, cap). 200,000 / 1,720 = 116.28 -> capped at 100.00;
    86,000 / 1,720 = 50.00 stays under the cap."""
    rules = CostRules(method="hourly_cap", hourly_cap=D("100"))
    assert hourly_rate(rules, annual_cost=D("200000"), country="BE") == D("100.00")
    assert hourly_rate(rules, annual_cost=D("86000"), country="BE") == D("50.00")


def test_nl_uplift_for_dutch_partner():
    """3.5 Dutch method: (gross salary + 32 % charges) / 1,720; 60,000 x 1.32 = 79,200; 79,200 / 1,720 =
    46.0465... -> 46.05."""
    rules = CostRules(method="nl_uplift")
    assert hourly_rate(rules, annual_cost=D("60000"), country="NL") == D("46.05")
    assert hourly_rate(rules, annual_cost=D("60000"), country="nl") == D("46.05")


def test_nl_uplift_for_flemish_partner_is_plain_annual_cost():
    """3.5: the uplift is a Dutch method; a BE partner under "nl_uplift" uses annual cost / 1,720:
    60,000 / 1,720 = 34.88."""
    rules = CostRules(method="nl_uplift")
    assert hourly_rate(rules, annual_cost=D("60000"), country="BE") == D("34.88")


def test_annual_cost_method_never_uplifts():
    """3.5: under the default method a Dutch partner gets no uplift: 60,000 / 1,720 = 34.88."""
    assert hourly_rate(DEFAULT, annual_cost=D("60000"), country="NL") == D("34.88")


def test_uplift_and_hours_follow_the_call_data():
    """Architecture "numbers are data": a 25 % uplift over 1,600 hours: 64,000 x 1.25 / 1,600 = 50.00."""
    rules = CostRules(method="nl_uplift", nl_uplift=D("0.25"), annual_hours=1600)
    assert hourly_rate(rules, annual_cost=D("64000"), country="NL") == D("50.00")


@pytest.mark.parametrize(
    ("rules", "annual_cost", "code"),
    [
        (DEFAULT, None, "annual_cost_missing"),
        (CostRules(method="nl_uplift"), None, "annual_cost_missing"),
        (CostRules(method="hourly_cap"), D("86000"), "hourly_cap_missing"),
        (CostRules(method="fixed_rate"), D("86000"), "fixed_rate_missing"),
        (DEFAULT, D("-1"), "annual_cost_negative"),
        (DEFAULT, 86000.0, "annual_cost_not_decimal"),
    ],
)
def test_missing_or_bad_inputs_raise_a_clear_code(rules, annual_cost, code):
    """3.5: each method needs its inputs; a missing one is a ValueError with a stable code, never a wrong rate."""
    with pytest.raises(ValueError, match=code) as error:
        hourly_rate(rules, annual_cost=annual_cost, country="BE")
    assert isinstance(error.value, BudgetError)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"method": "actual"}, "unknown_cost_method"),
        ({"annual_hours": 0}, "annual_hours_invalid"),
        ({"grant_rate": D("1.5")}, "grant_rate_above_one"),
        ({"grant_rate": 0.5}, "grant_rate_not_decimal"),
        ({"max_grant": D("-1")}, "max_grant_negative"),
    ],
)
def test_cost_rules_refuse_bad_call_data(kwargs, code):
    """3.3-3.5: the call's numbers are checked when the rules are built (no float money, rate within 0-100 %)."""
    with pytest.raises(BudgetError, match=code):
        CostRules(**kwargs)


def test_personnel_amount_is_rate_times_hours():
    """3.5: cost = hourly rate x hours; 50.00 x 860 = 43,000.00; a full-time person on 12 months may declare
    1,720 hours."""
    result = personnel_cost(DEFAULT, PersonnelLine("Ann", D("86000"), D("860")), country="BE", duration_months=12)
    assert (result.rate, result.amount, result.max_hours, result.over_hours) == (
        D("50.00"),
        D("43000.00"),
        D("1720.00"),
        False,
    )


def test_personnel_amount_rounded_half_up():
    """decisions.md "Money": 46.05 x 10.5 h = 483.525 -> 483.53 (half-up, to the cent)."""
    rules = CostRules(method="nl_uplift")
    result = personnel_cost(rules, PersonnelLine("Jan", D("60000"), D("10.5")), country="NL", duration_months=12)
    assert result.amount == D("483.53")


def test_part_time_maximum_hours():
    """3.5: at most 1,720 hours per person-year, pro rata for part-time: 0.5 fte over 24 months =
    1,720 x 0.5 x 24 / 12 = 1,720 hours."""
    line = PersonnelLine("Piet", D("43000"), D("1720"), fte=D("0.5"))
    result = personnel_cost(DEFAULT, line, country="NL", duration_months=24)
    assert result.max_hours == D("1720.00")
    assert result.over_hours is False


def test_over_hours_is_flagged_and_amount_still_on_declared_hours():
    """3.5: hours above the maximum are flagged (the caller makes it an error); the amount is still rate x the
    declared hours: 0.5 fte over 24 months allows 1,720 h; 1,720.01 h is over; 25.00 x 1,720.01 = 43,000.25."""
    line = PersonnelLine("Piet", D("43000"), D("1720.01"), fte=D("0.5"))
    result = personnel_cost(DEFAULT, line, country="NL", duration_months=24)
    assert result.over_hours is True
    assert result.amount == D("43000.25")


def test_fractional_maximum_is_compared_exactly():
    """3.5 pro rata: 0.8 fte over 7 months = 1,720 x 0.8 x 7 / 12 = 802.666... h, shown as 802.66 (rounded
    down); 802.66 h is allowed, 802.67 h is over."""
    allowed = personnel_cost(
        DEFAULT, PersonnelLine("Els", D("86000"), D("802.66"), D("0.8")), country="BE", duration_months=7
    )
    over = personnel_cost(
        DEFAULT, PersonnelLine("Els", D("86000"), D("802.67"), D("0.8")), country="BE", duration_months=7
    )
    assert allowed.max_hours == over.max_hours == D("802.66")
    assert (allowed.over_hours, over.over_hours) == (False, True)


def test_duration_not_set_allows_no_hours():
    """3.5 pro rata over the project: 0 months (duration not filled in yet) allow 0 hours; any hour is over."""
    result = personnel_cost(DEFAULT, PersonnelLine("Ann", D("86000"), D("1")), country="BE", duration_months=0)
    assert (result.max_hours, result.over_hours) == (D("0.00"), True)


@pytest.mark.parametrize(
    ("line", "duration", "code"),
    [
        (PersonnelLine("Ann", D("86000"), D("10"), fte=D("0")), 12, "fte_invalid"),
        (PersonnelLine("Ann", D("86000"), D("10"), fte=D("1.2")), 12, "fte_invalid"),
        (PersonnelLine("Ann", D("86000"), D("-1")), 12, "hours_negative"),
        (PersonnelLine("Ann", D("86000"), D("10")), -1, "duration_invalid"),
        (PersonnelLine("Ann", None, D("10")), 12, "annual_cost_missing"),
    ],
)
def test_personnel_line_errors(line, duration, code):
    """3.5: nobody works more than one person-year per year (fte in (0, 1]); hours and duration are not
    negative; the rate needs the annual cost."""
    with pytest.raises(BudgetError, match=code):
        personnel_cost(DEFAULT, line, country="BE", duration_months=duration)


money = st.decimals(min_value=0, max_value=1_000_000, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None, database=None)
@given(annual_cost=money, cap=money)
def test_rate_properties(annual_cost, cap):
    """3.5: the capped rate never exceeds the cap nor the uncapped rate; the Dutch uplift never lowers the rate;
    every rate is within half a cent of the exact quotient and has two decimals."""
    plain = hourly_rate(DEFAULT, annual_cost=annual_cost, country="NL")
    assert abs(plain - annual_cost / 1720) <= D("0.005")
    capped = hourly_rate(CostRules(method="hourly_cap", hourly_cap=cap), annual_cost=annual_cost, country="BE")
    assert capped <= plain and capped <= cap
    uplifted = hourly_rate(CostRules(method="nl_uplift"), annual_cost=annual_cost, country="NL")
    assert uplifted >= plain
    assert {r.as_tuple().exponent for r in (plain, capped, uplifted)} == {-2}
