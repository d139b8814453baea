"""The partner search as a selector: for whom (a company or profile of the user), what (free text, one request,
filters), and the suggestions the user may see. Used by the find-partners page, the JSON API and the weekly
digest of saved searches; each parses its own input into a `SearchQuery`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from crossroads.companies.models import Company

from .engine import Filters, MatchProfile
from .index_service import get_engine
from .models import CooperationProfile
from .permissions import member_company_ids
from .selectors import Suggestion, filters_to_json, present

if TYPE_CHECKING:
    from crossroads.accounts.requests import AnyUser

RESULTS = 10


class SearchNotFound(Exception):
    """The search is for a company or profile the user may not search for (or that does not exist)."""


@dataclass(frozen=True)
class SearchQuery:
    """`key`: the public key searched for ("c:<company id>", "p:<profile public id>"); None for the user's first
    company or profile, "" for none. `text`: a free-text search (else suggestions for the key); `seek`: one of the
    key's requests only."""

    key: str | None = None
    text: str = ""
    seek: str = ""
    filters: Filters = field(default_factory=Filters)


@dataclass(frozen=True)
class Searcher:
    key: str  # the public key, as shown and sent back by the page
    index_key: str  # the engine's key ("p:<pk>"): internal, never rendered
    profile: MatchProfile | None  # None: not in the index (yet), or no key


@dataclass(frozen=True)
class SearchResult:
    searcher: Searcher
    text: str
    seek: str
    filters: Filters
    suggestions: list[Suggestion]

    @property
    def filters_json(self) -> dict[str, Any]:
        return filters_to_json(self.filters)


def search_options(user: AnyUser) -> list[tuple[str, str]]:
    """The keys a user may search for: their companies and those companies' profiles (by their public key)."""
    options = []
    for company in Company.objects.filter(pk__in=member_company_ids(user)).prefetch_related("cooperation_profiles"):
        options.append((f"c:{company.pk}", company.legal_name))
        for profile in company.cooperation_profiles.all():
            options.append((profile.public_key, f"{company.legal_name} – {profile.display_title}"))
    return options


def _engine_keys(user: AnyUser) -> dict[str, str]:
    """Public key -> engine key for what the user may search for; a profile's numeric key ("p:12", old links
    and bookmarks) is accepted too: the profile is the user's own."""
    keys: dict[str, str] = {}
    for company in Company.objects.filter(pk__in=member_company_ids(user)).prefetch_related("cooperation_profiles"):
        keys[f"c:{company.pk}"] = f"c:{company.pk}"
        for profile in company.cooperation_profiles.all():
            keys[profile.public_key] = profile.index_key
            keys[profile.index_key] = profile.index_key
    return keys


def searcher_for(user: AnyUser, key: str | None, *, options: list[tuple[str, str]] | None = None) -> Searcher:
    """The company or profile a search is for; raises SearchNotFound for one that is not the user's."""
    if key is None:
        options = search_options(user) if options is None else options
        key = options[0][0] if options else ""
    engine_keys = _engine_keys(user)
    if key and key not in engine_keys:
        raise SearchNotFound(key)
    index_key = engine_keys.get(key, "")
    if key.startswith("p:") and key[2:].isdigit():  # an old numeric link to one's own profile: show the public key
        key = next(public for public, internal in engine_keys.items() if internal == index_key and public != key)
    return Searcher(key=key, index_key=index_key, profile=get_engine().profile(index_key) if index_key else None)


def partner_search(user: AnyUser, query: SearchQuery, *, options: list[tuple[str, str]] | None = None) -> SearchResult:
    """Suggestions for the chosen company or profile, or a free-text search, as the user may see them. Raises
    SearchNotFound for a key that is not the user's."""
    searcher = searcher_for(user, query.key, options=options)
    engine = get_engine()
    text, seek = query.text.strip(), query.seek.strip()
    if text:
        matches = engine.search(text, k=RESULTS, filters=query.filters, searcher=searcher.profile)
    elif searcher.profile is not None:
        if seek and seek not in searcher.profile.seeks:
            seek = ""
        matches = engine.suggest(searcher.index_key, k=RESULTS, filters=query.filters, seek=seek or None)
    else:
        matches = []
    return SearchResult(
        searcher=searcher, text=text, seek=seek, filters=query.filters, suggestions=present(user, matches)
    )


def key_pending(index_key: str) -> bool:
    """A profile saved a moment ago may not be in the index yet (the worker encodes it)."""
    if not index_key.startswith("p:"):
        return False
    return get_engine().profile(index_key) is None and CooperationProfile.objects.filter(pk=index_key[2:]).exists()
