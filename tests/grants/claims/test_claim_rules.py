"""The live checks of a claim, as pure rules: one example per check, and what blocks (errors) and what does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from crossroads.applications.rules.budget import CostRules
from crossroads.grants.rules.claims import (
    ClaimFacts,
    EarlierClaim,
    LineFacts,
    blocking,
    check_claim,
    hours_by_year,
    method_rate,
    personnel_amount,
)

D = Decimal
RULES = CostRules()  # annual cost / 1.720 hours


def facts(*lines: LineFacts, **changes) -> ClaimFacts:  # type: ignore[no-untyped-def]
    base = ClaimFacts(
        project_start=dt.date(2027, 1, 1),
        project_end=dt.date(2028, 12, 31),
        period_start=dt.date(2027, 1, 1),
        period_end=dt.date(2027, 6, 30),
        today=dt.date(2027, 7, 15),
        rules=RULES,
        country="BE",
        budget={"personnel": D("40000.00"), "consumables": D("40000.00"), "external": D("0.00")},
        lines=lines,
    )
    return replace(base, **changes)


def invoice(**changes) -> LineFacts:  # type: ignore[no-untyped-def]
    line = LineFacts(
        id=1,
        category="consumables",
        supplier="Sensoren NV",
        invoice_number="F-1",
        invoice_date=dt.date(2027, 3, 1),
        paid_on=dt.date(2027, 3, 20),
        amount=D("1250.50"),
        documents=frozenset({"invoice", "proof_of_payment"}),
    )
    return replace(line, **changes)


def personnel(**changes) -> LineFacts:  # type: ignore[no-untyped-def]
    line = LineFacts(
        id=2,
        category="personnel",
        person="Jan Peeters",
        work_from=dt.date(2027, 1, 1),
        work_to=dt.date(2027, 6, 30),
        hours=D("400"),
        annual_cost=D("86000"),
        hourly_rate=D("50.00"),
        amount=D("20000.00"),
        documents=frozenset({"timesheet"}),
    )
    return replace(line, **changes)


def codes(f: ClaimFacts) -> list[tuple[str, str]]:
    return [(x.code, x.severity) for x in check_claim(f)]


def test_a_complete_claim_passes():
    assert codes(facts(invoice(), personnel())) == []


def test_an_empty_claim_cannot_be_submitted():
    assert codes(facts()) == [("claim.empty", "error")]


def test_a_date_outside_the_project_is_an_error_outside_the_period_a_warning():
    assert ("line.outside_project", "error") in codes(facts(invoice(invoice_date=dt.date(2026, 12, 31))))
    assert codes(facts(invoice(invoice_date=dt.date(2027, 8, 1), paid_on=dt.date(2027, 8, 1), id=3))) == [
        ("line.outside_period", "warning"),
        ("line.paid_in_future", "error"),
    ]
    worked_before = personnel(work_from=dt.date(2026, 12, 1))
    assert ("line.outside_project", "error") in codes(facts(worked_before))


def test_paid_after_submission_is_an_error():
    f = facts(invoice(paid_on=dt.date(2027, 7, 16)))
    assert codes(f) == [("line.paid_in_future", "error")]
    assert check_claim(f)[0].params == {"paid_on": dt.date(2027, 7, 16)}


def test_a_category_without_approved_budget_is_an_error():
    line = invoice(category="external")
    assert codes(facts(line)) == [("line.category_not_budgeted", "error")]


def test_the_rate_follows_the_method_of_the_application_rules():
    assert method_rate(RULES, annual_cost=D("86000"), country="BE") == D("50.00")
    assert codes(facts(personnel(hourly_rate=D("50.01")))) == [("line.rate_above_method", "error")]
    assert codes(facts(personnel(hourly_rate=D("45.00")))) == []  # a lower rate is the partner's choice
    assert codes(facts(personnel(annual_cost=None, hourly_rate=None))) == [("line.rate_unknown", "error")]
    capped = CostRules(method="hourly_cap", hourly_cap=D("40"))
    assert codes(facts(personnel(), rules=capped)) == [("line.rate_above_method", "error")]
    fixed = CostRules(method="fixed_rate", fixed_rate=D("55"))
    assert codes(facts(personnel(annual_cost=None), rules=fixed)) == []
    assert personnel_amount(D("50.00"), D("7.5")) == D("375.00")


def test_the_yearly_hours_cap_counts_every_claim_of_the_partner():
    line = personnel(hours=D("900"), amount=D("45000.00"))
    assert codes(facts(line)) == [("claim.over_budget", "warning")]
    before = {("jan peeters", 2027): D("821")}
    found = check_claim(facts(line, hours_before=before))
    assert [(x.code, x.params["year"], x.params["max"]) for x in found if x.severity == "error"] == [
        ("claim.hours_over_year", 2027, 1720)
    ]
    assert codes(facts(line, hours_before={("jan peeters", 2027): D("820")})) == [("claim.over_budget", "warning")]


def test_hours_of_a_period_over_new_year_are_spread_by_days():
    spread = hours_by_year(dt.date(2027, 12, 1), dt.date(2028, 1, 31), D("62"))
    assert spread == {2027: 31, 2028: 31}


def test_over_the_approved_budget_is_a_warning_with_the_figures():
    f = facts(invoice(amount=D("2000.00")), claimed_before={"consumables": D("39000.00")})
    (finding,) = check_claim(f)
    assert (finding.code, finding.severity) == ("claim.over_budget", "warning")
    assert finding.params["over"] == D("1000.00") and finding.params["budget"] == D("40000.00")
    assert blocking(check_claim(f)) == []


def test_missing_documents_and_fields_are_errors():
    f = facts(invoice(documents=frozenset({"invoice"}), invoice_number=""), personnel(documents=frozenset()))
    found = [(x.code, x.params.get("kind") or x.params.get("field")) for x in check_claim(f)]
    assert ("line.document_missing", "proof_of_payment") in found
    assert ("line.document_missing", "timesheet") in found
    assert ("line.field_missing", "invoice_number") in found


def test_a_duplicate_names_the_earlier_claim():
    earlier = EarlierClaim(reference="CR-0001", period=1, partner="Kempense Warmte BV", how="invoice")
    (finding,) = check_claim(facts(invoice(duplicates=(earlier,))))
    assert finding.code == "line.duplicate" and finding.severity == "error"
    assert finding.params == {"reference": "CR-0001", "period": 1, "partner": "Kempense Warmte BV", "how": "invoice"}
