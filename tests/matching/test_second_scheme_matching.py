"""A second scheme (a German-Dutch one) matches across its own border: the index takes the countries from the
programme, not from the engine's default of Belgium and the Netherlands (issue 11, section 4)."""

from __future__ import annotations

import pytest

from crossroads.matching import index_service
from crossroads.matching.engine import MatchProfile

pytestmark = pytest.mark.django_db


def _german(
    pk: int, *, description: str = "", offers: tuple[str, ...] = (), seeks: tuple[str, ...] = ()
) -> MatchProfile:
    return MatchProfile(
        id=f"c:de-{pk}",
        company_id=f"company:de-{pk}",
        country="DE",
        name=f"DE {pk}",
        description=description,
        offers=offers,
        seeks=seeks,
    )


def _suggested(key: str) -> set[str]:
    return {m.id for m in index_service.get_engine().suggest(key, k=20)}


def test_the_default_scheme_pairs_belgium_with_the_netherlands(programme, market):
    engine = index_service.get_engine()
    assert engine.countries == ("BE", "NL")
    flemish = {f"c:{market['be'].pk}", f"c:{market['other_be'].pk}", market["be_profile"].index_key}
    assert _suggested(market["nl_profile"].index_key) & flemish


def test_a_german_dutch_scheme_matches_germany_with_the_netherlands_only(programme, market):
    programme.countries = ["DE", "NL"]
    programme.save()
    index_service.reset()
    engine = index_service.get_engine()
    assert engine.countries == ("DE", "NL")
    flemish = {f"c:{market['be'].pk}", f"c:{market['other_be'].pk}", market["be_profile"].index_key}
    dutch = {f"c:{market['nl'].pk}", market["nl_profile"].index_key}

    sorter = _german(
        1,
        description="Wir sortieren Kunststoffabfälle und suchen Bildverarbeitung für die Sortierung.",
        offers=("Eine Sortieranlage für gemischte Kunststoffabfälle für Versuche.",),
        seeks=("Ein Partner mit Erfahrung in machine vision om kunststoffen automatisch te sorteren.",),
    )
    neighbour = _german(2, description="Eine zweite deutsche Firma, die ebenfalls Kunststoffe sortiert.")
    engine.add(sorter)
    engine.add(neighbour)

    # Across the scheme's own border: Dutch partners for the German company, never a German one; Flanders is not
    # part of this scheme, so its companies are suggested to no one.
    for_german = _suggested(sorter.id)
    assert for_german & dutch
    assert not for_german & {sorter.id, neighbour.id}
    assert not for_german & flemish
    for_dutch = _suggested(market["nl_profile"].index_key)
    assert sorter.id in for_dutch
    assert not for_dutch & flemish
