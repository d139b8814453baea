"""Each list page offers its export next to it, for those who may download it, with the page's own filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .conftest import login

pytestmark = pytest.mark.django_db


def _page(client, user, url: str) -> str:  # type: ignore[no-untyped-def]
    response = login(client, user).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_pages_link_their_exports_with_the_filters(client, users, agreement) -> None:  # type: ignore[no-untyped-def]
    html = _page(client, users["secretariat"], reverse("companies:list") + "?q=warmte&country=BE")
    assert reverse("companies:list_export", args=["csv"]) + "?q=warmte&amp;country=BE" in html
    html = _page(client, users["finance"], reverse("grants:list") + "?status=offered")
    assert reverse("grants:list_export", args=["xlsx"]) + "?status=offered" in html
    html = _page(client, users["finance"], reverse("grants:finance") + "?country=NL")
    assert reverse("grants:claims_export", args=["csv"]) + "?country=NL" in html
    html = _page(client, users["secretariat"], reverse("grants:payments"))
    assert reverse("grants:payments_export", args=["xlsx"]) in html
    call = agreement.grant.application.call
    html = _page(client, users["secretariat"], reverse("assessment:call", args=[call.pk]))
    assert reverse("assessment:applications_export", args=[call.pk, "csv"]) in html
    html = _page(client, users["secretariat"], reverse("assessment:ranking", args=[call.pk]))
    assert reverse("assessment:scores_export", args=[call.pk, "xlsx"]) in html
    html = _page(client, users["secretariat"], reverse("assessment:decisions", args=[call.pk]))
    assert reverse("assessment:frozen_ranking_export", args=[call.pk, "csv"]) in html


def test_the_applicants_pages_link_their_own_exports(client, users, agreement) -> None:  # type: ignore[no-untyped-def]
    assert reverse("applications:mine_export", args=["csv"]) in _page(
        client, users["applicant"], reverse("applications:mine")
    )
    assert reverse("matching:my_profiles_export", args=["xlsx"]) in _page(
        client, users["applicant"], reverse("matching:my_profiles")
    )
    # The agreements export is for finance and the secretariat: the applicant's list does not offer it.
    assert reverse("grants:list_export", args=["csv"]) not in _page(client, users["applicant"], reverse("grants:list"))


def test_no_frozen_ranking_no_link(client, users, call, application) -> None:  # type: ignore[no-untyped-def]
    html = _page(client, users["secretariat"], reverse("assessment:ranking", args=[call.pk]))
    assert reverse("assessment:frozen_ranking_export", args=[call.pk, "csv"]) not in html
