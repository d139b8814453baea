"""Budget amounts that do not fit: refused at the field before saving; rows already too large (written by an older
version) are shown with a warning and can be corrected or deleted (issue 9, part 1)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction
from django.urls import reverse

from crossroads.applications.models import BudgetLine
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db

HUGE_PERSONNEL = {
    "action": "line",
    "category": "personnel",
    "description": "Ontwikkeling",
    "person": "Engineer",
    "annual_cost": "9.999.999.999,99",  # fits its own column (12 digits) ...
    "hours": "999999,99",  # ... and so do the hours, but hours x rate does not fit the amount column
    "fte": "1",
}


def _partner_url(consortium, key="partner"):  # type: ignore[no-untyped-def]
    return reverse("applications:partner", args=[consortium["application"].pk, consortium[key].pk])


def test_hours_times_rate_too_large_is_refused_at_the_field(client, users, consortium):
    client.force_login(users["other_applicant"])
    events = AuditEvent.objects.count()
    response = client.post(_partner_url(consortium), HUGE_PERSONNEL)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_hours_error"' in body  # the message sits at the hours field
    assert 'value="999999,99"' in body  # what was typed is kept
    assert not BudgetLine.objects.filter(description="Ontwikkeling").exists()
    assert AuditEvent.objects.count() == events  # nothing half-saved
    # and the pages still work for everybody
    assert client.get(_partner_url(consortium)).status_code == 200
    assert client.get(reverse("applications:detail", args=[consortium["application"].pk])).status_code == 200


def test_hours_above_the_programme_maximum_are_refused(client, users, consortium):
    client.force_login(users["other_applicant"])
    data = dict(HUGE_PERSONNEL, annual_cost="86.000", hours="100000")
    response = client.post(_partner_url(consortium), data)
    assert response.status_code == 400 and 'id="id_hours_error"' in response.content.decode()
    assert not BudgetLine.objects.filter(description="Ontwikkeling").exists()


def test_partner_total_beyond_the_column_is_refused(client, users, consortium):
    client.force_login(users["other_applicant"])
    data = {
        "action": "line",
        "category": "consumables",
        "description": "Groot",
        "amount": "999.999.000.000",
        "fte": "1",
    }
    assert client.post(_partner_url(consortium), data).status_code == 302  # fits, with the other lines
    data.update(description="Nog groter", amount="1.000.000")
    response = client.post(_partner_url(consortium), data)
    assert response.status_code == 400 and 'id="id_amount_error"' in response.content.decode()
    assert not BudgetLine.objects.filter(description="Nog groter").exists()


def _legacy_row(partner) -> int:  # type: ignore[no-untyped-def]
    """A line as an older version stored it: SQLite does not enforce max_digits, reading it back used to fail."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO applications_budgetline (partner_id, category, description, person, annual_cost, fte, hours,"
            " hourly_rate, amount, supplier, quotation_reference) VALUES (%s, 'personnel', 'Oud', 'X', '9999999999.99',"
            " '1.00', '999999.99', '5813953.49', '5813953484302.33', '', '')",
            [partner.pk],
        )
        return cursor.lastrowid


def _legacy_row_where_possible(partner) -> int | None:  # type: ignore[no-untyped-def]
    """SQLite keeps a value wider than its column (an older version could store one); PostgreSQL refuses it, so
    there the guarantee is the database's own and the pages can never meet such a row."""
    if connection.vendor == "sqlite":
        return _legacy_row(partner)
    with pytest.raises(DataError), transaction.atomic():
        _legacy_row(partner)
    return None


def test_a_stored_oversized_line_breaks_no_page_and_can_be_deleted(client, users, consortium):
    line_pk = _legacy_row_where_possible(consortium["partner"])
    if line_pk is None:
        return
    application = consortium["application"]
    for user in ("applicant", "other_applicant", "secretariat"):
        client.force_login(users[user])
        assert client.get(reverse("applications:detail", args=[application.pk])).status_code == 200
        page = client.get(_partner_url(consortium))
        assert page.status_code == 200
        assert "budget-line-too-large" in page.content.decode()
    client.force_login(users["applicant"])
    detail = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert "budget.line_too_large" in detail or "too large" in detail or "te groot" in detail
    submit = client.post(reverse("applications:submit", args=[application.pk]), {"idempotency_key": "k1"})
    assert submit.status_code == 302
    application.refresh_from_db()
    assert application.status == "draft"  # blocked by the check, not by a crash
    client.force_login(users["other_applicant"])
    response = client.post(_partner_url(consortium), {"action": "delete_line", "line": str(line_pk)})
    assert response.status_code == 302
    assert not BudgetLine.objects.filter(pk=line_pk).exists()
    assert AuditEvent.objects.filter(verb="budget.delete", object_id=str(line_pk)).exists()


def test_a_stored_oversized_line_can_be_corrected(client, users, consortium):
    line_pk = _legacy_row_where_possible(consortium["partner"])
    if line_pk is None:
        return
    client.force_login(users["other_applicant"])
    page = client.get(_partner_url(consortium) + f"?edit={line_pk}")
    assert page.status_code == 200
    data = dict(HUGE_PERSONNEL, description="Oud", annual_cost="86.000", hours="400", line=str(line_pk))
    response = client.post(_partner_url(consortium), data)
    assert response.status_code == 302
    line = BudgetLine.objects.get(pk=line_pk)
    assert line.amount == Decimal("20000.00")
