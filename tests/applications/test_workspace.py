"""Editing an application: permissions per role, optimistic locking, budget arithmetic, checks, copy, files
(issue #4, sections 2-4, 6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from crossroads.applications import services
from crossroads.applications.models import Application, Attachment, BudgetLine
from crossroads.applications.selectors import application_checks, grant_allocation
from crossroads.programme.models import Call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("applicant", 200),
        ("other_applicant", 200),
        ("secretariat", 200),
        ("adviser_be", 404),
        ("assessor", 404),
        ("finance", 404),
    ],
)
def test_who_sees_the_application(client, users, consortium, role, expected):
    client.force_login(users[role])
    assert client.get(reverse("applications:detail", args=[consortium["application"].pk])).status_code == expected


def test_a_partner_cannot_edit_another_partners_part(client, users, consortium):
    client.force_login(users["other_applicant"])
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["lead"].pk])
    response = client.post(
        url, {"action": "line", "category": "consumables", "description": "Extra", "amount": "1000", "fte": "1"}
    )
    assert response.status_code == 403
    assert not BudgetLine.objects.filter(description="Extra").exists()


def test_a_partner_edits_its_own_budget_with_dutch_notation(client, users, consortium):
    client.force_login(users["other_applicant"])
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["partner"].pk])
    client.post(
        url,
        {
            "action": "line",
            "category": "personnel",
            "description": "Ontwikkeling",
            "person": "Engineer",
            "annual_cost": "86.000,00",
            "hours": "400",
            "fte": "1",
        },
    )
    line = BudgetLine.objects.get(description="Ontwikkeling")
    assert line.hourly_rate == Decimal("50.00") and line.amount == Decimal("20000.00")  # 86,000 / 1,720 = 50


def test_only_the_lead_edits_shared_parts(client, users, consortium):
    client.force_login(users["other_applicant"])
    response = client.post(reverse("applications:shared", args=[consortium["application"].pk]), {"title": "X"})
    assert response.status_code == 403


def test_two_editors_get_a_conflict_not_an_overwrite(users, consortium):
    application = consortium["application"]
    version = application.lock_version
    services.shared_update(
        actor=users["applicant"], application=application, data={"title": "Versie A"}, version=version
    )
    with pytest.raises(services.ConflictError) as conflict:
        services.shared_update(
            actor=users["applicant"], application=application, data={"title": "Versie B"}, version=version
        )
    assert conflict.value.current["title"] == "Versie A"
    application.refresh_from_db()
    assert application.title == "Versie A"


def test_conflict_page_shows_both_versions(client, users, consortium):
    application = consortium["application"]
    services.shared_update(
        actor=users["applicant"], application=application, data={"title": "Versie A"}, version=application.lock_version
    )
    client.force_login(users["applicant"])
    data = {"title": "Versie B", "duration_months": "24", "version": "1"}
    response = client.post(reverse("applications:shared", args=[application.pk]), data)
    body = response.content.decode()
    assert response.status_code == 409 and "Versie A" in body and 'value="Versie B"' in body


def test_autosave_answers_json_with_the_new_version(client, users, consortium):
    application = consortium["application"]
    client.force_login(users["applicant"])
    response = client.post(
        reverse("applications:shared", args=[application.pk]),
        {"title": "Autosave", "duration_months": "20", "version": str(application.lock_version)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200 and response.json()["version"] == application.lock_version + 1
    stale = client.post(
        reverse("applications:shared", args=[application.pk]),
        {"title": "Oud", "duration_months": "20", "version": str(application.lock_version)},
        HTTP_ACCEPT="application/json",
    )
    assert stale.status_code == 409


def test_checks_cover_the_rules(users, consortium):
    application = consortium["application"]
    codes = {m.rule_id for m in application_checks(application)}
    assert codes == set()  # complete draft: nothing to fix before signatures
    application.duration_months = 30
    application.planned_start = timezone.now().date() - dt.timedelta(days=1)
    application.save()
    BudgetLine.objects.create(
        partner=consortium["lead"],
        category="external",
        description="Labo",
        amount=Decimal("500000"),
        supplier="Labo NV",
    )
    codes = {m.rule_id for m in application_checks(application)}
    assert {
        "project.duration_too_long",
        "project.start_before_submission",
        "budget.cost_share",
        "attachment.missing",
        "budget.grant_capped",
    } <= codes
    consortium["partner"].delete()
    assert "consortium.no_sme_nl" in {m.rule_id for m in application_checks(application)}


def test_de_minimis_headroom_is_checked(users, consortium):
    from crossroads.companies.models import DeMinimisAid

    DeMinimisAid.objects.create(
        company=consortium["be"],
        granted_on=timezone.now().date() - dt.timedelta(days=30),
        amount=Decimal("290000"),
        granting_body="Provincie",
    )
    messages = application_checks(consortium["application"])
    assert any(
        m.rule_id == "partner.de_minimis_exceeded" and m.params["headroom"] == Decimal("10000") for m in messages
    )


def test_grant_is_split_pro_rata_and_reconciles(consortium):
    allocation = grant_allocation(consortium["application"])
    assert allocation.project_grant == Decimal("35000.00")
    assert sorted(allocation.per_partner.values()) == [Decimal("15000.00"), Decimal("20000.00")]


def test_copy_into_a_later_call(users, consortium, programme):
    later = Call.objects.create(
        programme=programme,
        code="later",
        name_nl="Later",
        name_en="Later",
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=90),
        budget=Decimal("1"),
    )
    later.themes.set(programme.themes.all())
    copy = services.application_copy(actor=users["applicant"], application=consortium["application"], call=later)
    assert copy.call == later and copy.title == consortium["application"].title
    assert copy.partners.count() == 2 and copy.partners.filter(confirmed_at__isnull=False).count() == 0
    assert sum(line.amount for p in copy.partners.all() for line in p.budget_lines.all()) == Decimal("70000")
    assert Application.objects.count() == 2


def test_attachment_type_is_checked_by_content(client, users, consortium):
    client.force_login(users["applicant"])
    url = reverse("applications:attachment_upload", args=[consortium["application"].pk])
    fake = SimpleUploadedFile("offerte.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    client.post(url, {"kind": "quotations", "file": fake})
    assert not Attachment.objects.exists()
    real = SimpleUploadedFile("offerte.bin", b"%PDF-1.7\n%test\n", content_type="application/octet-stream")
    client.post(url, {"kind": "quotations", "file": real})
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf"
    download = reverse("applications:attachment", args=[consortium["application"].pk, attachment.pk])
    assert client.get(download).status_code == 200
    client.force_login(users["adviser_be"])
    assert client.get(download).status_code == 404


def test_partner_invited_by_email_joins_with_their_company(
    client, users, consortium, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.conftest import make_company, make_user

    newcomer = make_user("new@test.example", "applicant")
    company = make_company("Zeeuwse Zon BV", country="NL", number="11223344", postcode="4331 AB", city="Middelburg")
    company.memberships.create(user=newcomer, role="manager")
    with django_capture_on_commit_callbacks(execute=True):
        partner = services.partner_add(
            actor=users["applicant"], application=consortium["application"], email="new@test.example"
        )
    assert partner.invite_token in mail.outbox[0].body
    client.force_login(newcomer)
    client.post(reverse("applications:partner_join", args=[partner.invite_token]), {"company": company.pk})
    partner.refresh_from_db()
    assert partner.company == company


def test_closed_call_cannot_start_an_application(client, users, programme):
    from tests.conftest import make_company

    closed = Call.objects.create(
        programme=programme,
        code="closed",
        name_nl="Dicht",
        name_en="Closed",
        opens_at=timezone.now() - dt.timedelta(days=60),
        closes_at=timezone.now() - dt.timedelta(days=1),
        budget=Decimal("1"),
    )
    company = make_company()
    company.memberships.create(user=users["applicant"], role="manager")
    client.force_login(users["applicant"])
    client.post(reverse("applications:start", args=[closed.code]), {"lead": company.pk, "title": "Te laat"})
    assert not Application.objects.exists()


def test_public_call_page_needs_no_login(client, call):
    response = client.get(reverse("applications:call_detail", args=[call.code]))
    assert response.status_code == 200 and b"countdown" in response.content


def test_two_stage_call_idea_then_invited_full_proposal(client, users, programme, django_capture_on_commit_callbacks):
    from django.core import mail

    from crossroads.applications.models import ApplicationStatus, Partner, Stage
    from tests.applications.conftest import sign
    from tests.conftest import make_company

    call = Call.objects.create(
        programme=programme,
        code="two-stage",
        name_nl="Twee fasen",
        name_en="Two stages",
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=10),
        full_proposal_closes_at=timezone.now() + dt.timedelta(days=60),
        budget=Decimal("1"),
        stages=2,
    )
    call.themes.set(programme.themes.all())
    be = make_company("Idee BV", number="0403.019.261", postcode="2440", city="Geel")
    be.memberships.create(user=users["applicant"], role="manager")
    nl = make_company("Plan BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    nl.memberships.create(user=users["other_applicant"], role="manager")
    application = services.application_create(actor=users["applicant"], call=call, lead=be, title="Idee")
    assert application.stage == Stage.IDEA and application.required_sections == ["summary", "cross_border"]
    application.sections = {"summary": "Kort idee.", "cross_border": "Samen over de grens."}
    application.planned_start = timezone.now().date() + dt.timedelta(days=90)
    application.save()
    application.themes.set(call.themes.all()[:1])
    partner = Partner.objects.create(application=application, company=nl, order=1)
    BudgetLine.objects.create(
        partner=application.partners.get(is_lead=True),
        category="consumables",
        description="Indicatief",
        amount=Decimal("10000"),
    )
    BudgetLine.objects.create(
        partner=partner, category="consumables", description="Indicatief", amount=Decimal("10000")
    )
    sign(application.partners.get(is_lead=True), users["applicant"])
    sign(partner, users["other_applicant"])
    services.application_submit(actor=users["applicant"], application=application, idempotency_key="idea")

    client.force_login(users["applicant"])  # the applicant cannot invite itself
    assert client.post(reverse("applications:invite_full", args=[application.pk])).status_code == 403
    client.force_login(users["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:invite_full", args=[application.pk]))
    application.refresh_from_db()
    assert application.stage == Stage.FULL and application.status == ApplicationStatus.DRAFT
    assert application.deadline == call.full_proposal_closes_at
    assert "section.missing" in {m.rule_id for m in application_checks(application)}  # the full sections now
    assert mail.outbox[-1].to == ["applicant@test.example"]
    # After the idea deadline the full proposal can still be edited until its own deadline.
    from unittest import mock

    with mock.patch("crossroads.core.clock.now", return_value=call.closes_at + dt.timedelta(days=1)):
        services.shared_update(
            actor=users["applicant"],
            application=application,
            data={"title": "Volledig"},
            version=application.lock_version,
        )


def test_junk_identifiers_give_404_not_500(client, users, consortium, call):
    client.force_login(users["applicant"])
    assert client.post(reverse("applications:start", args=[call.code]), {"lead": "abc"}).status_code == 404
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["lead"].pk])
    assert client.post(url, {"action": "delete_line", "line": "x"}).status_code == 404
    response = client.post(reverse("matching:saved_search_create"), {"for": "c:abc", "name": "Zoek"})
    assert response.status_code < 500  # matching's own answer (field error or ignored), never a 500


def test_nobody_joins_after_the_deadline(client, users, consortium):
    from unittest import mock

    from crossroads.applications.models import Partner
    from tests.conftest import make_company, make_user

    late = make_user("late@test.example", "applicant")
    company = make_company("Laat BV", country="NL", number="99887766", postcode="4331 AB", city="Middelburg")
    company.memberships.create(user=late, role="manager")
    partner = Partner.objects.create(application=consortium["application"], invite_token="late-token", order=5)
    client.force_login(late)
    closes = consortium["application"].call.closes_at
    with mock.patch("crossroads.core.clock.now", return_value=closes + dt.timedelta(minutes=5)):
        client.post(reverse("applications:partner_join", args=["late-token"]), {"company": company.pk})
    partner.refresh_from_db()
    assert partner.company is None


def test_superscript_digits_are_not_ids(client, users, consortium, call):
    client.force_login(users["applicant"])
    assert client.post(reverse("applications:start", args=[call.code]), {"lead": "²"}).status_code == 404
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["lead"].pk])
    assert client.post(url, {"action": "delete_line", "line": "²"}).status_code == 404


def test_fixed_rate_call_needs_no_employment_cost(client, users, consortium):
    call = consortium["application"].call
    call.personnel_cost_method, call.fixed_hourly_rate = "fixed_rate", Decimal("55.00")
    call.save()
    client.force_login(users["other_applicant"])
    url = reverse("applications:partner", args=[consortium["application"].pk, consortium["partner"].pk])
    client.post(url, {"action": "line", "category": "personnel", "description": "Analyse", "hours": "100", "fte": "1"})
    line = BudgetLine.objects.get(description="Analyse")
    assert line.hourly_rate == Decimal("55.00") and line.amount == Decimal("5500.00")


def test_calendar_clips_to_the_end_of_the_month():
    from crossroads.core.calendar import add_months, add_years

    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    moment = dt.datetime(2026, 8, 31, 16, 0, tzinfo=dt.UTC)
    assert add_months(moment, 12) == dt.datetime(2027, 8, 31, 16, 0, tzinfo=dt.UTC)
