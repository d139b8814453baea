"""Exports of the lists every logged-in user has (companies, own cooperation profiles, own applications): the file
holds exactly the rows of the page for that user and its filters; hostile names come out neutralised; the number of
queries does not grow with the rows."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crossroads.companies.models import CompanyMembership
from crossroads.matching.models import CooperationProfile
from tests.assessment.conftest import make_application
from tests.conftest import make_company

from .conftest import HOSTILE, csv_rows, login, xlsx_rows, xlsx_sheet

pytestmark = pytest.mark.django_db
_numbers = itertools.count(100)


def _be(name: str, **kwargs):  # type: ignore[no-untyped-def]
    return make_company(name, number=f"0403.019.{next(_numbers):03d}", **kwargs)


def _nl(name: str):  # type: ignore[no-untyped-def]
    return make_company(name, country="NL", number=f"87654{next(_numbers):03d}", postcode="6211 CK", city="Maastricht")


def _export(client, name: str, fmt: str, query: str = ""):  # type: ignore[no-untyped-def]
    response = client.get(reverse(name, args=[fmt]) + query)
    assert response.status_code == 200, response.status_code
    return response


# ---------------------------------------------------------------------------------------------- companies


def test_an_adviser_exports_exactly_the_companies_of_their_list(client, users) -> None:  # type: ignore[no-untyped-def]
    _be("Antwerpse Warmte BV")
    _nl("Maasdata BV")
    client = login(client, users["adviser_be"])
    page = client.get(reverse("companies:list"))
    shown = [c.display_name for c in page.context["page"].object_list]
    assert shown == ["Antwerpse Warmte BV"]  # the NL company is outside the adviser's provinces
    assert [r[0] for r in csv_rows(_export(client, "companies:list_export", "csv"))[1:]] == shown
    assert [r[0] for r in xlsx_rows(_export(client, "companies:list_export", "xlsx"))[1:]] == shown


def test_the_export_applies_the_lists_filters(client, users) -> None:  # type: ignore[no-untyped-def]
    _be("Antwerpse Warmte BV")
    _nl("Maasdata BV")
    client = login(client, users["secretariat"])
    rows = csv_rows(_export(client, "companies:list_export", "csv", "?country=NL&page=-1"))
    assert [r[0] for r in rows[1:]] == ["Maasdata BV"]
    assert rows[1][3:] == ["6211 CK", "Maastricht", "Limburg (NL)"]
    rows = csv_rows(_export(client, "companies:list_export", "csv", "?q=warmte&country=abc"))
    assert [r[0] for r in rows[1:]] == ["Antwerpse Warmte BV"]
    assert csv_rows(_export(client, "companies:list_export", "csv", "?q=" + "x" * 10_000))[1:] == []


def test_an_applicant_exports_only_their_own_company_and_a_stranger_nothing(client, users, company_be) -> None:  # type: ignore[no-untyped-def]
    _be("Someone Else BV")
    assert [r[0] for r in csv_rows(_export(login(client, users["applicant"]), "companies:list_export", "csv"))[1:]] == [
        company_be.display_name
    ]
    assert csv_rows(_export(login(client, users["assessor"]), "companies:list_export", "csv"))[1:] == []


def test_anonymous_is_sent_to_the_login_and_an_unknown_format_is_not_found(client, users) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("companies:list_export", args=["csv"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    login(client, users["secretariat"])
    assert client.get(reverse("companies:list_export", args=["pdf"])).status_code == 404


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_company_name_is_neutralised(client, users, hostile) -> None:  # type: ignore[no-untyped-def]
    _be(hostile, legal_form="")
    client = login(client, users["secretariat"])
    assert csv_rows(_export(client, "companies:list_export", "csv"))[1][0] == "'" + hostile
    cell = xlsx_sheet(_export(client, "companies:list_export", "xlsx"))["A2"]
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")


def test_headers_follow_the_users_language(client, users) -> None:  # type: ignore[no-untyped-def]
    client = login(client, users["secretariat"])
    assert csv_rows(_export(client, "companies:list_export", "csv"))[0][:3] == ["Naam", "Land", "Ondernemingsnummer"]
    users["secretariat"].language = "en"
    users["secretariat"].save(update_fields=["language"])
    assert xlsx_rows(_export(client, "companies:list_export", "xlsx"))[0][:3] == (
        "Name",
        "Country",
        "Enterprise number",
    )


def _queries(client, name: str, fmt: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        _export(client, name, fmt)
    return len(captured)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_company_export_queries_do_not_grow_with_rows(client, users, fmt, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(2):
        _be(f"Bedrijf {n}")
    client = login(client, users["secretariat"])
    few = _queries(client, "companies:list_export", fmt)
    for n in range(2, 12):
        _be(f"Bedrijf {n}")
    with django_assert_max_num_queries(few):
        assert len(csv_rows(_export(client, "companies:list_export", "csv"))) == 13


# ---------------------------------------------------------------------------------------------- profiles


def _profile(company, title: str, **kwargs) -> CooperationProfile:  # type: ignore[no-untyped-def]
    return CooperationProfile.objects.create(company=company, title=title, offers="Sensors", **kwargs)


def test_a_member_exports_their_own_profiles_only(client, users, company_be) -> None:  # type: ignore[no-untyped-def]
    _profile(company_be, "Warmtepompen", is_anonymous=True)
    other = _nl("Maasdata BV")
    CompanyMembership.objects.create(user=users["other_applicant"], company=other, role="manager")
    _profile(other, "Not yours")
    rows = csv_rows(_export(login(client, users["applicant"]), "matching:my_profiles_export", "csv"))
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [(company_be.display_name, "Warmtepompen", "Ja")]
    for role in ("secretariat", "adviser_be", "assessor"):
        assert csv_rows(_export(login(client, users[role]), "matching:my_profiles_export", "csv"))[1:] == []
    client.logout()
    assert client.get(reverse("matching:my_profiles_export", args=["xlsx"])).status_code == 302


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_profile_title_is_neutralised(client, users, company_be, hostile) -> None:  # type: ignore[no-untyped-def]
    _profile(company_be, hostile)
    client = login(client, users["applicant"])
    assert csv_rows(_export(client, "matching:my_profiles_export", "csv"))[1][1] == "'" + hostile
    cell = xlsx_sheet(_export(client, "matching:my_profiles_export", "xlsx"))["B2"]
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")


def test_profile_export_queries_do_not_grow_with_rows(
    client, programme, users, company_be, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    themes = list(programme.themes.all()[:2])
    for n in range(2):
        _profile(company_be, f"Profiel {n}").themes.set(themes)
    client = login(client, users["applicant"])
    few = _queries(client, "matching:my_profiles_export", "xlsx")
    for n in range(2, 12):
        _profile(company_be, f"Profiel {n}").themes.set(themes)
    with django_assert_max_num_queries(few):
        assert len(xlsx_rows(_export(client, "matching:my_profiles_export", "xlsx"))) == 13


# ---------------------------------------------------------------------------------------------- applications


def test_an_applicant_exports_their_own_applications_and_the_secretariat_all(
    client, users, call, be_lead, nl_partner
) -> None:  # type: ignore[no-untyped-def]
    mine = make_application(call, be_lead, nl_partner, title="Warmte over de grens")
    stranger = _be("Vreemd BV")
    CompanyMembership.objects.create(user=users["adviser_nl"], company=stranger, role="manager")
    other_partner = _nl("Ander BV")
    make_application(call, stranger, other_partner, title="Not yours", creator=users["adviser_nl"])
    rows = csv_rows(_export(login(client, users["applicant"]), "applications:mine_export", "csv"))
    assert [r[1] for r in rows[1:]] == [mine.title]
    page = login(client, users["secretariat"]).get(reverse("applications:mine"))
    shown = [a.title for a in page.context["applications"]]
    assert [r[1] for r in xlsx_rows(_export(client, "applications:mine_export", "xlsx"))[1:]] == shown
    assert sorted(shown) == ["Not yours", mine.title]
    assert csv_rows(_export(login(client, users["assessor"]), "applications:mine_export", "csv"))[1:] == []


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_application_title_is_neutralised(client, users, call, be_lead, nl_partner, hostile) -> None:  # type: ignore[no-untyped-def]
    make_application(call, be_lead, nl_partner, title=hostile)
    client = login(client, users["applicant"])
    assert csv_rows(_export(client, "applications:mine_export", "csv"))[1][1] == "'" + hostile
    cell = xlsx_sheet(_export(client, "applications:mine_export", "xlsx"))["B2"]
    assert (cell.value, cell.data_type) == ("'" + hostile, "s")


def test_application_export_queries_do_not_grow_with_rows(
    client, users, call, be_lead, nl_partner, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for n in range(2):
        make_application(call, be_lead, nl_partner, title=f"Aanvraag {n}")
    client = login(client, users["applicant"])
    few = _queries(client, "applications:mine_export", "csv")
    for n in range(2, 12):
        make_application(call, be_lead, nl_partner, title=f"Aanvraag {n}")
    with django_assert_max_num_queries(few):
        assert len(csv_rows(_export(client, "applications:mine_export", "csv"))) == 13
