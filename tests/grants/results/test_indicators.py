"""Closure indicators: proposed from the project's facts, confirmed or corrected by the secretariat once the
project has ended, one row per agreement x company x code (the project's own with no company)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.core.audit import AuditEvent
from crossroads.core.clock import BRUSSELS
from crossroads.grants.errors import GrantError
from crossroads.grants.jobs import lifecycle
from crossroads.grants.models import ClosureIndicator, ProgressReport
from crossroads.grants.selectors.results import indicator_rows
from crossroads.grants.services.results import IndicatorValue, coaching_log, indicators_record
from tests.assessment.conftest import at
from tests.grants.conftest import day

from .conftest import DURING

pytestmark = pytest.mark.django_db
AFTER = dt.datetime(2029, 1, 2, 9, tzinfo=BRUSSELS)


@pytest.fixture
def closing(running, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with at(AFTER), django_capture_on_commit_callbacks(execute=True):
        lifecycle.run(day("2029-01-01"))
    running.refresh_from_db()
    assert running.status == "closing"
    return running


def _rows(agreement):  # type: ignore[no-untyped-def]
    with at(AFTER):
        return {row.key: row for row in indicator_rows(agreement)}


def test_proposals_come_from_size_grants_coaching_and_the_final_report(closing, users, be_lead, nl_partner):
    rows = _rows(closing)
    lead, partner = f"{be_lead.pk}", f"{nl_partner.pk}"
    assert rows[f"RCO01-{lead}"].size_class == "small"  # 12-14 staff, 1,7 million turnover
    assert rows[f"RCO02-{lead}"].value == 1 and rows[f"RCO02-{partner}"].value == 1
    assert rows[f"RCO04-{lead}"].value == 0
    assert rows[f"RCO87-{partner}"].value == 1  # BE and NL
    assert rows["RCO84-project"].value == 0
    with at(DURING):
        coaching_log(
            actor=users["adviser_be"],
            agreement=closing,
            company_id=None,
            happened_on=dt.date(2027, 2, 1),
            channel="event",
            topic="Kick-off",
        )
    final = closing.periods.get(kind="final")
    ProgressReport.objects.create(period=final, status="submitted", prototype_status="demonstrated")
    with translation.override("en"):  # the reasons are worded when the rows are built
        rows = _rows(closing)
    assert rows[f"RCO04-{lead}"].value == 1 and rows[f"RCO04-{partner}"].value == 1
    assert rows["RCO84-project"].value == 1
    assert rows[f"RCR03-{lead}"].value == 1
    with translation.override("en"):
        assert rows["RCO84-project"].why == "The final report says the prototype was demonstrated."


def test_the_secretariat_records_once_the_project_has_ended(closing, running, users, be_lead):
    values = [
        IndicatorValue("RCO01", be_lead.pk, Decimal("1"), "medium"),
        IndicatorValue("RCO84", None, Decimal("2")),
    ]
    assert indicators_record(actor=users["secretariat"], agreement=closing, values=values) == 2
    assert indicators_record(actor=users["secretariat"], agreement=closing, values=values) == 0  # unchanged
    values[1] = IndicatorValue("RCO84", None, Decimal("1"))
    assert indicators_record(actor=users["secretariat"], agreement=closing, values=values) == 1
    assert ClosureIndicator.objects.filter(agreement=closing, code="RCO84", company=None).get().value == 1
    assert ClosureIndicator.objects.get(code="RCO01").size_class == "medium"
    assert AuditEvent.objects.filter(verb="indicator.record").count() == 3
    rows = _rows(closing)
    assert rows[f"RCO01-{be_lead.pk}"].size_class == "medium"  # the recorded value wins over the proposal


def test_records_are_refused_for_others_before_the_end_and_on_bad_values(running, users, be_lead):
    value = [IndicatorValue("RCO02", be_lead.pk, Decimal("1"))]
    with pytest.raises(GrantError):
        indicators_record(actor=users["secretariat"], agreement=running, values=value)  # still running
    running.status = "closing"
    running.save()
    for actor in (users["finance"], users["adviser_be"], users["applicant"]):
        with pytest.raises(GrantError) as refused:
            indicators_record(actor=actor, agreement=running, values=value)
        assert refused.value.status == 403
    with pytest.raises(GrantError) as size:
        indicators_record(
            actor=users["secretariat"], agreement=running, values=[IndicatorValue("RCO01", be_lead.pk, Decimal("1"))]
        )
    assert size.value.field == f"RCO01-{be_lead.pk}-size"
    assert not ClosureIndicator.objects.exists()


def test_the_page_for_the_secretariat_only(client, closing, users):
    url = reverse("grants:indicators", args=[closing.pk])
    for name, status in (("secretariat", 200), ("admin", 200), ("finance", 403), ("adviser_be", 403)):
        client.force_login(users[name])
        with at(AFTER):
            assert client.get(url).status_code == status, name
    client.force_login(users["applicant"])
    assert client.get(url).status_code == 403
    client.force_login(users["assessor"])
    assert client.get(url).status_code == 404


def test_posting_the_form_records_every_row_and_keeps_bad_input(client, closing, users):
    url = reverse("grants:indicators", args=[closing.pk])
    client.force_login(users["secretariat"])
    with at(AFTER):
        rows = _rows(closing)
        data = {f"{key}-value": str(row.value) for key, row in rows.items()}
        data.update({f"{key}-size": row.size_class for key, row in rows.items() if row.code == "RCO01"})
        bad = {**data, "RCO84-project-value": "twee"}
        response = client.post(url, bad)
        assert response.status_code == 400
        assert 'value="twee"' in response.content.decode()
        assert client.post(url, data).status_code == 302
    assert ClosureIndicator.objects.filter(agreement=closing).count() == len(rows)
