"""The secretariat manages calls in the platform: who may, what is checked at the field, what is audited, and what
can no longer change once a call has opened or applications were submitted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.core.clock import BRUSSELS
from crossroads.core.models import AuditEvent
from crossroads.programme.models import Call, CallDocument
from crossroads.programme.verbs import ProgrammeVerb
from tests.conftest import submitted_application

pytestmark = pytest.mark.django_db

DENIED_ROLES = ["applicant", "adviser_be", "assessor", "finance"]
BEFORE_ANY_CALL = dt.datetime(2026, 1, 10, 12, 0, tzinfo=BRUSSELS)
WHILE_OPEN = dt.datetime(2026, 3, 10, 12, 0, tzinfo=BRUSSELS)


def at(moment: dt.datetime):  # type: ignore[no-untyped-def]
    return mock.patch("crossroads.core.clock.now", return_value=moment.astimezone(dt.UTC))


def grid(rows: list[tuple[str, ...]]) -> dict[str, str]:
    """The criteria formset's fields for (code, weight, threshold[, name_nl, name_en]) rows."""
    data = {
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, (code, weight, threshold, *names) in enumerate(rows):
        name_nl, name_en = names or (f"Criterium {code}", f"Criterion {code}")
        data |= {
            f"criteria-{i}-code": code,
            f"criteria-{i}-name_nl": name_nl,
            f"criteria-{i}-name_en": name_en,
            f"criteria-{i}-weight": weight,
            f"criteria-{i}-threshold": threshold,
        }
    return data


DEFAULT_GRID = [("innovation", "50", "5"), ("cross_border", "50", "5")]


def call_data(**overrides: object) -> dict[str, object]:
    from crossroads.programme.models import Theme

    data: dict[str, object] = {
        "themes": [Theme.objects.order_by("pk").first().pk],
        "code": "crossroads-2027-1",
        "name_nl": "CrossRoads oproep 2027-1",
        "name_en": "CrossRoads call 2027-1",
        "description_nl": "Een oproep.",
        "description_en": "A call.",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-05-03T17:00",
        "budget": "1.000.000,00",
        "stages": "1",
        "required_sections": ["summary", "workplan", "cross_border"],
        "required_attachments": ["quotations"],
        "personnel_cost_method": "",
        "overall_threshold": "60",
        "allocation_policy": "skip",
        "reduced_grant_min_share": "0",
        "assessors_per_application": "3",
        **grid(DEFAULT_GRID),
    }
    data.update(overrides)
    return data


def edit_data(call: Call, **overrides: object) -> dict[str, object]:
    """The edit form as the page fills it for `call` (for a user working in English), with `overrides`."""
    from crossroads.programme.forms import call_initial

    initial = call_initial(call)
    data: dict[str, object] = {}
    for key, value in initial.items():
        if isinstance(value, dt.datetime):
            data[key] = value.astimezone(BRUSSELS).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, Decimal):
            data[key] = str(value)
        elif value is None:
            data[key] = ""
        else:
            data[key] = value
    rows = [(c.code, str(c.weight), str(c.threshold), c.name_nl, c.name_en) for c in call.criteria.all()]
    data |= grid(rows) | {"criteria-INITIAL_FORMS": str(len(rows))}  # the page's rows come from the call
    data.pop("code", None)
    data.update(overrides)
    return data


@pytest.fixture
def staff_client(client, users):  # type: ignore[no-untyped-def]
    """The secretariat, working in English (so messages can be asserted before the Dutch catalogue is merged)."""
    users["secretariat"].language = "en"
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    return client


@pytest.fixture
def first_call(programme) -> Call:  # type: ignore[no-untyped-def]
    return Call.objects.get(code="crossroads-2026-1")  # opens 2026-03-02 09:00, closes 2026-04-17 17:00


# --- Who may -------------------------------------------------------------------------------------------------------


def pages(call: Call) -> list[str]:
    return [
        reverse("programme:call_list"),
        reverse("programme:call_create"),
        reverse("programme:call_edit", args=[call.pk]),
        reverse("programme:call_preview", args=[call.pk]),
    ]


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_secretariat_and_admin_open_every_call_page(client, users, first_call, role):
    client.force_login(users[role])
    for url in pages(first_call):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", DENIED_ROLES)
