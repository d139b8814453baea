"""The portal's pages. config/urls.py mounts them in the `core` namespace (`core:home`, `core:dashboard`), the names
they had before they moved here."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
