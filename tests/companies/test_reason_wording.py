"""Every reason code the company rules can emit is worded (nl and en) and names the article it rests on; the new
codes of issue 15 (GBER Art. 2(18)(c)-(e), Reg. (EU) 2023/2831 Art. 3(2), 3(8)-(9)) read as sentences."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils.translation import override

import crossroads.companies.rules as rules_package
from crossroads.companies.rules.types import Reason
from crossroads.companies.verdict_text import ARTICLES, TEXTS, describe

RULES_DIR = Path(rules_package.__file__).parent
CODE = re.compile(r'"((?:size|oim|deminimis|elig)\.[a-z_]+)"')


def emitted_codes() -> set[str]:
    """Every reason code written in the rules (whether in Reason("...") or in a mapping that feeds Reason(code))."""
    return {code for path in RULES_DIR.glob("*.py") for code in CODE.findall(path.read_text(encoding="utf-8"))}


SAMPLE = {
    "name": "Vlasveld Robotics BV",
    "names": "Maasdata BV",
    "year": 2025,
    "years": "2024 - 2025",
    "missing": 1,
    "members": 2,
    "count": 2,
    "state": "NL",
    "granting_state": "BE",
    "used": Decimal("12000"),
    "leverage": Decimal("7.5"),
    "coverage": Decimal("1.0"),
}


def test_every_emitted_reason_code_has_wording_and_an_article():
    """All codes in companies/rules/*.py (53+ of them) are in TEXTS and ARTICLES: none is shown as its bare code."""
    codes = emitted_codes()
    assert len(codes) > 40
    assert sorted(codes - TEXTS.keys()) == []
    assert sorted(codes - ARTICLES.keys()) == []


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    "code",
    [
        "oim.collective_insolvency",
        "oim.rescue_aid_outstanding",
        "oim.restructuring_aid_running",
        "oim.group_figures_needed",
        "oim.leverage_fails",
        "oim.leverage_passes",
        "oim.leverage_figures_needed",
        "oim.leverage_not_two_years",
        "deminimis.other_state",
        "deminimis.merged_aid",
        "deminimis.split_aid",
        "elig.difficulty_figures_needed",
    ],
)
def test_new_codes_read_as_sentences_with_their_article(code, language):
    """Each new code gives a sentence (not the code, no %(...)s left) and its article, in both languages."""
    with override(language):
        text = describe(Reason(code, SAMPLE))
    assert text != code and "%(" not in text and text.article


def test_art_2_18_e_years_read_as_words_not_as_a_list():
    """GBER Art. 2(18)(e) for 2025 and 2026 with 7.5 and 1.0: 'In each of the years 2025 and 2026 ... 7.5 times'."""
    reason = Reason(
        "oim.leverage_fails", {"years": "2025 - 2026", "leverage": Decimal("7.5"), "coverage": Decimal("1.0")}
    )
    with override("en"):
        text = describe(reason)
    assert text.startswith("In each of the years 2025 and 2026 the book debt was more than 7.5 times the equity")
    assert "less than 1.0 times" in text
    assert text.article == "GBER Art. 2(18)(e)"
    with override("en"):
        listed = describe(Reason("oim.leverage_figures_needed", {"years": [2024, 2025, 2026]}))
    assert "(2024, 2025 and 2026)" in listed


def test_art_3_2_other_member_state_aid_names_both_states():
    """Reg. 2023/2831 Art. 3(2): 2 aids of EUR 12,000 granted by the Netherlands to a Belgian applicant count under
    the Dutch ceiling: the sentence names 'Netherlands' and 'Belgium', not NL and BE."""
    reason = Reason(
        "deminimis.other_state", {"state": "NL", "granting_state": "BE", "used": Decimal("12000"), "count": 2}
    )
    with override("en"):
        text = describe(reason)
    assert text == (
        "2 aids granted by Netherlands total €12,000.00; they count under that Member State's own ceiling, not "
        "under that of Belgium."
    )
    assert text.article == "Reg. (EU) 2023/2831 Art. 3(2)"
    with override("en"):
        one = describe(Reason("deminimis.other_state", {**reason.params, "count": 1}))
    assert one.startswith("1 aid granted by Netherlands totals €12,000.00; it counts")


def test_art_3_2_headroom_names_the_member_state_when_known():
    """Reg. 2023/2831 Art. 3(2): 1 aid of EUR 10,000 granted by Belgium leaves EUR 290,000 under the Belgian
    ceiling; without a recorded state the sentence stays the one without it."""
    params = {
        "count": 1,
        "start": dt.date(2024, 1, 1),
        "end": dt.date(2026, 12, 31),
        "used": Decimal("10000"),
        "ceiling": Decimal("300000"),
        "headroom": Decimal("290000"),
    }
    with override("en"):
        with_state = describe(Reason("deminimis.headroom", {**params, "state": "BE"}))
        without = describe(Reason("deminimis.headroom", {**params, "state": ""}))
    assert with_state.startswith("1 aid granted by Belgium between 1 Jan 2024 and 31 Dec 2026 totals €10,000.00")
    assert without.startswith("1 aid between 1 Jan 2024")
    assert with_state.article == without.article == "Reg. (EU) 2023/2831 Art. 3(2)"


@pytest.mark.parametrize(("missing", "word"), [(1, "linked enterprise has"), (2, "linked enterprises have")])
def test_art_2_18_a_group_figures_needed_follows_the_count(missing, word):
    """GBER Art. 2(18)(a): 1 or 2 linked enterprises without figures for 2025 -> singular or plural sentence."""
    reason = Reason("oim.group_figures_needed", {"year": 2025, "names": "A, B", "missing": missing, "members": 1})
    with override("en"):
        assert f"Figures needed: {missing} {word} no figures for 2025 (A, B)" in describe(reason)
