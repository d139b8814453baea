"""Open data: read-only, no login (mounted at /api/v1/open/)."""

from __future__ import annotations

app_name = "open_data"

urlpatterns: list = []
