"""Numbers, dates, ids and hostile input on the application forms: refused at the field, never a 500, nothing
half-saved, what was typed kept (issue 9, parts 2-5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from crossroads.applications.models import Application, BudgetLine, Partner, WorkPackage
from crossroads.core.models import AuditEvent

pytestmark = pytest.mark.django_db
HUGE_ID = "1" * 40


def _partner_url(consortium, key="partner"):  # type: ignore[no-untyped-def]
    return reverse("applications:partner", args=[consortium["application"].pk, consortium[key].pk])


def _line(**extra: str) -> dict[str, str]:
    return {"action": "line", "category": "consumables", "description": "Meetkabels", "fte": "1", **extra}


# ------------------------------------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("1.250,50", "nl", "1250.50"),
        ("1250.50", "nl", "1250.50"),
        ("1 250", "nl", "1250"),
        ("1,250.50", "en", "1250.50"),
    ],
)
def test_amounts_are_read_in_the_users_language(client, users, consortium, typed, language, expected):
    users["other_applicant"].language = language
    users["other_applicant"].save()
    client.force_login(users["other_applicant"])
    response = client.post(_partner_url(consortium), _line(amount=typed), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert BudgetLine.objects.get(description="Meetkabels").amount == Decimal(expected)


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("amount", "٣"),
        ("amount", "1e3"),
        ("amount", "NaN"),
        ("amount", "-5"),
        ("amount", "99999999999999999999"),
        ("amount", "1,234"),  # "1,234" is 1.234 in Dutch: three decimals do not fit a cent column
    ],
)
def test_bad_amounts_are_refused_at_the_field(client, users, consortium, field, typed):
    client.force_login(users["other_applicant"])
    response = client.post(_partner_url(consortium), _line(**{field: typed}))
    assert response.status_code == 400
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    assert not BudgetLine.objects.filter(description="Meetkabels").exists()


@pytest.mark.parametrize("typed", ["٣", "1e3", "123456789", "-1"])
def test_bad_hours_and_annual_costs_are_refused_at_the_field(client, users, consortium, typed):
    client.force_login(users["other_applicant"])
    data = _line(category="personnel", person="Engineer", annual_cost="86.000", hours=typed)
    response = client.post(_partner_url(consortium), data)
    assert response.status_code == 400 and 'id="id_hours_error"' in response.content.decode()
    data.update(hours="400", annual_cost="99.999.999.999.999")  # wider than the annual cost column
    response = client.post(_partner_url(consortium), data)
    assert response.status_code == 400 and 'id="id_annual_cost_error"' in response.content.decode()
    assert not BudgetLine.objects.filter(description="Meetkabels").exists()


def _shared(application, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {
        "title": application.title,
        "duration_months": "24",
        "planned_start": application.planned_start.isoformat(),
        "version": str(application.lock_version),
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("duration_months", "٢٤"),
        ("duration_months", "99999999999999999999999"),
        ("duration_months", "-3"),
        ("indicator_turnover", "1e3"),
        ("indicator_turnover", "٣"),
        ("indicator_turnover", "9" * 30),
        ("version", HUGE_ID),
        ("version", "٣"),
        ("themes", HUGE_ID),
        ("themes", "٣"),
        ("title", "Nul\x00byte"),
        ("section_summary", "x" * 100_000),
    ],
)
def test_the_shared_form_refuses_hostile_input_at_the_field(client, users, consortium, field, typed):
    application = consortium["application"]
    client.force_login(users["applicant"])
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("applications:shared", args=[application.pk]), _shared(application, **{field: typed})
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    application.refresh_from_db()
    assert application.title == "Warmte over de grens" and application.lock_version == 1
    assert AuditEvent.objects.count() == events
    autosave = client.post(
        reverse("applications:shared", args=[application.pk]),
        _shared(application, **{field: typed}),
        HTTP_ACCEPT="application/json",
    )
    assert autosave.status_code == 400 and autosave.json()["errors"]


def test_partner_part_refuses_100kb_tasks_and_keeps_them(client, users, consortium):
    client.force_login(users["other_applicant"])
    text = "ü\u200b" * 50_000
    response = client.post(_partner_url(consortium), {"action": "part", "role": "core", "tasks": text, "version": "1"})
    assert response.status_code == 400 and 'id="id_tasks_error"' in response.content.decode()
    assert Partner.objects.get(pk=consortium["partner"].pk).tasks == ""


# ------------------------------------------------------------------------------------------------ dates
class _FormValues(HTMLParser):
    """The values a browser would post from the form with the given id."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.values, self.textarea = form_id, False, {}, None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        elif self.inside and tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.values.setdefault(a["name"], []).append(a.get("value", "on"))
            else:
                self.values[a["name"]] = a.get("value") or ""
        elif self.inside and tag == "textarea":
            self.textarea = a["name"]
            self.values[self.textarea] = ""

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.textarea:
            self.values[self.textarea] += data.lstrip("\n") if not self.values[self.textarea] else data

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.inside = False


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_planned_start_renders_as_iso_and_survives_a_save_as_rendered(client, users, consortium, language):
    application = consortium["application"]
    application.planned_start = dt.date(2027, 2, 1)
    application.save()
    users["applicant"].language = language
    users["applicant"].save()
    client.force_login(users["applicant"])
    page = client.get(reverse("applications:detail", args=[application.pk]), HTTP_ACCEPT_LANGUAGE=language)
    body = page.content.decode()
    assert 'type="date" name="planned_start" value="2027-02-01"' in body
    assert "01-02-2027" not in body.split('id="shared-form"')[1].split("</form>")[0]
    parser = _FormValues("shared-form")
    parser.feed(body)
    assert parser.values["planned_start"] == "2027-02-01"
    for accept in ("text/html", "application/json"):  # a normal save and an autosave of the form as rendered
        response = client.post(reverse("applications:shared", args=[application.pk]), parser.values, HTTP_ACCEPT=accept)
        assert response.status_code in (200, 302), response.content[:500]
        application.refresh_from_db()
        assert application.planned_start == dt.date(2027, 2, 1)
        parser.values["version"] = str(application.lock_version)


