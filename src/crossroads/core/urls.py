"""The ground floor's own URLs. config/urls.py mounts them in the `core` namespace together with the portal's pages
(home, dashboard), so their names did not change when those pages moved up."""

from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/openapi.json", views.openapi_json, name="openapi"),
]
