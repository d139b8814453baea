from __future__ import annotations

from .views import agreement, amendments, claims, exports_lists, finance, reports, results

app_name = "grants"

urlpatterns = [
    *agreement.urlpatterns,
    *amendments.urlpatterns,
    *reports.urlpatterns,
    *claims.urlpatterns,
    *finance.urlpatterns,
    *results.urlpatterns,
    *exports_lists.urlpatterns,
]
