from __future__ import annotations

app_name = "insights"

urlpatterns: list = []
