"""Fixtures of the export tests: the assessment and follow-up factories, and a reader of both file formats."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.assessment.conftest import application, ranked  # noqa: F401  (fixtures)
from tests.grants.conftest import (  # noqa: F401  (fixtures)
    _isolated,
    agreement,
    be_lead,
    call,
    nl_partner,
    running,
)

HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "@SUM(A1)", "-2"]


def csv_rows(response: Any) -> list[list[str]]:
    """The records of a CSV download; asserts the dialect (UTF-8 with BOM, ";", CRLF)."""
    body = response.content
    assert body.startswith("\ufeff".encode()), "Excel needs the byte-order mark"
    text = body.decode("utf-8")[1:]
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_sheet(response: Any) -> Any:
    book = load_workbook(io.BytesIO(response.content))
    return book.worksheets[0]


def xlsx_rows(response: Any) -> list[tuple[Any, ...]]:
    return list(xlsx_sheet(response).iter_rows(values_only=True))


@pytest.fixture
def english(users):  # type: ignore[no-untyped-def]
    """Every test user reads the portal in English."""
    for user in users.values():
        user.language = "en"
        user.save(update_fields=["language"])
    return users


def login(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client
