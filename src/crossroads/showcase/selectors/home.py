"""What the public home page shows: the offer (from the programme's own numbers), the open calls, the headline
figures and a few funded projects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from crossroads.core import clock
from crossroads.programme.models import Call, Programme, Theme

from .public import PublicProject, public_project_page, public_projects, public_totals


@dataclass(frozen=True)
class Offer:
    grant_rate: Decimal  # a fraction: 0.50
    max_grant: Decimal
    max_months: int
    themes: tuple[Theme, ...]
    grant_budget: Decimal
    target_projects: int
    target_companies: int


def offer(programme: Programme) -> Offer:
    return Offer(
        grant_rate=programme.grant_rate,
        max_grant=programme.max_grant_per_project,
        max_months=programme.max_duration_months,
        themes=tuple(programme.themes.order_by("order")),
        grant_budget=programme.grant_budget,
        target_projects=programme.target_projects,
        target_companies=programme.target_companies,
    )


def open_calls(programme: Programme) -> list[Call]:
    """Calls open now, the first deadline first; else the next call to open (so the page says when)."""
    now = clock.now()
    calls = Call.objects.filter(programme=programme)
    current = list(calls.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"))
    return current or list(calls.filter(opens_at__gt=now).order_by("opens_at")[:1])


def headline() -> dict[str, object]:
    return public_totals(public_projects())


def featured(count: int = 3) -> list[PublicProject]:
    return public_project_page(page=1, per_page=count)[0]
