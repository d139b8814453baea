"""Worked examples for the de minimis headroom (Reg. (EU) 2023/2831; crossroads-rules.md 2.5; decisions.md
'Money': EUR 300,000 per single undertaking over a rolling 3 years)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from crossroads.companies.rules.de_minimis import de_minimis_verdict
from crossroads.companies.rules.types import AidEntry, Link

D = Decimal
REFERENCE = dt.date(2025, 6, 15)


def aid(on: dt.date, amount, enterprise="A") -> AidEntry:
    return AidEntry(enterprise, on, D(str(amount)))


def verdict_for(rules, entries, links=(), reference=REFERENCE, subject="A"):
    return de_minimis_verdict(subject, list(entries), list(links), rules, reference=reference)


def codes(verdict) -> list[str]:
    return [r.code for r in verdict.reasons]


# --- the rolling window -------------------------------------------------------------------------------------


def test_window_is_three_years_ending_on_the_reference_date(rules):
    """Reg. 2023/2831 Art. 3(2) 'over any period of three years': 15 June 2022 up to 15 June 2025, both
    inclusive (docs/rules.md: the reading that never lets aid exceed the ceiling; was 16 June 2022)."""
    verdict = verdict_for(rules, [])
    assert verdict.window_start == dt.date(2022, 6, 15)
    assert verdict.window_end == REFERENCE


def test_aid_three_years_and_one_day_old_is_out(rules):
    """Reg. 2023/2831 Art. 3(2): aid of 14 June 2022 is 3 years + 1 day old on 15 June 2025."""
    verdict = verdict_for(rules, [aid(dt.date(2022, 6, 14), 100000)])
    assert verdict.used == D("0")
    assert verdict.headroom == D("300000")
    assert verdict.entries == []


def test_aid_exactly_three_years_old_is_in(rules):
    """Reg. 2023/2831 Art. 3(2): the window starts at reference - 3 years (inclusive), so aid of 15 June 2022
    still counts on 15 June 2025 (the law's reading changed this assertion: it was out)."""
    assert verdict_for(rules, [aid(dt.date(2022, 6, 15), 100000)]).used == D("100000")


def test_aid_on_the_first_day_of_the_window_is_in(rules):
    """Reg. 2023/2831 Art. 3(2): aid of reference - 3 years + 1 day (16 June 2022) counts."""
    verdict = verdict_for(rules, [aid(dt.date(2022, 6, 16), 100000)])
    assert verdict.used == D("100000")
    assert verdict.headroom == D("200000")


def test_aid_on_the_reference_date_counts_and_later_aid_does_not(rules):
    """Reg. 2023/2831 Art. 3(2): the period ends on the reference date; aid granted after it is not used yet."""
    verdict = verdict_for(rules, [aid(REFERENCE, 50000), aid(dt.date(2025, 6, 16), 70000)])
    assert verdict.used == D("50000")


# --- headroom -------------------------------------------------------------------------------------------------


def test_headroom_is_ceiling_minus_used(rules):
    """Reg. 2023/2831 Art. 3(2): EUR 300,000 - (120,000 + 80,000.50) = EUR 99,999.50 left."""
    entries = [aid(dt.date(2024, 2, 1), 80000.50), aid(dt.date(2023, 1, 5), 120000)]
    verdict = verdict_for(rules, entries)
    assert verdict.used == D("200000.50")
    assert verdict.ceiling == D("300000")
    assert verdict.headroom == D("99999.50")
    assert [e.granted_on for e in verdict.entries] == [dt.date(2023, 1, 5), dt.date(2024, 2, 1)]
    assert codes(verdict) == ["deminimis.headroom"]


def test_fits_accepts_up_to_the_headroom(rules):
    """Reg. 2023/2831 Art. 3(2) and decisions.md: a grant above the headroom is an error, exactly it is fine."""
    verdict = verdict_for(rules, [aid(dt.date(2024, 2, 1), 200000)])
    assert verdict.fits(D("100000")) is True
    assert verdict.fits(D("100000.01")) is False
    assert verdict.fits(D("0")) is True


def test_headroom_is_never_negative(rules):
    """Reg. 2023/2831 Art. 3(2): aid beyond the ceiling leaves no headroom (not a negative one)."""
    verdict = verdict_for(rules, [aid(dt.date(2024, 2, 1), 250000), aid(dt.date(2025, 1, 1), 100000)])
    assert verdict.used == D("350000")
    assert verdict.headroom == D("0")
    assert verdict.fits(D("0.01")) is False
    assert codes(verdict)[-1] == "deminimis.exhausted"
    assert verdict.reasons[-1].params["release"] == dt.date(2027, 2, 2)  # was 1 Feb 2027: window inclusive


def test_used_up_exactly_is_exhausted(rules):
    """Reg. 2023/2831 Art. 3(2): EUR 300,000 used exactly leaves nothing."""
    verdict = verdict_for(rules, [aid(dt.date(2024, 2, 1), 300000)])
    assert verdict.headroom == D("0")
    assert "deminimis.exhausted" in codes(verdict)


# --- single undertaking ---------------------------------------------------------------------------------------


def test_aid_of_linked_enterprises_counts(rules):
    """Reg. 2023/2831 Art. 2(2) 'single undertaking': aid to a 60 % parent and to a 100 % subsidiary counts."""
    entries = [
        aid(dt.date(2024, 1, 1), 100000, "A"),
        aid(dt.date(2024, 3, 1), 150000, "PARENT"),
        aid(dt.date(2024, 5, 1), 30000, "SUB"),
    ]
    links = [Link("PARENT", "A", D("60")), Link("A", "SUB", D("100"))]
    verdict = verdict_for(rules, entries, links)
    assert verdict.used == D("280000")
    assert verdict.headroom == D("20000")
    assert "deminimis.single_undertaking" in codes(verdict)
    single = next(r for r in verdict.reasons if r.code == "deminimis.single_undertaking")
    assert single.params["members"] == 3


def test_aid_of_partner_enterprises_does_not_count(rules):
    """Reg. 2023/2831 Art. 2(2): a 40 % shareholder without control is not part of the single undertaking."""
    entries = [aid(dt.date(2024, 1, 1), 100000, "A"), aid(dt.date(2024, 3, 1), 150000, "PARTNER")]
    verdict = verdict_for(rules, entries, [Link("PARTNER", "A", D("40"))])
    assert verdict.used == D("100000")
    assert "deminimis.single_undertaking" not in codes(verdict)


def test_control_without_majority_makes_a_single_undertaking(rules):
    """Reg. 2023/2831 Art. 2(2)(b)-(d): dominant influence (here at 30 %) joins the single undertaking."""
    entries = [aid(dt.date(2024, 1, 1), 100000, "A"), aid(dt.date(2024, 3, 1), 150000, "B")]
    verdict = verdict_for(rules, entries, [Link("B", "A", D("30"), control=True)])
    assert verdict.used == D("250000")


# --- next release ---------------------------------------------------------------------------------------------


def test_next_release_is_when_the_oldest_aid_leaves_the_window(rules):
    """Reg. 2023/2831 Art. 3(2): aid of 1 March 2023 still counts on 1 March 2026 (exactly three years back
    is inside the window) and stops counting on 2 March 2026 (was 1 March: the window is now inclusive)."""
    entries = [aid(dt.date(2024, 1, 10), 50000), aid(dt.date(2023, 3, 1), 100000)]
    verdict = verdict_for(rules, entries)
    assert verdict.next_release == dt.date(2026, 3, 2)
    assert verdict_for(rules, entries, reference=dt.date(2026, 3, 1)).used == D("150000")
    assert verdict_for(rules, entries, reference=dt.date(2026, 3, 2)).used == D("50000")


def test_no_aid_no_release(rules):
    """Reg. 2023/2831 Art. 3(2): nothing used, the full ceiling is free and nothing is to be released."""
    verdict = verdict_for(rules, [aid(dt.date(2020, 1, 1), 999999)])
    assert verdict.used == D("0")
    assert verdict.headroom == D("300000")
    assert verdict.next_release is None


def test_next_release_of_leap_day_aid_matches_the_window(rules):
    """Reg. 2023/2831 Art. 3(2): on the announced release date the aid must no longer count. Aid of
    29 February 2024: the window still holds it on 28 February 2027 (window start = 28 Feb 2024), so the
    release is 1 March 2027, the first day it is out."""
    entries = [aid(dt.date(2024, 2, 29), 100000)]
    release = verdict_for(rules, entries).next_release
    before = verdict_for(rules, entries, reference=release - dt.timedelta(days=1))
    on_release = verdict_for(rules, entries, reference=release)
    assert before.used == D("100000")
    assert on_release.used == D("0"), f"aid still counted on the announced release date {release}"
    assert release == dt.date(2027, 3, 1)


# --- other ceiling and window from the data -------------------------------------------------------------------


def test_ceiling_and_window_come_from_the_rules(rules):
    """Decisions.md 'every value is a parameter' (e.g. Reg. 1407/2013's EUR 200,000): a 2-year window
    drops the January 2023 aid; the 200k ceiling leaves 50k."""
    entries = [aid(dt.date(2023, 1, 10), 120000), aid(dt.date(2024, 5, 1), 150000)]
    standard = verdict_for(rules, entries)
    assert (standard.used, standard.headroom) == (D("270000"), D("30000"))
    other = dataclasses.replace(rules, de_minimis_ceiling=D("200000"), de_minimis_window_years=2)
    verdict = verdict_for(other, entries)
    assert verdict.window_start == dt.date(2023, 6, 15)  # was 16 June: the window is inclusive
    assert verdict.used == D("150000")
    assert verdict.ceiling == D("200000")
    assert verdict.headroom == D("50000")
    assert verdict.next_release == dt.date(2026, 5, 2)  # was 1 May: the window is inclusive
