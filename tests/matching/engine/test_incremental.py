"""The in-memory index is updated incrementally: add, replace, remove; bulk loading gives the same results."""

from __future__ import annotations

import numpy as np

from crossroads.matching.engine import MatchEngine
from crossroads.matching.engine.lexical import LexicalIndex

from .conftest import BE_OTHERS, NL_OTHERS, SORTER_A, VISION_B, build, ids, profile

SMALL_SET = (
    profile("be1", "BE", description="Wij bouwen sorteerinstallaties.", seeks=("camera's voor sorteren",)),
    profile("be2", "BE", description="Brouwerij in Leuven.", offers=("bier brouwen voor derden",)),
    profile("be3", "BE", description="Wij frezen aluminium.", seeks=("software voor onderhoud",), trl=5),
    profile("nl1", "NL", description="Camerasystemen voor sorteerlijnen.", offers=("beeldherkenning",)),
    profile("nl2", "NL", description="Software voor voorspellend onderhoud.", seeks=("freeswerk in aluminium",)),
    profile("nl3", "NL", description="Mouterij in Brabant.", offers=("mout voor brouwerijen",), themes=("food",)),
    profile("nl4", "NL", company="company-nl1", description="Tweede profiel van nl1: optische sorteerders."),
    profile("nl5", "NL", description="Onderhoud van brouwketels.", region_status="extended"),
)


def all_suggestions(engine: MatchEngine, profile_ids) -> dict[str, list[tuple[str, float, bool]]]:  # type: ignore[no-untyped-def]
    return {pid: [(m.id, m.score, m.mutual) for m in engine.suggest(pid, k=10)] for pid in profile_ids}


def test_add_makes_a_profile_findable(hashing_encoder) -> None:
    engine = build(hashing_encoder, *SMALL_SET[:3])
    assert engine.suggest("be1") == []
    assert len(engine) == 3
    engine.add(SMALL_SET[3])
    assert ids(engine.suggest("be1")) == ["nl1"]
    assert len(engine) == 4
    assert engine.profile("nl1") == SMALL_SET[3]


def test_add_without_vectors_embeds_with_the_engine_encoder(hashing_encoder) -> None:
    engine = MatchEngine(hashing_encoder)
    engine.add(SMALL_SET[0])
    engine.add(SMALL_SET[3])
    assert ids(engine.suggest("be1")) == ["nl1"]


def test_replace_with_new_text_changes_the_ranking(use_encoder) -> None:
    engine = build(use_encoder, SORTER_A, VISION_B, *NL_OTHERS, *BE_OTHERS)
    before = ids(engine.suggest("a", k=5))
    assert before[0] == "b"
    # B becomes a bakery: same id, new text.
    engine.add(profile("b", "NL", description="Ambachtelijke bakkerij.", offers=("taarten en gebak",)))
    after = ids(engine.suggest("a", k=5))
    assert after[0] != "b"
    assert "b" not in after[:2]
    assert len(engine) == 2 + len(NL_OTHERS) + len(BE_OTHERS)
    assert engine.profile("b").offers == ("taarten en gebak",)
    # And back again.
    engine.add(VISION_B)
    assert ids(engine.suggest("a", k=5))[0] == "b"


def test_replace_an_unrelated_profile_to_become_the_best_match(use_encoder) -> None:
    engine = build(use_encoder, SORTER_A, VISION_B, *NL_OTHERS)
    assert ids(engine.suggest("a", k=3))[0] == "b"
    engine.add(
        profile(
            "bakery",
            "NL",
            description="Wij bouwen nu camera's voor afvalsortering.",
            offers=("machine vision om kunststofafval te herkennen en te sorteren",),
            themes=("circular",),
        )
    )
    top_two = ids(engine.suggest("a", k=3))[:2]
    assert "bakery" in top_two


def test_remove_means_no_longer_suggested(hashing_encoder) -> None:
    engine = build(hashing_encoder, *SMALL_SET)
    assert "nl1" in ids(engine.suggest("be1", k=10))
    engine.remove("nl1")
    assert "nl1" not in ids(engine.suggest("be1", k=10))
    assert "nl1" not in ids(engine.search("camerasystemen sorteerlijnen", k=10))
    assert engine.profile("nl1") is None
    assert len(engine) == len(SMALL_SET) - 1
    engine.remove("nl1")  # twice, and an unknown id: no error
    engine.remove("never-added")
    assert len(engine) == len(SMALL_SET) - 1


def test_removed_profile_can_come_back(hashing_encoder) -> None:
    engine = build(hashing_encoder, *SMALL_SET)
    engine.remove("nl2")
    engine.add(SMALL_SET[4])
    assert "nl2" in ids(engine.suggest("be3", k=10))
    assert len(engine) == len(SMALL_SET)


def test_removing_one_company_profile_lets_the_other_appear(hashing_encoder) -> None:
    engine = build(hashing_encoder, *SMALL_SET)
    found = ids(engine.suggest("be1", k=10))
    assert len({"nl1", "nl4"} & set(found)) == 1
    shown = ({"nl1", "nl4"} & set(found)).pop()
    engine.remove(shown)
    assert ({"nl1", "nl4"} - {shown}) <= set(ids(engine.suggest("be1", k=10)))


