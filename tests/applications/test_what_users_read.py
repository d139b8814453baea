"""What applicants read and type on the application pages: labels instead of codes, a readable edit-conflict box,
numbers typed the Dutch way, dates that cannot be true refused at their field, budget lines corrected in place, and
no "to fix" list on a submitted application (issue 12, sections 1, 2, 4 and 5)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from crossroads.applications import services
from crossroads.applications.models import Application, Attachment, BudgetLine
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _visible_text(html: str) -> str:
    body = html.split("<main", 1)[-1]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def english(users):  # type: ignore[no-untyped-def]
    """Both applicants read the site in English; the sections hold text without any code in it."""
    for key in ("applicant", "other_applicant"):
        users[key].language = "en"
        users[key].save()


@pytest.fixture
def neutral(consortium):  # type: ignore[no-untyped-def]
    application = consortium["application"]
    application.sections = {code: f"Onze tekst {n}." for n, code in enumerate(application.required_sections)}
    application.save()
    return consortium


def _shared_post(application, **changes):  # type: ignore[no-untyped-def]
    data = {
        "title": application.title,
        "duration_months": "24",
        "planned_start": application.planned_start.isoformat(),
        "version": str(application.lock_version),
        **{f"section_{code}": text for code, text in application.sections.items()},
    }
    data.update(changes)
    return data


def test_read_only_page_names_sections_and_attachments(client, users, neutral, english):
    consortium = neutral
    application = consortium["application"]
    Attachment.objects.create(
        application=application,
        kind="annual_accounts",
        file="x.pdf",
        original_name="jaarrekening.pdf",
        content_type="application/pdf",
        size=8,
        sha256="a" * 64,
        uploaded_by=users["applicant"],
    )
    client.force_login(users["other_applicant"])  # a partner sees the shared part read-only
    with translation.override("en"):
        text = _visible_text(client.get(reverse("applications:detail", args=[application.pk])).content.decode())
    for code in ("cross_border", "workplan", "annual_accounts"):  # the codes that are not also English words
        assert not re.search(rf"\b{code}\b", text), code
    assert "Cross-border added value" in text and "Work plan" in text and "Last annual accounts" in text
    assert "None" not in text


def test_conflict_box_lists_the_changed_fields_with_labels(client, users, neutral, english):
    consortium = neutral
    application = consortium["application"]
    services.shared_update(
        actor=users["applicant"],
        application=application,
        data={"title": "Versie A", "sections": {**application.sections, "cross_border": "Hun tekst."}},
        version=application.lock_version,
    )
    client.force_login(users["applicant"])
    application.refresh_from_db()
    data = _shared_post(application, title="Versie B", version="1", section_cross_border="Mijn tekst.")
    with translation.override("en"):
        response = client.post(reverse("applications:shared", args=[application.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 409
    box = body.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "Project title" in box and "Versie A" in box
    assert "Cross-border added value" in box and "Hun tekst." in box
    assert "{" not in box and "cross_border" not in box and "Summary" not in box  # unchanged fields are left out


def test_autosave_conflict_answers_labelled_rows(client, users, neutral, english):
    consortium = neutral
    application = consortium["application"]
    services.shared_update(
        actor=users["applicant"], application=application, data={"title": "Versie A"}, version=application.lock_version
    )
    client.force_login(users["applicant"])
    with translation.override("en"):
        response = client.post(
            reverse("applications:shared", args=[application.pk]),
            _shared_post(application, title="Versie B", version="1"),
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 409
    assert {"label": "Project title", "value": "Versie A"} in response.json()["current"]


@pytest.mark.parametrize(("typed", "stored"), [("750.000", "750000"), ("1.850.000,00", "1850000.00")])
def test_indicators_take_dutch_thousands(client, users, consortium, typed, stored):
    application = consortium["application"]
    client.force_login(users["applicant"])
    with translation.override("nl"):
        response = client.post(
            reverse("applications:shared", args=[application.pk]),
            _shared_post(application, indicator_turnover=typed, indicator_new_products="3"),
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert Decimal(application.indicators["turnover"]) == Decimal(stored)
    assert application.indicators["new_products"] == "3"


def test_a_start_before_the_call_opens_is_refused_at_the_field(client, users, consortium):
    application = consortium["application"]
    before = (application.call.opens_at - dt.timedelta(days=3)).date()
    users["applicant"].language = "en"  # the page speaks the user's language; this test reads English
    users["applicant"].save(update_fields=["language"])
    client.force_login(users["applicant"])
    with translation.override("en"):
        response = client.post(
            reverse("applications:shared", args=[application.pk]),
            _shared_post(application, title="Nieuw", planned_start=before.isoformat()),
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 400
    errors = response.context["shared_form"].errors
    assert "before the call opens" in errors["planned_start"][0]
    application.refresh_from_db()
    assert application.title != "Nieuw"  # nothing saved; what was typed stays in the form
    assert response.context["shared_form"]["title"].value() == "Nieuw"


def test_a_duration_over_the_maximum_is_refused_at_the_field(client, users, consortium):
    application = consortium["application"]
    longest = application.call.programme.max_duration_months
    users["applicant"].language = "en"  # the page speaks the user's language; this test reads English
    users["applicant"].save(update_fields=["language"])
    client.force_login(users["applicant"])
    with translation.override("en"):
        response = client.post(
            reverse("applications:shared", args=[application.pk]),
            _shared_post(application, duration_months=str(longest + 6)),
        )
    assert response.status_code == 400
    message = response.context["shared_form"].errors["duration_months"][0]
    assert f"at most {longest} months" in message and "€" not in message


def test_the_service_refuses_impossible_dates_too(users, consortium):
    application = consortium["application"]
    before = (application.call.opens_at - dt.timedelta(days=1)).date()
    with pytest.raises(services.ApplicationError) as refused:
        services.shared_update(
            actor=users["applicant"],
            application=application,
            data={"planned_start": before},
            version=application.lock_version,
        )
    assert refused.value.field == "planned_start"
    with pytest.raises(services.ApplicationError) as refused:
        services.shared_update(
            actor=users["applicant"], application=application, data={"duration_months": 0}, version=1
        )
    assert refused.value.field == "duration_months"


def test_duration_check_message_uses_months_not_money(users, consortium):
    from crossroads.applications.check_text import describe_check
    from crossroads.applications.rules.checks import ERROR, Message

    with translation.override("en"):
        text = describe_check(Message("project.duration_too_long", ERROR, "project", {"months": 30, "max": 24}))
    assert text == "The duration of 30 months exceeds the maximum of 24 months."


def test_a_budget_line_is_corrected_in_place_and_audited(client, users, consortium):
    line = BudgetLine.objects.get(description="Testbank")
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["partner"].pk])
    client.force_login(users["other_applicant"])
    page = client.get(url, {"edit": line.pk})
    assert page.status_code == 200 and 'value="Testbank"' in page.content.decode()
    response = client.post(
        url,
        {
            "action": "line",
            "line": line.pk,
            "category": "consumables",
            "description": "Testbank v2",
            "amount": "32.500,00",
            "fte": "1",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.description == "Testbank v2" and line.amount == Decimal("32500.00")
    assert BudgetLine.objects.filter(partner=consortium["partner"]).count() == 1
    event = AuditEvent.objects.filter(verb="budget.save").latest("pk")
    assert event.before and event.after


def test_a_bad_correction_keeps_the_line_and_what_was_typed(client, users, consortium):
    line = BudgetLine.objects.get(description="Testbank")
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["partner"].pk])
    client.force_login(users["other_applicant"])
    response = client.post(
        url,
        {
            "action": "line",
            "line": line.pk,
            "category": "external",
            "description": "Anders",
            "amount": "12,5,0",
            "fte": "1",
        },
    )
    assert response.status_code == 400
    form = response.context["line_form"]
    assert form.errors and form["description"].value() == "Anders"
    line.refresh_from_db()
    assert line.description == "Testbank" and line.amount == Decimal("30000")


def test_another_partner_cannot_correct_a_line(client, users, consortium):
    line = BudgetLine.objects.get(description="Testbank")
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["partner"].pk])
    client.force_login(users["applicant"])
    response = client.post(
        url,
        {
            "action": "line",
            "line": line.pk,
            "category": "consumables",
            "description": "Gekaapt",
            "amount": "1",
            "fte": "1",
        },
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.description == "Testbank"


def test_a_submitted_application_lists_no_items_to_fix(client, users, ready):
    application = ready["application"]
    client.force_login(users["applicant"])
    with translation.override("en"):
        draft = client.get(reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert 'id="checks"' in draft.content.decode()
    services.application_submit(actor=users["applicant"], application=application, idempotency_key="s")
    body = client.get(reverse("applications:detail", args=[application.pk])).content.decode()
    assert 'id="checks"' not in body and "check-error" not in body
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_the_deadline_is_shown_the_english_way(client, users, consortium, english):
    call = consortium["application"].call
    call.closes_at = dt.datetime(2027, 2, 1, 17, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    call.save()
    client.force_login(users["applicant"])
    body = client.get(reverse("applications:detail", args=[consortium["application"].pk])).content.decode()
    assert "1 Feb 2027 17:00" in body and "01-02-2027" not in body
