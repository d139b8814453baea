"""Diversity: one result per company, at most k results."""

from __future__ import annotations

import pytest

from .conftest import build, ids, profile

SEEK = "sensoren voor het meten van bodemvocht in de akkerbouw"


@pytest.fixture
def engine(hashing_encoder):  # type: ignore[no-untyped-def]
    return build(
        hashing_encoder,
        profile("searcher", "BE", description="Wij telen aardappelen.", seeks=(SEEK,)),
        # Two profiles of one Dutch company, both the best possible fit.
        profile("agri-1", "NL", company="agri", kind="profile", offers=(SEEK,)),
        profile("agri-2", "NL", company="agri", kind="profile", offers=(SEEK + " en grasland",)),
        profile("agri-co", "NL", company="agri", kind="company", description=SEEK),
        *[
            profile(f"nl{i}", "NL", description=f"Bedrijf {i} maakt sensoren voor {topic}.")
            for i, topic in enumerate(
                ["bodemvocht", "kassen", "stallen", "waterbeheer", "bruggen", "fabrieken", "ziekenhuizen", "schepen"]
            )
        ],
    )


def test_two_profiles_of_the_same_company_never_both_appear(engine) -> None:
    for k in (1, 3, 5, 20):
        found = ids(engine.suggest("searcher", k=k))
        assert len([i for i in found if i.startswith("agri")]) == 1
    assert ids(engine.suggest("searcher", k=3))[0].startswith("agri")


def test_one_per_company_in_free_text_search_too(engine) -> None:
    found = ids(engine.search(SEEK, k=20))
    assert len([i for i in found if i.startswith("agri")]) == 1
    assert len(found) == len(set(found))


@pytest.mark.parametrize("k", [1, 2, 5, 9])
def test_k_results_when_there_are_enough(engine, k) -> None:  # type: ignore[no-untyped-def]
    assert len(engine.suggest("searcher", k=k)) == k
    assert len(engine.search(SEEK, k=k)) == k


def test_fewer_than_k_when_there_are_fewer_companies(engine) -> None:
    # 8 single-profile companies + 1 company with three profiles on the Dutch side.
    found = ids(engine.suggest("searcher", k=50))
    assert len(found) == 9
    assert len(set(found)) == 9


def test_k_zero_returns_nothing(engine) -> None:
    assert engine.suggest("searcher", k=0) == []
    assert engine.search(SEEK, k=0) == []


def test_best_candidate_stays_first_after_diversification(hashing_encoder) -> None:
    """Near-copies from different companies are allowed, but the best fit is never pushed down."""
    engine = build(
        hashing_encoder,
        profile("searcher", "BE", seeks=(SEEK,)),
        profile("exact", "NL", offers=(SEEK,)),
        profile("copy", "NL", offers=(SEEK + ".",)),
        profile("far", "NL", offers=("advies over belastingen",)),
    )
    assert ids(engine.suggest("searcher", k=3))[0] in {"exact", "copy"}
    assert ids(engine.suggest("searcher", k=3))[-1] == "far"