def test_add_many_equals_repeated_add(hashing_encoder) -> None:
    one_by_one = build(hashing_encoder, *SMALL_SET)
    bulk = MatchEngine(hashing_encoder)
    bulk.add_many(list(SMALL_SET))
    assert len(bulk) == len(one_by_one)
    expected = all_suggestions(one_by_one, [p.id for p in SMALL_SET])
    actual = all_suggestions(bulk, [p.id for p in SMALL_SET])
    for pid in expected:
        assert [m[0] for m in actual[pid]] == [m[0] for m in expected[pid]], pid
        assert [m[2] for m in actual[pid]] == [m[2] for m in expected[pid]], pid
        np.testing.assert_allclose([m[1] for m in actual[pid]], [m[1] for m in expected[pid]], atol=1e-3)


def test_add_many_after_add_and_with_replacements(hashing_encoder) -> None:
    one_by_one = build(hashing_encoder, *SMALL_SET)
    one_by_one.add(profile("nl3", "NL", description="Nu een softwarebedrijf.", offers=("camera software",)))
    mixed = build(hashing_encoder, *SMALL_SET[:4], SMALL_SET[5])
    # nl2 is new, nl3 is replaced with new text, nl4 and nl5 are new.
    mixed.add_many(
        [
            SMALL_SET[4],
            profile("nl3", "NL", description="Nu een softwarebedrijf.", offers=("camera software",)),
            *SMALL_SET[6:],
        ]
    )
    assert len(mixed) == len(one_by_one)
    for pid in ("be1", "be2", "be3"):
        assert ids(mixed.suggest(pid, k=10)) == ids(one_by_one.suggest(pid, k=10)), pid


def test_add_many_replacing_existing_ids(hashing_encoder) -> None:
    engine = build(hashing_encoder, *SMALL_SET)
    engine.add_many([profile("nl1", "NL", description="Nu een bakkerij.", region_status="outside")])
    assert "nl1" not in ids(engine.suggest("be1", k=10))
    assert len(engine) == len(SMALL_SET)


def test_add_many_with_the_same_id_twice_keeps_one_profile(hashing_encoder) -> None:
    """A batch that saves a profile twice (two edits in one sync) must leave one profile, the last version,
    which `remove` then removes."""
    engine = MatchEngine(hashing_encoder)
    engine.add_many(
        [
            SMALL_SET[0],
            profile("nl1", "NL", description="Eerste versie: brouwerij."),
            profile("nl1", "NL", description="Tweede versie: camerasystemen voor sorteerlijnen."),
        ]
    )
    assert len(engine) == 2
    assert ids(engine.suggest("be1", k=10)) == ["nl1"]
    engine.remove("nl1")
    assert ids(engine.suggest("be1", k=10)) == []
    assert len(engine) == 1


def test_index_grows_past_its_capacity(hashing_encoder) -> None:
    engine = MatchEngine(hashing_encoder, capacity=2)
    for p in SMALL_SET:
        engine.add(p)
    assert len(engine) == len(SMALL_SET)
    assert set(ids(engine.suggest("be1", k=10))) >= {"nl2", "nl3", "nl5"}
    bulk = MatchEngine(hashing_encoder, capacity=2)
    bulk.add_many(list(SMALL_SET))
    assert ids(bulk.suggest("be1", k=10)) == ids(engine.suggest("be1", k=10))


def test_saving_an_unchanged_profile_does_not_change_other_results(hashing_encoder) -> None:
    """Re-saving a profile with the same content (e.g. a renewal) must leave everyone else's scores alone.
    be2 seeks nothing; the Dutch searchers' candidates be1 and be3 do seek, so their requests are scored
    lexically against what nl1 and nl2 offer."""
    engine = build(hashing_encoder, *SMALL_SET)
    before = all_suggestions(engine, ["nl1", "nl2"])
    for _ in range(5):
        engine.add(SMALL_SET[1])
    after = all_suggestions(engine, ["nl1", "nl2"])
    for pid in before:
        assert [m[0] for m in after[pid]] == [m[0] for m in before[pid]]
        np.testing.assert_allclose([m[1] for m in after[pid]], [m[1] for m in before[pid]], atol=1e-4)


# ------------------------------------------------------------------------------------- lexical index


def test_lexical_index_finds_a_compound_from_its_part() -> None:
    index = LexicalIndex()
    index.add(0, "autonome robots voor mechanische onkruidverdelging")
    index.add(1, "regelsoftware voor warmtepompen")
    index.add(2, "ambachtelijke bakkerij")
    scores = index.scores("onkruid")
    assert int(np.argmax(scores)) == 0
    assert scores[1] == scores[2] == 0.0


def test_lexical_index_remove_and_replace() -> None:
    index = LexicalIndex()
    index.add(0, "onkruidverdelging")
    index.add(1, "warmtepompen")
    index.remove(0)
    assert index.scores("onkruid")[0] == 0.0
    index.add(1, "onkruidbestrijding")
    assert int(np.argmax(index.scores("onkruid"))) == 1


def test_lexical_index_replacing_an_empty_document_is_a_no_op() -> None:
    """The engine stores " " for a profile that seeks nothing. Saving it again must not change the scores of
    the other documents (the document count behind the IDF must stay the same)."""
    index = LexicalIndex()
    index.add(0, "onkruidverdelging met camera's")
    index.add(1, "camera-inspectie van lasnaden")
    index.add(2, " ")
    before = index.scores("onkruid camera")
    for _ in range(5):
        index.add(2, " ")
    np.testing.assert_allclose(index.scores("onkruid camera"), before, rtol=1e-6)