def test_an_autosave_without_a_date_keeps_the_stored_date(client, users, consortium):
    application = consortium["application"]
    stored = application.planned_start
    client.force_login(users["applicant"])
    url = reverse("applications:shared", args=[application.pk])
    data = _shared(application, planned_start="")
    assert client.post(url, data, HTTP_ACCEPT="application/json").status_code == 200
    data = _shared(application, version="2")
    del data["planned_start"]
    assert client.post(url, data, HTTP_ACCEPT="application/json").status_code == 200
    application.refresh_from_db()
    assert application.planned_start == stored and application.lock_version == 3


def test_a_dutch_typed_date_is_read(client, users, consortium):
    application = consortium["application"]
    client.force_login(users["applicant"])
    next_year = timezone.now().year + 1
    client.post(
        reverse("applications:shared", args=[application.pk]), _shared(application, planned_start=f"01-02-{next_year}")
    )
    application.refresh_from_db()
    assert application.planned_start == dt.date(next_year, 2, 1)


# ------------------------------------------------------------------------------------------------ ids
def test_malformed_ids_in_urls_give_404(client, users, consortium):
    client.force_login(users["applicant"])
    pk = consortium["application"].pk
    for path in (
        f"/applications/{HUGE_ID}/",
        f"/applications/{pk}/partners/{HUGE_ID}/",
        f"/applications/{pk}/attachments/{HUGE_ID}/",
        f"/applications/{pk}/submissions/{HUGE_ID}.pdf",
        f"/applications/{pk}/partners/{consortium['lead'].pk}/?edit={HUGE_ID}",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/applications/{pk}/work-packages/{HUGE_ID}/delete/").status_code == 404
    lead_url = _partner_url(consortium, "lead")
    assert client.post(lead_url, {"action": "delete_line", "line": HUGE_ID}).status_code == 404
    assert client.post(lead_url, _line(amount="10", line=HUGE_ID)).status_code == 404
    assert client.post(reverse("applications:start", args=["test-call"]), {"lead": HUGE_ID}).status_code == 404


def test_another_partners_budget_line_cannot_be_edited(client, users, consortium):
    theirs = BudgetLine.objects.get(partner=consortium["lead"])
    client.force_login(users["other_applicant"])
    response = client.post(_partner_url(consortium), _line(amount="1", line=str(theirs.pk)))
    assert response.status_code == 404
    assert BudgetLine.objects.get(pk=theirs.pk).amount == Decimal("40000")


# ------------------------------------------------------------------------------------------------ typed values kept
def test_a_work_package_with_errors_keeps_what_was_typed(client, users, consortium):
    client.force_login(users["applicant"])
    application = consortium["application"]
    field = f"effort_{consortium['partner'].pk}"
    data = {"title": "Prototype bouwen", "description": "Wat we doen", field: "1e3"}
    response = client.post(reverse("applications:wp_add", args=[application.pk]), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Prototype bouwen"' in body and f'id="id_{field}_error"' in body and 'value="1e3"' in body
    assert not WorkPackage.objects.exists()
    data[field] = "2,5"
    assert client.post(reverse("applications:wp_add", args=[application.pk]), data).status_code == 302
    assert WorkPackage.objects.get().effort == {str(consortium["partner"].pk): "2.5"}


def test_adding_an_unknown_partner_keeps_what_was_typed(client, users, consortium):
    client.force_login(users["applicant"])
    url = reverse("applications:partner_add", args=[consortium["application"].pk])
    response = client.post(url, {"enterprise_number": "0999.999.999", "email": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="0999.999.999"' in body and 'id="id_enterprise_number_error"' in body
    response = client.post(url, {"enterprise_number": "", "email": "geen-adres"})
    assert response.status_code == 400 and 'value="geen-adres"' in response.content.decode()
    response = client.post(url, {"enterprise_number": "\x00", "email": ""})
    assert response.status_code == 400
    assert Partner.objects.filter(application=consortium["application"]).count() == 2


def test_starting_with_a_too_long_title_keeps_it(client, users, consortium, call):
    client.force_login(users["applicant"])
    title = "Ä" * 201
    response = client.post(
        reverse("applications:start", args=[call.code]), {"lead": consortium["be"].pk, "title": title}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert title in body and 'id="id_title_error"' in body
    assert Application.objects.count() == 1
