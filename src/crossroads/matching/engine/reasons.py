"""Why a suggestion was made: the sentences that matched, shared terms and themes, and each filter that passed.

Reasons are codes with parameters; the web layer renders them in the user's language, `render_en` in plain
English for the command line.
"""

from __future__ import annotations

import numpy as np

from .text import shared_terms
from .types import MatchProfile, ProfileVectors, Reason


def _best_pair(
    left: np.ndarray, left_sentences: list[str], right: np.ndarray, right_sentences: list[str]
) -> tuple[str, str, float] | None:
    if left.size == 0 or right.size == 0:
        return None
    sims = left @ right.T
    i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
    return left_sentences[i], right_sentences[j], float(sims[i, j])


def pair_reasons(
    *,
    searcher: MatchProfile | None,
    searcher_vectors: ProfileVectors,
    candidate: MatchProfile,
    candidate_vectors: ProfileVectors,
    free_text: bool = False,
) -> list[Reason]:
    reasons: list[Reason] = []
    # Every quoted piece comes from the vectors of the profile it is attributed to: "mine" from the searcher's,
    # "theirs" from the candidate's.
    candidate_sentences, candidate_rows = candidate_vectors.snippets()
    forward = _best_pair(
        searcher_vectors.query_vectors,
        searcher_vectors.query_sentences,
        candidate_rows,
        candidate_sentences,
    )
    if forward:
        code = (
            "match.query_offer"
            if free_text
            else ("match.seek_offer" if searcher_vectors.has_seeks else "match.activity_offer")
        )
        reasons.append(Reason(code, {"mine": forward[0], "theirs": forward[1], "similarity": round(forward[2], 3)}))
    searcher_sentences, searcher_rows = searcher_vectors.snippets()
    if not free_text and candidate_vectors.has_seeks and searcher_rows.size:
        reverse = _best_pair(
            candidate_vectors.query_vectors,
            candidate_vectors.query_sentences,
            searcher_rows,
            searcher_sentences,
        )
        if reverse:
            reasons.append(
                Reason(
                    "match.their_seek_my_offer",
                    {"theirs": reverse[0], "mine": reverse[1], "similarity": round(reverse[2], 3)},
                )
            )
    left_text = " ".join(searcher_vectors.query_sentences + searcher_sentences)
    terms = shared_terms(left_text, " ".join(candidate_sentences + candidate_vectors.query_sentences))
    if terms:
        reasons.append(Reason("match.shared_terms", {"terms": terms}))
    if searcher is not None:
        themes = sorted(searcher.themes & candidate.themes)
        if themes:
            reasons.append(Reason("match.shared_themes", {"themes": themes}))
        reasons.append(Reason("filter.cross_border", {"from": searcher.country, "to": candidate.country}))
        if searcher.company_id != candidate.company_id and candidate.company_id not in searcher.group_ids:
            reasons.append(Reason("filter.other_group"))
    reasons.append(Reason("filter.region", {"status": candidate.region_status, "province": candidate.province}))
    reasons.append(
        Reason("filter.participation", {"participation": candidate.participation, "size": candidate.size_class})
    )
    return reasons


def render_en(reason: Reason) -> str:
    p = reason.params
    texts = {
        "match.seek_offer": 'you seek "{mine}"; they offer "{theirs}" (similarity {similarity})',
        "match.activity_offer": 'your activity "{mine}" is close to "{theirs}" (similarity {similarity})',
        "match.query_offer": 'your search "{mine}" matches "{theirs}" (similarity {similarity})',
        "match.their_seek_my_offer": 'they seek "{theirs}"; you offer "{mine}" (similarity {similarity})',
        "filter.cross_border": "cross-border: {from} -> {to}",
        "filter.other_group": "not the same company or group",
        "filter.region": "region status {status}",
        "filter.participation": "may take part as {participation}",
    }
    if reason.code == "match.shared_terms":
        return "shared terms: " + ", ".join(p["terms"])
    if reason.code == "match.shared_themes":
        return "shared themes: " + ", ".join(p["themes"])
    template = texts.get(reason.code)
    return template.format(**p) if template else reason.code
