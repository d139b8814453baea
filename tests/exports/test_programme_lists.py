"""Exports of the secretariat's and finance's lists: a call's applications, scores and frozen ranking (the
secretariat only; assessors never see others' scores), agreements with partners and grants, claims and payments
(finance and the secretariat). Money is numeric in XLSX and reconciles to the cent."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from crossroads.assessment.models import Ranking
from crossroads.assessment.services.ranking import ranking_freeze
from crossroads.core import clock
from crossroads.grants.models import AgreementPartner, Payment
from tests.assessment.conftest import invite, make_application, make_assessor, make_eligible, submit_scores
from tests.conftest import make_company
from tests.grants.finance.conftest import make_claim

from .conftest import HOSTILE, csv_rows, login, xlsx_rows, xlsx_sheet

pytestmark = pytest.mark.django_db
D = Decimal
OUTSIDERS = ("applicant", "other_applicant", "adviser_be", "assessor")
_numbers = itertools.count(300)


def _get(client, name: str, *args):  # type: ignore[no-untyped-def]
    return client.get(reverse(name, args=list(args)))


def _ok(client, name: str, *args):  # type: ignore[no-untyped-def]
    response = _get(client, name, *args)
    assert response.status_code == 200, (name, response.status_code)
    return response


def _queries(client, name: str, *args) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        _ok(client, name, *args)
    return len(captured)


# ---------------------------------------------------------------------------------------------- assessment


@pytest.mark.parametrize("name", ["assessment:applications_export", "assessment:scores_export"])
def test_call_exports_are_the_secretariats(client, users, call, name) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("csv", "xlsx"):
        assert _get(login(client, users["secretariat"]), name, call.pk, fmt).status_code == 200
        for role in (*OUTSIDERS, "finance"):
            assert _get(login(client, users[role]), name, call.pk, fmt).status_code == 403, role
    assert _get(login(client, users["secretariat"]), name, 999999, "csv").status_code == 404


def test_call_applications_export_is_the_screening_overview(client, users, call, be_lead, nl_partner) -> None:  # type: ignore[no-untyped-def]
    first = make_eligible(make_application(call, be_lead, nl_partner, title=HOSTILE[0]))
    make_application(call, be_lead, nl_partner, title="Tweede")
    make_application(call, be_lead, nl_partner, title="Draft", status="draft")
    client = login(client, users["secretariat"])
    page = client.get(reverse("assessment:call", args=[call.pk]))
    shown = [row["application"].title for row in page.context["rows"]]
    rows = csv_rows(_ok(client, "assessment:applications_export", call.pk, "csv"))
    assert [r[1] for r in rows[1:]] == ["'" + t if t == first.title else t for t in shown]
    with translation.override("nl"):
        screening = first.screening
        assert rows[1][5:] == [screening.get_completeness_display(), screening.get_eligibility_display()]
    assert rows[2][5:] == ["", ""]  # not screened yet: empty cells, never "None"
    cell = xlsx_sheet(_ok(client, "assessment:applications_export", call.pk, "xlsx"))["B2"]
    assert (cell.value, cell.data_type) == ("'" + first.title, "s")


def test_the_scores_export_holds_every_submitted_score(client, users, call, be_lead, nl_partner) -> None:  # type: ignore[no-untyped-def]
    application = make_eligible(make_application(call, be_lead, nl_partner, title="Warmte"))
    submit_scores(invite(application, make_assessor("a1@assessors-be.example", "BE"), declared=False), "7")
    invite(application, make_assessor("a2@assessors-nl.example", "NL"), declared=False)  # not submitted: not shown
    client = login(client, users["secretariat"])
    rows = xlsx_rows(_ok(client, "assessment:scores_export", call.pk, "xlsx"))
    assert len(rows) == 1 + call.criteria.count()
    assert {r[2] for r in rows[1:]} == {"a1@assessors-be.example"}
    assert all(r[4] == 7 for r in rows[1:])
    # The assessor who scored does not download the call's scores (theirs are on their own page).
    assert _get(login(client, users["assessor"]), "assessment:scores_export", call.pk, "csv").status_code == 403


def test_scores_export_queries_do_not_grow(
    client, users, call, be_lead, nl_partner, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    expert = make_assessor("q@assessors-be.example", "BE")
    apps = [make_eligible(make_application(call, be_lead, nl_partner, title=f"A{n}")) for n in range(12)]
    submit_scores(invite(apps[0], expert, declared=False))
    client = login(client, users["secretariat"])
    few = _queries(client, "assessment:scores_export", call.pk, "xlsx")
    for application in apps[1:]:
        submit_scores(invite(application, expert, declared=False))
    with django_assert_max_num_queries(few):
        assert len(xlsx_rows(_ok(client, "assessment:scores_export", call.pk, "xlsx"))) > 12
    few = _queries(client, "assessment:applications_export", call.pk, "csv")
    assert few < 20


def test_frozen_ranking_export(client, users, call, ranked) -> None:  # type: ignore[no-untyped-def]
    client = login(client, users["secretariat"])
    assert _get(client, "assessment:frozen_ranking_export", call.pk, "csv").status_code == 404  # nothing frozen
    ranking = ranking_freeze(actor=users["secretariat"], call=call)
    for role in (*OUTSIDERS, "finance"):
        assert _get(login(client, users[role]), "assessment:frozen_ranking_export", call.pk, "xlsx").status_code == 403
    client = login(client, users["secretariat"])
    rows = xlsx_rows(_ok(client, "assessment:frozen_ranking_export", call.pk, "xlsx"))
    entries = ranking.entries
    assert [r[2] for r in rows[1:]] == [ranked_title(ranked, e["application"]) for e in entries]
    granted = [r[6] for r in rows[1:]]
    assert all(isinstance(g, (int, float)) for g in granted)
    assert sum(D(str(g)) for g in granted) == sum(D(e["granted"]) for e in entries) == D("70000.00")
    csv = csv_rows(_ok(client, "assessment:frozen_ranking_export", call.pk, "csv"))
    assert csv[1][0] == "1" and csv[1][6] == "35000,00"


def ranked_title(by_name, application_id: int) -> str:  # type: ignore[no-untyped-def]
    return next(a.title for a in by_name.values() if a.pk == application_id)


def test_frozen_ranking_queries_do_not_grow(
    client, users, call, be_lead, nl_partner, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    apps = [make_application(call, be_lead, nl_partner, title=f"R{n}") for n in range(12)]

    def freeze(some):  # type: ignore[no-untyped-def]
        Ranking.objects.filter(call=call).delete()
        entries = [
            {"application": a.pk, "status": "funded", "rank": i + 1, "requested": "100.00", "granted": "100.00"}
            for i, a in enumerate(some)
        ]
        Ranking.objects.create(
            call=call,
            budget=D("1"),
            policy="skip",
            overall_threshold=D("0"),
            entries=entries,
            frozen_by=users["secretariat"],
            frozen_at=clock.now(),
        )

    freeze(apps[:2])
    client = login(client, users["secretariat"])
    few = _queries(client, "assessment:frozen_ranking_export", call.pk, "csv")
    freeze(apps)
    with django_assert_max_num_queries(few):
        assert len(csv_rows(_ok(client, "assessment:frozen_ranking_export", call.pk, "csv"))) == 13


# ---------------------------------------------------------------------------------------------- follow-up


def _extra_partners(agreement, count: int) -> list[AgreementPartner]:  # type: ignore[no-untyped-def]
    out = []
    for _n in range(count):
        company = make_company(f"Extra {next(_numbers)} BV", number=f"0403.019.{next(_numbers):03d}")
        out.append(AgreementPartner.objects.create(agreement=agreement, company=company))
    return out


@pytest.mark.parametrize("name", ["grants:list_export", "grants:claims_export", "grants:payments_export"])
def test_follow_up_exports_are_for_finance_and_the_secretariat(client, users, agreement, name) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("csv", "xlsx"):
        for role in ("secretariat", "finance", "admin"):
            assert _get(login(client, users[role]), name, fmt).status_code == 200, role
        for role in OUTSIDERS:
            response = _get(login(client, users[role]), name, fmt)
            assert response.status_code == 403, role
    assert _get(login(client, users["finance"]), name, "exe").status_code == 404


def test_agreements_export_has_each_partner_with_its_grant(client, users, agreement) -> None:  # type: ignore[no-untyped-def]
    client = login(client, users["finance"])
    rows = xlsx_rows(_ok(client, "grants:list_export", "xlsx"))
    assert [(r[0], r[8], r[9]) for r in rows[1:]] == [
        (agreement.reference, "Ja", 40000),
        (agreement.reference, "Nee", 20000),
    ]
    assert sum(D(str(r[9])) for r in rows[1:]) == D(str(rows[1][10])) == agreement.grant.total
    sheet = xlsx_sheet(_ok(client, "grants:list_export", "xlsx"))
    assert sheet["J2"].data_type == "n" and "€" in sheet["J2"].number_format
    assert csv_rows(_ok(client, "grants:list_export", "csv"))[1][9] == "40000,00"
    # The list's filters apply: a status the agreement does not have leaves the file empty.
    response = client.get(reverse("grants:list_export", args=["csv"]) + "?status=closed")
    assert csv_rows(response)[1:] == []
    response = client.get(reverse("grants:list_export", args=["csv"]) + "?call=abc&q=" + "x" * 5000)
    assert response.status_code == 200


def test_a_hostile_project_title_is_neutralised_in_the_agreements_export(client, users, agreement) -> None:  # type: ignore[no-untyped-def]
    application = agreement.grant.application
    application.title = HOSTILE[0]
    application.save(update_fields=["title"])
    client = login(client, users["secretariat"])
    assert csv_rows(_ok(client, "grants:list_export", "csv"))[1][1] == "'" + HOSTILE[0]
    cell = xlsx_sheet(_ok(client, "grants:list_export", "xlsx"))["B2"]
    assert (cell.value, cell.data_type) == ("'" + HOSTILE[0], "s")


def test_agreements_export_queries_do_not_grow(client, users, agreement, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = login(client, users["finance"])
    few = _queries(client, "grants:list_export", "xlsx")
    _extra_partners(agreement, 10)
    with django_assert_max_num_queries(few):
        assert len(xlsx_rows(_ok(client, "grants:list_export", "xlsx"))) == 13


def test_claims_export_is_the_worklist(client, users, running, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    lead = running.partners.get(is_lead=True)
    make_claim(lead, users["applicant"], [("consumables", "1000.10"), ("consumables", "200.25")])
    partner = running.partners.get(is_lead=False)
    make_claim(partner, users["other_applicant"], [("consumables", "99.99")])
    client = login(client, users["finance"])
    page = client.get(reverse("grants:finance"))
    shown = [claim.agreement_partner.company.display_name for claim, _findings in page.context["rows"]]
    rows = xlsx_rows(_ok(client, "grants:claims_export", "xlsx"))
    assert [r[2] for r in rows[1:]] == shown
    assert sum(D(str(r[7])) for r in rows[1:]) == D("1300.34")
    few = _queries(client, "grants:claims_export", "csv")
    for member in _extra_partners(running, 10):
        make_claim(member, users["applicant"], [("consumables", "10.00")])
    with django_assert_max_num_queries(few):
        assert len(csv_rows(_ok(client, "grants:claims_export", "csv"))) == 13
    response = client.get(reverse("grants:claims_export", args=["csv"]) + "?country=NL")
    assert [r[2] for r in csv_rows(response)[1:]] == [partner.company.display_name]


def test_payments_export_is_the_payments_list(client, users, running, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    members = list(running.partners.order_by("-is_lead"))

    def pay(member, amount: str, kind: str = "advance") -> Payment:  # type: ignore[no-untyped-def]
        return Payment.objects.create(
            agreement_partner=member, kind=kind, amount=D(amount), status="proposed", proposed_at=clock.now()
        )

    for member, amount in zip(members, ("12000.01", "6000.02"), strict=True):
        pay(member, amount)
    client = login(client, users["secretariat"])
    page = client.get(reverse("grants:payments"))
    shown = [p.agreement_partner.company.display_name for p, _text in page.context["payments"]]
    rows = xlsx_rows(_ok(client, "grants:payments_export", "xlsx"))
    assert [r[1] for r in rows[1:]] == shown
    assert sum(D(str(r[5])) for r in rows[1:]) == D("18000.03")
    few = _queries(client, "grants:payments_export", "xlsx")
    for member in _extra_partners(running, 10):
        pay(member, "1.00")
    with django_assert_max_num_queries(few):
        assert len(xlsx_rows(_ok(client, "grants:payments_export", "xlsx"))) == 13


def test_overdue_export_is_the_overdue_list(client, users, running) -> None:  # type: ignore[no-untyped-def]
    from unittest import mock

    from tests.grants.conftest import day

    with mock.patch("crossroads.grants.selectors.overdue.today", return_value=day("2027-08-09")):
        for role in ("applicant", "assessor", "finance"):
            assert _get(login(client, users[role]), "grants:overdue_export", "csv").status_code == 403, role
        rows = xlsx_rows(_ok(login(client, users["adviser_be"]), "grants:overdue_export", "xlsx"))
        assert [(r[0], r[2], r[6]) for r in rows[1:]] == [(running.reference, 1, 10)] * 3
        response = login(client, users["secretariat"]).get(
            reverse("grants:overdue_export", args=["csv"]) + "?kind=report"
        )
        rows = csv_rows(response)
    assert len(rows) == 2 and rows[1][0] == running.reference and rows[1][5] and rows[1][6] == "10"
