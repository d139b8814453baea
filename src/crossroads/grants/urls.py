from __future__ import annotations

from .views import agreement, amendments, claims, finance, reports, results

app_name = "grants"

urlpatterns = [
    *agreement.urlpatterns,
    *amendments.urlpatterns,
    *reports.urlpatterns,
    *claims.urlpatterns,
    *finance.urlpatterns,
    *results.urlpatterns,
]
