"""Splitting texts into sentences and finding the terms two texts share, compounds included."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"'(])")
_WORD = re.compile(r"[^\W\d_][\w\-]*", re.UNICODE)
MAX_SENTENCES = 6

# Frequent Dutch and English words that say nothing about a competence.
STOPWORDS = frozenset(
    (
        "aan als alle andere ander anders bij binnen daar dan dat deze die dit door een eigen elk en enkele er geen "
        "heeft hebben het hun hij hoe iets in is je jij kan kunnen maar meer met na naar niet nog of om onder ons onze "
        "ook op over per sinds te tot tussen uit van veel voor vooral waar wat we wel welke werd wie wij wil willen "
        "worden wordt zal zich zij zijn zo zoals zoeken zoekt partner partners bedrijf bedrijven project projecten "
        "ervaring ervaren samen samenwerking nieuwe nieuw the and for with from that this our their are has have who "
        "which into can will company companies projects experience new also than more such using"
    ).split()
)


# How people start a request; it says nothing about what they seek, and makes all requests look alike.
_REQUEST_OPENING = re.compile(
    r"^\s*(?:(?:wij|we)\s+zoeken\s+|(?:gezocht|searching|looking for|wanted)\s*:?\s*|"
    r"(?:we\s+are\s+|we're\s+)?(?:looking|searching)\s+for\s+)?"
    r"(?:(?:een|a|an)\s+)?(?:(?:\w+)?partner|bedrijf|company|firm|organisatie|organisation|leverancier)?"
    r"(?:\s+(?:met|with|die|that|who|dat|uit|from|in)\b(?:\s+(?:ervaring|experience|expertise|kennis)\s+"
    r"(?:in|met|with|op het gebied van)\b)?)?\s*",
    re.IGNORECASE,
)


def request_core(sentence: str) -> str:
    """'Een partner met ervaring in machine vision voor ...' -> 'machine vision voor ...' (kept if nothing left)."""
    core = _REQUEST_OPENING.sub("", sentence, count=1).strip()
    return core if len(core.split()) >= 2 else sentence


def split_sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    parts = [p.strip() for p in _SENTENCE_END.split((text or "").strip()) if p.strip()]
    return parts[:limit]


def terms(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "") if len(w) >= 4 and w.lower() not in STOPWORDS}


def shared_terms(left: str, right: str, limit: int = 5) -> list[str]:
    """Terms of `left` that occur in `right`: exact words first, then compounds that contain the other word
    ("onkruid ~ onkruidverdelging"). Each word is used once; short stems (< 6 letters) do not count as compounds."""
    left_terms, right_terms = terms(left), terms(right)
    exact = sorted(left_terms & right_terms, key=lambda t: (-len(t), t))
    found, used = list(exact[:limit]), set(exact)
    for term in sorted(left_terms - used, key=lambda t: (-len(t), t)):
        if len(found) >= limit:
            break
        for other in sorted(right_terms - used, key=lambda t: (-len(t), t)):
            shorter, longer = sorted((term, other), key=len)
            if len(shorter) >= 6 and shorter in longer and shorter not in used:
                found.append(f"{term} ~ {other}")
                used.update({term, other, shorter})
                break
    return found
