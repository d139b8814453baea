from __future__ import annotations

app_name = "showcase"

urlpatterns: list = []
