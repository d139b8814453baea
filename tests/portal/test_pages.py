"""The portal serves the pages that gather every area under their old names, and the demo's conductor."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.urls import resolve, reverse

import crossroads.core

pytestmark = pytest.mark.django_db


def test_home_and_dashboard_keep_their_names_and_addresses():
    assert reverse("core:home") == "/" and reverse("core:dashboard") == "/dashboard/"
    assert resolve("/").func.__module__ == resolve("/dashboard/").func.__module__ == "crossroads.portal.views"
    assert reverse("core:healthz") == "/healthz"


def test_anonymous_home_is_the_public_page(client, programme):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert "portal/home.html" in [t.name for t in response.templates]


def test_logged_in_home_is_the_dashboard(client, users):
    client.force_login(users["applicant"])
    response = client.get(reverse("core:home"))
    assert "portal/dashboard.html" in [t.name for t in response.templates]
    assert response.context["my_companies"] is not None


def test_staff_dashboard_lists_the_calls(client, users):
    client.force_login(users["secretariat"])
    response = client.get(reverse("core:dashboard"))
    assert "assessment_calls" in response.context and response.context["my_companies"] is None


def test_commands_that_drive_every_area_are_the_portals():
    for name in ("load_demo", "seed_rush", "tasks_recover"):
        assert get_commands()[name] == "crossroads.portal", name


def test_core_imports_no_area_above_it():
    """core is the ground floor: none of its modules (its commands included) imports companies, assessment, matching
    or applications."""
    above = ("crossroads.companies", "crossroads.assessment", "crossroads.matching", "crossroads.applications")
    root = Path(crossroads.core.__file__).parent
    for path in root.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(above), f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith(above) for a in node.names), f"{path.name} imports {node.names}"
