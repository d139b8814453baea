from __future__ import annotations

from django.urls import path

from . import views

app_name = "insights"

urlpatterns: list = [
    path("", views.dashboard, name="dashboard"),
    path("csv/<slug:chart>/", views.chart_csv, name="csv"),
    path("report/<int:year>.pdf", views.report, name="report"),
]
