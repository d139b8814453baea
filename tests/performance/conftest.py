"""Fixtures for the query-count tests: a call with N submitted applications (each with its own BE lead and NL
partner), built with the assessment tests' factories, so a page can be measured on 2 and on 12 rows."""

from __future__ import annotations

import itertools

import pytest

from crossroads.applications.models import Application
from tests.assessment.conftest import company, make_application

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def call(programme):  # type: ignore[no-untyped-def]
    return programme.calls.get(code="crossroads-2026-1")


def add_applications(call, users, n: int) -> list[Application]:  # type: ignore[no-untyped-def]
    """`n` submitted applications in `call`, each with a new BE lead (managed by the test applicant) and NL partner."""
    made = []
    for _ in range(n):
        i = next(_seq)
        lead = company(f"Lead {i} BV", "BE", user=users["applicant"])
        partner = company(f"Partner {i} BV", "NL")
        made.append(make_application(call, lead, partner, title=f"Project {i}"))
    return made
