"""Open data: read-only, no login (mounted at /api/v1/open/). The keep.eu export is the secretariat's."""

from __future__ import annotations

from django.urls import path

from . import api, keep_eu

app_name = "open_data"

urlpatterns: list = [
    path("projects/", api.projects, name="projects"),
    path("projects.csv", api.projects_csv, name="projects_csv"),
    path("projects/<slug:slug>/", api.project, name="project"),
    path("calls/", api.calls, name="calls"),
    path("calls.csv", api.calls_csv, name="calls_csv"),
    path("keep-eu.xlsx", keep_eu.keep_eu_xlsx_view, name="keep_eu_xlsx"),
    path("keep-eu.csv", keep_eu.keep_eu_csv_view, name="keep_eu_csv"),
]
