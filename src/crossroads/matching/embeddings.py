"""Keeping the Embedding table in step with companies and cooperation profiles. The slow part (encoding) runs
in the background worker; the in-memory index picks up changed rows on its next sync."""

from __future__ import annotations

import hashlib
import json
import logging

import numpy as np
from django.conf import settings
from django.db import transaction
from django_tasks import task

from crossroads.companies.models import Company

from .engine import Encoder, MatchProfile, ProfileVectors, default_encoder
from .engine.index import TEXT_PREPARATION_VERSION, embed_profiles, vector_version
from .engine.types import profile_to_json
from .models import CooperationProfile, Embedding
from .profiles import company_match_profile, cooperation_match_profile, is_matchable

log = logging.getLogger(__name__)


def encoder() -> Encoder:
    return default_encoder(settings.CROSSROADS_ENCODER)


def _text_hash(profile: MatchProfile, encoder_name: str, version: str) -> str:
    texts = [
        encoder_name,
        version,
        TEXT_PREPARATION_VERSION,
        profile.description,
        *profile.offers,
        "||",
        *profile.seeks,
    ]
    return hashlib.sha256(json.dumps(texts).encode()).hexdigest()


def _to_bytes(matrix: np.ndarray) -> bytes:
    # float16 halves the storage; the ranking differences it causes are far below the scores' spread.
    return np.ascontiguousarray(matrix, dtype=np.float16).tobytes()


def as_stored(vectors: ProfileVectors) -> ProfileVectors:
    """The vectors as the web application reads them back from the Embedding table (float16), so that a ranking
    outside the database (`manage.py match`) gives the same scores."""

    def rounded(matrix: np.ndarray) -> np.ndarray:
        return np.asarray(matrix, dtype=np.float16).astype(np.float32)

    return ProfileVectors(
        vectors.encoder,
        vectors.version,
        list(vectors.query_sentences),
        rounded(vectors.query_vectors),
        list(vectors.passage_sentences),
        rounded(vectors.passage_vectors),
        vectors.has_seeks,
    )


def vectors_from_row(row: Embedding, dim: int) -> ProfileVectors:
    def matrix(data: bytes) -> np.ndarray:
        return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32).reshape(-1, dim)

    return ProfileVectors(
        row.encoder,
        row.version,
        list(row.query_sentences),
        matrix(row.query_vectors),
        list(row.passage_sentences),
        matrix(row.passage_vectors),
        row.has_seeks,
    )


def _resolve(key: str) -> tuple[Company | None, MatchProfile | None]:
    kind, _, pk = key.partition(":")
    if kind == "c":
        company = Company.objects.filter(pk=pk).first()
        return company, company_match_profile(company) if company else None
    if kind == "p":
        profile = CooperationProfile.objects.select_related("company").filter(pk=pk).first()
        if profile is None:
            return None, None
        return profile.company, cooperation_match_profile(profile) if is_matchable(profile) else None
    raise ValueError(f"unknown key {key}")


def embeddings_refresh(keys: list[str]) -> int:
    """Bring the rows of `keys` up to date; only changed texts are encoded again. Returns how many were encoded."""
    enc = encoder()
    todo: list[tuple[str, Company, MatchProfile, str]] = []
    for key in keys:
        company, profile = _resolve(key)
        if profile is None or company is None:
            Embedding.objects.filter(key=key).update(active=False)
            continue
        text_hash = _text_hash(profile, enc.name, enc.version)
        row = Embedding.objects.filter(key=key).first()
        if row and row.text_hash == text_hash and row.encoder == enc.name and row.version == vector_version(enc):
            row.profile, row.active = profile_to_json(profile), True
            row.save(update_fields=["profile", "active", "updated_at"])
        else:
            todo.append((key, company, profile, text_hash))
    if todo:
        vectors = embed_profiles(enc, [t[2] for t in todo])
        with transaction.atomic():
            for (key, company, profile, text_hash), vec in zip(todo, vectors, strict=True):
                Embedding.objects.update_or_create(
                    key=key,
                    defaults={
                        "company": company,
                        "active": True,
                        "encoder": vec.encoder,
                        "version": vec.version,
                        "text_hash": text_hash,
                        "profile": profile_to_json(profile),
                        "query_sentences": vec.query_sentences,
                        "passage_sentences": vec.passage_sentences,
                        "has_seeks": vec.has_seeks,
                        "query_vectors": _to_bytes(vec.query_vectors),
                        "passage_vectors": _to_bytes(vec.passage_vectors),
                    },
                )
    return len(todo)


@task()
def refresh_embeddings_task(keys: list[str]) -> int:
    return embeddings_refresh(keys)


def schedule_refresh(keys: list[str]) -> None:
    """After the current transaction commits, have the worker refresh these rows."""
    transaction.on_commit(lambda: refresh_embeddings_task.enqueue(keys))


def company_keys(company: Company) -> list[str]:
    """A company's own row and those of its published profiles: all carry its region, size and eligibility."""
    keys = [f"c:{company.pk}"]
    keys += [p.index_key for p in company.cooperation_profiles.all()]
    return keys
