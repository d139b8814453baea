"""The amendment pages: who sees the versions, who asks, who decides; typed amounts in the user's format; bad input
stays on the form with the message at its field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from crossroads.applications.models import CostCategoryCode
from crossroads.grants.models import Amendment
from crossroads.grants.selectors.budget import current_version
from crossroads.grants.services.amendments import amendment_request

pytestmark = pytest.mark.django_db


def _client(client, user, language="en"):
    user.language = language
    user.save()
    client.force_login(user)
    return client


def _pending(running, users):
    lead = running.partners.get(is_lead=True)
    return amendment_request(
        actor=users["applicant"],
        agreement=running,
        kind="budget_shift",
        reason="More sensors.",
        lines={lead.pk: {"consumables": Decimal("10000"), "personnel": Decimal("70000")}},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("applicant", 200), ("other_applicant", 200), ("secretariat", 200), ("finance", 200), ("assessor", 404)],
)
def test_who_sees_the_versions(client, running, users, who, status):
    response = _client(client, users[who]).get(reverse("grants:amendments", args=[running.pk]))
    assert response.status_code == status


def test_a_stranger_gets_not_found_and_anonymous_goes_to_login(client, running, users):
    assert client.get(reverse("grants:amendments", args=[running.pk])).status_code == 302
    from crossroads.accounts.models import Role
    from tests.conftest import make_user

    stranger = make_user("stranger@test.example", Role.APPLICANT)
    assert _client(client, stranger).get(reverse("grants:amendments", args=[running.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "kind", "status"),
    [
        ("applicant", "extension", 200),
        ("applicant", "partner_join", 200),
        ("other_applicant", "budget_shift", 200),
        ("other_applicant", "extension", 403),
        ("secretariat", "budget_shift", 403),
        ("applicant", "nonsense", 404),
    ],
)
def test_who_may_ask(client, running, users, who, kind, status):
    url = reverse("grants:amendment_new", args=[running.pk, kind])
    assert _client(client, users[who]).get(url).status_code == status


def test_a_shift_typed_in_dutch_format_applies_at_once(client, running, users):
    lead = running.partners.get(is_lead=True)
    partner = running.partners.get(is_lead=False)
    data = {f"line_{m.pk}_{c}": "0" for m in (lead, partner) for c in ("personnel", "consumables", "external")}
    data.update(
        {
            f"line_{lead.pk}_personnel": "48.000,00",
            f"line_{lead.pk}_consumables": "32.000",
            f"line_{partner.pk}_consumables": "30.000,00",
            f"line_{partner.pk}_external": "10.000,00",
            "reason": "Meer ingenieursuren.",
        }
    )
    response = _client(client, users["applicant"], "nl").post(
        reverse("grants:amendment_new", args=[running.pk, "budget_shift"]), data
    )
    assert response.status_code == 302
    assert current_version(running).lines.get(agreement_partner=lead, category="personnel").eligible == Decimal("48000")


@pytest.mark.parametrize("bad", ["-5", "1,2,3", "٣٠٠", "1e9", "99999999999999", "<script>"])
def test_hostile_amounts_stay_on_the_form(client, running, users, bad):
    lead = running.partners.get(is_lead=True)
    url = reverse("grants:amendment_new", args=[running.pk, "budget_shift"])
    response = _client(client, users["applicant"]).post(
        url, {f"line_{lead.pk}_consumables": bad, "reason": "Draft kept."}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert f"line_{lead.pk}_consumables" in form.errors
    assert "Draft kept." in response.content.decode()


def test_an_extension_beyond_the_limit_is_refused_at_the_field(client, running, users):
    url = reverse("grants:amendment_new", args=[running.pk, "extension"])
    response = _client(client, users["applicant"]).post(url, {"end_date": "2029-06-30", "reason": "Delay."})
    assert response.status_code == 400
    assert "at most 24 months" in " ".join(response.context["form"].errors["end_date"])
    assert not Amendment.objects.exists()


def test_an_unknown_company_is_refused_at_the_field(client, running, users):
    url = reverse("grants:amendment_new", args=[running.pk, "partner_join"])
    response = _client(client, users["applicant"]).post(
        url, {"company": "9999.999.999", "consumables": "1000", "joined_on": "2027-05-01", "reason": "x"}
    )
    assert response.status_code == 400 and "company" in response.context["form"].errors


@pytest.mark.parametrize(
    ("who", "status"), [("secretariat", 200), ("admin", 200), ("applicant", 403), ("finance", 403)]
)
def test_only_the_secretariat_decides(client, running, users, who, status):
    amendment = _pending(running, users)
    response = _client(client, users[who]).get(reverse("grants:amendment_decide", args=[amendment.pk]))
    assert response.status_code == status


def test_the_decision_page_compares_and_approves(client, running, users):
    amendment = _pending(running, users)
    browser = _client(client, users["secretariat"])
    page = browser.get(reverse("grants:amendment_decide", args=[amendment.pk]))
    assert page.context["comparison"]["rows"] and 'data-testid="comparison"' in page.content.decode()
    refused = browser.post(reverse("grants:amendment_decide", args=[amendment.pk]), {"decision": "reject"})
    assert refused.status_code == 400 and "reason" in refused.context["form"].errors
    done = browser.post(reverse("grants:amendment_decide", args=[amendment.pk]), {"decision": "approve"})
    assert done.status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == "approved"
    listing = browser.get(reverse("grants:amendments", args=[running.pk]) + "?a=1&b=2")
    rows = listing.context["comparison"]["rows"]
    lead_row = next(r for r in rows if r.member.is_lead)
    personnel = lead_row.lines[list(CostCategoryCode.values).index("personnel")]
    assert personnel.before == Decimal("40000.00") and personnel.difference == Decimal("30000.00")


def test_the_requester_withdraws_and_others_cannot(client, running, users):
    amendment = _pending(running, users)
    url = reverse("grants:amendment_withdraw", args=[amendment.pk])
    response = _client(client, users["other_applicant"]).post(url, HTTP_REFERER="/")
    assert response.status_code in (302, 403)
    amendment.refresh_from_db()
    assert amendment.status == "requested"
    _client(client, users["applicant"]).post(url)
    amendment.refresh_from_db()
    assert amendment.status == "withdrawn"
