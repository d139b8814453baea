"""The call editor has the after-award parameters: shares typed as percentages and stored as fractions, months
within the column's limits and the programme's longest project; empty means the usual value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils.translation import override

from crossroads.programme.forms import CallForm, call_initial
from tests.programme.test_call_management import call_data, edit_data

pytestmark = pytest.mark.django_db


def _form(programme, call=None, **overrides):  # type: ignore[no-untyped-def]
    data = edit_data(call, **overrides) if call is not None else call_data(**overrides)
    return CallForm(data, programme=programme, call=call)


def test_a_new_call_without_them_gets_the_usual_values(programme):
    form = _form(programme)
    assert form.is_valid(), form.errors
    values = form.values()
    assert values["advance_share"] == Decimal("0")
    assert values["budget_shift_free_share"] == Decimal("0.1")
    assert (values["report_interval_months"], values["interim_report_due_months"], values["final_report_months"]) == (
        6,
        1,
        3,
    )


def test_typed_values_are_stored_as_the_call_keeps_them(programme):
    form = _form(
        programme,
        advance_share="20",
        budget_shift_free_share="15,5",
        report_interval_months="4",
        interim_report_due_months="2",
        final_report_months="6",
    )
    assert form.is_valid(), form.errors
    values = form.values()
    assert values["advance_share"] == Decimal("0.2") and values["budget_shift_free_share"] == Decimal("0.155")
    assert values["report_interval_months"] == 4 and values["final_report_months"] == 6


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("advance_share", "101"),
        ("budget_shift_free_share", "-1"),
        ("report_interval_months", "0"),
        ("report_interval_months", "25"),
        ("interim_report_due_months", "7"),
        ("final_report_months", "13"),
    ],
)
def test_values_outside_the_limits_are_refused_at_the_field(programme, field, value):
    with override("en"):
        form = _form(programme, **{field: value})
        assert not form.is_valid()
        assert field in form.errors


def test_an_existing_call_shows_its_values_as_percentages(programme):
    call = programme.calls.get(code="crossroads-2026-1")
    call.advance_share = Decimal("0.25")
    call.save(update_fields=["advance_share"])
    initial = call_initial(call)
    assert initial["advance_share"] == Decimal("25.00")
    assert initial["budget_shift_free_share"] == Decimal("10.00")
    assert initial["report_interval_months"] == 6


def test_the_editor_page_shows_the_section(client, users, programme):
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    from django.urls import reverse

    page = client.get(reverse("programme:call_create"))
    assert page.status_code == 200
    assert 'name="advance_share"' in page.text and 'name="report_interval_months"' in page.text


def test_saving_the_call_keeps_them(client, users, programme):
    from django.urls import reverse

    from crossroads.programme.models import Call

    client.force_login(users["secretariat"])
    response = client.post(reverse("programme:call_create"), call_data(advance_share="20", report_interval_months="4"))
    assert response.status_code == 302
    call = Call.objects.get(code="crossroads-2027-1")
    assert call.advance_share == Decimal("0.2000") and call.report_interval_months == 4
