"""The reporting schedule: a period every N months from the start, the remainder is the final report."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.grants.rules.schedule import project_end, reporting_periods

D = dt.date


def periods(start: D, end: D, interval: int = 6):  # type: ignore[no-untyped-def]
    return reporting_periods(start=start, end=end, interval_months=interval, interim_due_months=1, final_due_months=3)


def test_twenty_four_months_give_three_progress_reports_and_a_final_report():
    got = periods(D(2027, 1, 1), D(2028, 12, 31))
    assert [(p.number, p.final, p.starts_on, p.ends_on, p.due_on) for p in got] == [
        (1, False, D(2027, 1, 1), D(2027, 6, 30), D(2027, 7, 30)),
        (2, False, D(2027, 7, 1), D(2027, 12, 31), D(2028, 1, 31)),
        (3, False, D(2028, 1, 1), D(2028, 6, 30), D(2028, 7, 30)),
        (4, True, D(2028, 7, 1), D(2028, 12, 31), D(2029, 3, 31)),
    ]


def test_a_short_last_stretch_is_part_of_the_final_report():
    got = periods(D(2027, 3, 15), D(2028, 11, 14))  # 20 months
    assert [p.final for p in got] == [False, False, False, True]
    assert got[-1].starts_on == D(2028, 9, 15) and got[-1].ends_on == D(2028, 11, 14)


def test_a_project_of_six_months_has_only_the_final_report():
    (only,) = periods(D(2027, 1, 1), D(2027, 6, 30))
    assert only.final and only.due_on == D(2027, 9, 30)


def test_a_start_on_the_31st_does_not_drift():
    got = periods(D(2027, 1, 31), project_end(D(2027, 1, 31), 24))
    assert [p.starts_on.day for p in got] == [31, 31, 31, 31]


def test_project_end_is_the_day_before_the_same_date_n_months_later():
    assert project_end(D(2027, 3, 1), 24) == D(2029, 2, 28)
    assert project_end(D(2027, 1, 1), 24) == D(2028, 12, 31)


def test_the_end_before_the_start_is_refused():
    with pytest.raises(ValueError):
        periods(D(2027, 2, 1), D(2027, 1, 1))


@given(
    st.dates(min_value=D(2023, 1, 1), max_value=D(2029, 12, 31)),
    st.integers(min_value=1, max_value=36),
    st.integers(min_value=1, max_value=12),
)
def test_periods_cover_the_project_without_gap_or_overlap(start, months, interval):
    end = project_end(start, months)
    got = periods(start, end, interval)
    assert got[0].starts_on == start and got[-1].ends_on == end and got[-1].final
    assert [p.final for p in got].count(True) == 1
    for before, after in itertools.pairwise(got):
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)
    assert all(p.due_on > p.ends_on for p in got)