def test_other_roles_are_refused_with_a_reason(client, users, first_call, role):
    client.force_login(users[role])
    for url in pages(first_call):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.context["reason"], url
    assert client.post(reverse("programme:call_create"), call_data()).status_code == 403
    edit = client.post(reverse("programme:call_edit", args=[first_call.pk]), edit_data(first_call, name_en="X"))
    assert edit.status_code == 403
    assert client.post(reverse("programme:call_document_add", args=[first_call.pk])).status_code == 403
    assert not Call.objects.filter(code="crossroads-2027-1").exists()
    assert Call.objects.get(pk=first_call.pk).name_en == "CrossRoads call 2026-1"


def test_anonymous_visitors_are_sent_to_log_in(client, first_call):
    for url in pages(first_call):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    assert client.post(reverse("programme:call_create"), call_data()).status_code == 302
    assert not Call.objects.filter(code="crossroads-2027-1").exists()


def test_the_list_shows_status_and_links(staff_client, first_call):
    with at(WHILE_OPEN), translation.override("en"):
        response = staff_client.get(reverse("programme:call_list"), HTTP_ACCEPT_LANGUAGE="en")
    statuses = {row.call.code: row.status for row in response.context["rows"]}
    assert statuses == {"crossroads-2026-1": "open", "crossroads-2026-2": "draft"}
    body = response.content.decode()
    assert reverse("programme:call_edit", args=[first_call.pk]) in body
    assert reverse("programme:call_preview", args=[first_call.pk]) in body


# --- Creating a call -----------------------------------------------------------------------------------------------


def test_secretariat_creates_a_call_with_its_grid_and_an_audit_row(staff_client, users, programme):
    theme = programme.themes.first()
    with at(BEFORE_ANY_CALL):
        response = staff_client.post(reverse("programme:call_create"), call_data(themes=[theme.pk]))
    call = Call.objects.get(code="crossroads-2027-1")
    assert response.status_code == 302 and response["Location"] == reverse("programme:call_edit", args=[call.pk])
    assert call.budget == Decimal("1000000.00")
    assert call.opens_at == dt.datetime(2027, 3, 1, 9, 0, tzinfo=BRUSSELS)
    assert call.required_sections == ["summary", "workplan", "cross_border"]
    assert list(call.themes.all()) == [theme]
    assert [(c.code, c.weight) for c in call.criteria.all()] == [("innovation", 50), ("cross_border", 50)]
    assert call.tie_breakers == ["cross_border", "innovation", "submitted_at"]
    event = AuditEvent.objects.get(verb=ProgrammeVerb.CALL_CREATE, object_id=str(call.pk))
    assert event.actor == users["secretariat"] and event.before is None
    assert event.after["budget"] == "1000000.00" and len(event.after["criteria"]) == 2


def post_create(client, **overrides):  # type: ignore[no-untyped-def]
    with at(BEFORE_ANY_CALL), translation.override("en"):
        return client.post(reverse("programme:call_create"), call_data(**overrides), HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_at": "2027-02-01T17:00"}, "closes_at", "The call must close after it opens."),
        ({"budget": "0"}, "budget", "The budget must be more than"),
        ({"budget": "-5"}, "budget", "The budget must be more than"),
        ({"budget": "1,000.505"}, "budget", "at most 2 decimals"),
        ({"budget": "12,50,0"}, "budget", "Check the dots and commas"),
        ({"budget": "9,000,000.00"}, "budget", "this call can have at most"),
        ({"opens_at": "2022-12-01T09:00"}, "opens_at", "The programme starts on"),
        ({"closes_at": "2030-02-01T17:00"}, "closes_at", "The programme ends on"),
        ({"opens_at": "tomorrow"}, "opens_at", "Enter a date and time"),
        ({"assessors_per_application": "1"}, "assessors_per_application", "one assessor from each"),
        ({"overall_threshold": "120"}, "overall_threshold", "between 0 and 100"),
        ({"personnel_cost_method": "hourly_cap"}, "hourly_cap", "needs an hourly cap"),
        ({"hourly_cap": "-3"}, "hourly_cap", "Enter an amount above"),
        ({"code": "crossroads-2026-1"}, "code", "Another call already has this code."),
    ],
)
def test_bad_input_is_refused_at_its_field(staff_client, programme, overrides, field, message):
    response = post_create(staff_client, **overrides)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert not Call.objects.filter(code="crossroads-2027-1").exists()
    assert 'value="CrossRoads call 2027-1"' in response.content.decode()  # what was typed is kept


def test_the_budget_limit_comes_from_the_programme(staff_client, programme):
    programme.grant_budget = Decimal("20000000")
    programme.save()
    assert post_create(staff_client, budget="9,000,000.00").status_code == 302


