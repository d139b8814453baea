"""The secretariat's pages show labels, not codes: criterion names in the ranking header, labelled severities in the
screening report, dates through the formatter."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def _english(user):  # type: ignore[no-untyped-def]
    user.language = "en"
    user.save()
    return user


def test_the_ranking_header_names_the_criteria(client, call, ranked, users):
    client.force_login(_english(users["secretariat"]))
    with translation.override("en"):
        body = client.get(reverse("assessment:ranking", args=[call.pk])).content.decode()
        head = body[body.index("<thead>") : body.index("</thead>")]
        for criterion in call.criteria.all():
            assert escape(str(criterion.name)) in head
            assert f">{criterion.code} (" not in head


def test_the_screening_report_labels_its_severities(client, application, users):
    application.sections = {}
    application.save()
    client.force_login(_english(users["secretariat"]))
    with translation.override("en"):
        body = client.get(reverse("assessment:screening", args=[application.pk])).content.decode()
    assert "<strong>Error</strong>:" in body
    assert "error ·" not in body and "<strong>error</strong>" not in body
