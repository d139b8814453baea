"""Nothing private ever leaves through open data: not the consortium's unapproved story, the application's
sections, assessors' scores, bank accounts, people's e-mail addresses or names in the budget, nor any project that
is not contracted (offered, terminated, renounced, rejected). Checked in every answer, the keep.eu export included
(it is the secretariat's, but keep.eu publishes it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from crossroads.core.clock import BRUSSELS
from tests.assessment.conftest import at

from .conftest import SECRETS

pytestmark = pytest.mark.django_db

PUBLIC = ("open_data:projects", "open_data:projects_csv", "open_data:calls", "open_data:calls_csv")
STAFF = ("open_data:keep_eu_xlsx", "open_data:keep_eu_csv")


def answers(client, public_world, users) -> dict[str, str]:  # type: ignore[no-untyped-def]
    slug = public_world.reference.lower()
    out = {}
    with at(dt.datetime(2026, 10, 1, 12, tzinfo=BRUSSELS)):
        for name in PUBLIC:
            for query in ({}, {"page_size": 100}, {"q": "SECRET"}, {"status": "finished"}):
                out[f"{name} {query}"] = client.get(reverse(name), query).content.decode("utf-8")
        out["detail"] = client.get(reverse("open_data:project", args=[slug])).content.decode("utf-8")
        client.force_login(users["secretariat"])
        out["keep.eu csv"] = client.get(reverse(STAFF[1])).content.decode("utf-8")
        out["keep.eu xlsx"] = xlsx_text(client.get(reverse(STAFF[0])).content)
    return out


def xlsx_text(content: bytes) -> str:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)


def test_no_private_string_in_any_answer(client, public_world, users):
    every = answers(client, public_world, users)
    assert public_world.reference in every["detail"] and public_world.reference in every["keep.eu csv"]
    for label, text in every.items():
        for secret in SECRETS.values():
            assert secret not in text, f"{secret!r} in {label}"
        assert "Jan Peeters" not in text  # a person named in the budget
        assert "86000" not in text  # that person's annual cost


def test_the_hidden_projects_answer_404(client, public_world):
    from crossroads.grants.models import Agreement

    hidden = Agreement.objects.exclude(pk=public_world.pk)
    assert hidden.count() == 3  # offered, terminated, renounced
    for agreement in hidden:
        response = client.get(reverse("open_data:project", args=[agreement.reference.lower()]))
        assert response.status_code == 404
        assert agreement.grant.application.title not in response.content.decode()