def test_weights_must_make_100(staff_client, programme):
    response = post_create(staff_client, **grid([("innovation", "60", "5"), ("cross_border", "30", "5")]))
    assert response.status_code == 400
    assert "The weights add up to 90 %; together they must make 100 %." in response.context["grid"].non_form_errors()
    assert "The weights add up to 90" in response.content.decode()


def test_a_threshold_lies_on_the_scale(staff_client, programme):
    response = post_create(staff_client, **grid([("innovation", "50", "11"), ("cross_border", "50", "5")]))
    assert response.status_code == 400
    assert response.context["grid"].forms[0].errors["threshold"] == [
        "The threshold must lie on the scale: between 0 and 10."
    ]


def test_dutch_amounts_are_read_the_dutch_way(client, users, programme):
    client.force_login(users["secretariat"])
    with at(BEFORE_ANY_CALL), translation.override("nl"):
        response = client.post(reverse("programme:call_create"), call_data(budget="1.250.000,50"))
    assert response.status_code == 302
    assert Call.objects.get(code="crossroads-2027-1").budget == Decimal("1250000.50")


# --- Changing a call -----------------------------------------------------------------------------------------------


def test_before_opening_a_change_needs_no_reason_and_is_audited(staff_client, first_call):
    with at(BEFORE_ANY_CALL):
        response = staff_client.post(
            reverse("programme:call_edit", args=[first_call.pk]), edit_data(first_call, name_en="Call 2026-1 (new)")
        )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb=ProgrammeVerb.CALL_UPDATE, object_id=str(first_call.pk))
    assert event.before["name_en"] == "CrossRoads call 2026-1"
    assert event.after["name_en"] == "Call 2026-1 (new)"


def test_an_unchanged_form_writes_nothing(staff_client, first_call):
    with at(WHILE_OPEN):
        response = staff_client.post(reverse("programme:call_edit", args=[first_call.pk]), edit_data(first_call))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(verb=ProgrammeVerb.CALL_UPDATE).exists()


def test_after_opening_a_change_needs_a_reason(staff_client, first_call):
    url = reverse("programme:call_edit", args=[first_call.pk])
    with at(WHILE_OPEN), translation.override("en"):
        refused = staff_client.post(url, edit_data(first_call, budget="1,500,000.00"), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert "say why it changes" in " ".join(refused.context["form"].errors["reason"])
    assert Call.objects.get(pk=first_call.pk).budget == Decimal("1250000.00")
    assert not AuditEvent.objects.filter(verb=ProgrammeVerb.CALL_UPDATE).exists()

    with at(WHILE_OPEN):
        saved = staff_client.post(url, edit_data(first_call, budget="1,500,000.00", reason="Extra regional funds."))
    assert saved.status_code == 302
    assert Call.objects.get(pk=first_call.pk).budget == Decimal("1500000.00")
    event = AuditEvent.objects.get(verb=ProgrammeVerb.CALL_UPDATE)
    assert (event.before["budget"], event.after["budget"]) == ("1250000.00", "1500000.00")
    assert event.after["reason"] == "Extra regional funds."


def test_an_open_call_keeps_its_opening_moment(staff_client, first_call):
    with at(WHILE_OPEN), translation.override("en"):
        response = staff_client.post(
            reverse("programme:call_edit", args=[first_call.pk]),
            edit_data(first_call, opens_at="2026-03-05T09:00", reason="Typo."),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    assert "opening moment can no longer move" in " ".join(response.context["form"].errors["opens_at"])


def test_removing_a_required_section_after_submissions_is_refused(
    staff_client, first_call, users, company_be, company_nl
):
    submitted_application(
        first_call, company_be, company_nl, title="Warmtenet", submitted_at=WHILE_OPEN, owner=users["applicant"]
    )
    sections = [s for s in first_call.required_sections if s != "impact"]
    with at(WHILE_OPEN + dt.timedelta(days=1)), translation.override("en"):
        response = staff_client.post(
            reverse("programme:call_edit", args=[first_call.pk]),
            edit_data(first_call, required_sections=sections, reason="Shorter form."),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["required_sections"])
    assert "Applications have already been submitted in this call" in errors
    assert "impact" in Call.objects.get(pk=first_call.pk).required_sections
    assert not AuditEvent.objects.filter(verb=ProgrammeVerb.CALL_UPDATE).exists()


def test_after_submissions_the_grid_stays_but_the_text_may_change(
    staff_client, first_call, users, company_be, company_nl
):
    submitted_application(
        first_call, company_be, company_nl, title="Warmtenet", submitted_at=WHILE_OPEN, owner=users["applicant"]
    )
    url = reverse("programme:call_edit", args=[first_call.pk])
    changed_grid = edit_data(first_call, reason="Re-weighting.")
    changed_grid["criteria-0-weight"], changed_grid["criteria-1-weight"] = "30", "20"
    with at(WHILE_OPEN + dt.timedelta(days=1)):
        assert staff_client.post(url, changed_grid).status_code == 400
        text = edit_data(first_call, description_en="Clarified.", reason="Clarification.")
        assert staff_client.post(url, text).status_code == 302
    assert Call.objects.get(pk=first_call.pk).description_en == "Clarified."


# --- Documents and preview -----------------------------------------------------------------------------------------


def test_documents_are_added_and_removed_with_audit_rows(staff_client, first_call, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("oproeptekst.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = staff_client.post(
        reverse("programme:call_document_add", args=[first_call.pk]),
        {"title": "Oproeptekst", "language": "nl", "file": upload},
    )
    assert response.status_code == 302
    document = CallDocument.objects.get(call=first_call)
    assert AuditEvent.objects.filter(verb=ProgrammeVerb.CALL_DOCUMENT_ADD, object_id=str(first_call.pk)).exists()
    staff_client.post(reverse("programme:call_document_remove", args=[first_call.pk, document.pk]))
    assert not CallDocument.objects.filter(pk=document.pk).exists()
    assert AuditEvent.objects.filter(verb=ProgrammeVerb.CALL_DOCUMENT_REMOVE).exists()


def test_the_preview_shows_labels_never_codes(staff_client, first_call):
    with at(WHILE_OPEN), translation.override("en"):
        response = staff_client.get(reverse("programme:call_preview", args=[first_call.pk]), HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert "CrossRoads call 2026-1" in body
    assert "Cross-border added value" in body and "Quotations of external costs" in body
    for code in ("cross_border", "quotations", "annual_cost", "None"):
        assert f">{code}<" not in body and f" {code} " not in body, code


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_edit_page_reads_as_text_in_each_language(client, users, first_call, language):
    users["secretariat"].language = language
    users["secretariat"].save()
    client.force_login(users["secretariat"])
    body = client.get(reverse("programme:call_edit", args=[first_call.pk])).content.decode()
    assert "None" not in body and "{'" not in body and "['" not in body
    assert 'value="0.0000"' not in body and 'value="0,0000"' not in body
    assert "Nederlands" in body and "English" in body  # the two languages side by side


def test_a_withdrawn_application_still_keeps_the_sections(staff_client, first_call, users, company_be, company_nl):
    from crossroads.applications.services import application_withdraw

    application = submitted_application(
        first_call, company_be, company_nl, title="Warmtenet", submitted_at=WHILE_OPEN, owner=users["applicant"]
    )
    with at(WHILE_OPEN + dt.timedelta(hours=1)):
        application_withdraw(actor=users["applicant"], application=application)
        sections = [s for s in first_call.required_sections if s != "impact"]
        response = staff_client.post(
            reverse("programme:call_edit", args=[first_call.pk]),
            edit_data(first_call, required_sections=sections, reason="Shorter form."),
        )
    assert response.status_code == 400
    assert "impact" in Call.objects.get(pk=first_call.pk).required_sections


@pytest.mark.parametrize(
    "overrides",
    [
        {"themes": ["٣"]},
        {"themes": ["99999999999999999999999"]},
        {"stages": "7"},
        {"required_sections": ["secret"]},
        {"criteria-TOTAL_FORMS": "x"},
        {"criteria-0-weight": "1e5"},
        {"criteria-0-threshold": "NaN"},
        {"budget": "1" * 40},
        {"assessors_per_application": "٢"},
    ],
)
def test_hostile_input_is_refused_without_an_error_page(staff_client, programme, overrides):
    response = post_create(staff_client, **overrides)
    assert response.status_code == 400
    assert not Call.objects.filter(code="crossroads-2027-1").exists()


def test_an_unknown_call_is_not_found(staff_client, programme):
    assert staff_client.get("/programme/calls/99999999999999999999999/").status_code == 404
    assert staff_client.get(reverse("programme:call_edit", args=[987654])).status_code == 404
