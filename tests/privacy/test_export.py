"""A person's data export holds everything about them and nothing about anybody else."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from crossroads.core.models import AuditEvent
from crossroads.matching.models import CooperationProfile, ExpressionOfInterest
from crossroads.matching.services import profile_save
from crossroads.privacy.services import PrivacyError, personal_data_export
from tests.assessment.conftest import invite, submit_scores

from .conftest import brussels, make_application, make_assessor, with_personal_data

pytestmark = pytest.mark.django_db


def _open(archive) -> tuple[dict, dict[str, bytes]]:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(io.BytesIO(archive.read())) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return json.loads(files.pop("data.json")), files


@pytest.fixture
def world(call, be_lead, nl_partner, users):  # type: ignore[no-untyped-def]
    """The applicant (BE lead) and the other applicant (NL partner) in one application, with messages both ways,
    profiles, and an assessor who scored it."""
    me, other = users["applicant"], users["other_applicant"]
    me.first_name, me.last_name = "Jan", "Peeters"
    me.save()
    other.first_name, other.last_name = "Anouk", "Verhoeven"
    other.save()
    application = with_personal_data(make_application(call, be_lead, nl_partner, title="Warmte"), me)
    nl = application.partners.get(is_lead=False)
    nl.declared_by, nl.declarations, nl.tasks = other, {"sme": True}, "Anouk Verhoeven tests the data link."
    nl.save()
    lead = application.partners.get(is_lead=True)
    lead.declared_by, lead.declarations = me, {"sme": True, "truthful": True}
    lead.save()
    profile_save(actor=me, profile=CooperationProfile(company=be_lead, title="Warmtepompen zoeken data"))
    profile_save(actor=other, profile=CooperationProfile(company=nl_partner, title="Geheim profiel", is_anonymous=True))
    hidden = CooperationProfile.objects.get(title="Geheim profiel")
    ExpressionOfInterest.objects.create(
        sender_company=be_lead,
        sender_user=me,
        target_company=nl_partner,
        target_profile=hidden,
        target_anonymous=True,
        message="Wij willen samenwerken",
        expires_at=brussels(2027, 1, 1),
    )
    ExpressionOfInterest.objects.create(
        sender_company=nl_partner,
        sender_user=other,
        target_company=be_lead,
        message="Groeten van Anouk",
        expires_at=brussels(2027, 1, 1),
    )
    assessor = make_assessor("expert@test.example", "BE", expertise="Heat pumps.")
    submit_scores(invite(application, assessor), "7")
    second = make_assessor("second@test.example", "NL")
    submit_scores(invite(application, second), "3")
    return {"application": application, "assessor": assessor, "second": second}


def test_the_applicant_gets_their_own_data_and_files(world, users):
    me = users["applicant"]
    filename, archive = personal_data_export(actor=me, user=me)
    data, files = _open(archive)
    assert filename.startswith("crossroads-my-data-") and filename.endswith(".zip")
    assert data["account"]["email"] == "applicant@test.example" and data["account"]["last_name"] == "Peeters"
    assert [m["company"] for m in data["memberships"]] == ["Kempense Warmte BV"]
    assert data["companies"][0]["financial_years"]
    assert [p["title"] for p in data["cooperation_profiles"]] == ["Warmtepompen zoeken data"]
    (application,) = data["applications"]
    (mine,) = application["your_partners"]
    assert mine["is_lead"] and mine["declarations"] == {"sme": True, "truthful": True}
    assert {b["person"] for b in mine["budget_lines"]} == {"", "Jan Peeters"}
    assert [a["original_name"] for a in application["attachments_uploaded_by_you"]] == ["CV Jan Peeters.pdf"]
    assert list(files.values()) == [b"%PDF-1.4 cv"]
    assert [i["message"] for i in data["interests_sent"]] == ["Wij willen samenwerken"]
    assert [i["message"] for i in data["interests_received"]] == ["Groeten van Anouk"]
    assert {"verb": "profile.save"}.items() <= data["audit_events"][0].items()
    assert AuditEvent.objects.filter(verb="privacy.export", object_id=str(me.pk), actor=me).count() == 1


def test_nothing_about_anybody_else_appears(world, users):
    me = users["applicant"]
    _filename, archive = personal_data_export(actor=me, user=me)
    data, _files = _open(archive)
    text = json.dumps(data)
    for foreign in ("other@test.example", "Anouk Verhoeven", "Verhoeven", "expert@test.example"):
        assert foreign not in text, foreign
    # The anonymous profile's company is not revealed to the sender.
    assert data["interests_sent"][0]["to_company"] is None
    assert "Polderdata" not in json.dumps(data["interests_sent"])


def test_an_assessor_gets_their_scores_not_the_other_assessors(world):
    assessor = world["assessor"]
    _filename, archive = personal_data_export(actor=assessor, user=assessor)
    data, _files = _open(archive)
    (assignment,) = data["assessor"]["assignments"]
    assert {s["score"] for s in assignment["scores"]} == {"7.0"}
    assert data["assessor"]["profile"]["expertise"] == "Heat pumps."
    assert "second@test.example" not in json.dumps(data)
    # The other assessor scored 3.0; none of their scores travels in this export (compared as values, not as
    # text, because a timestamp such as "13.046Z" contains "3.0").
    every_score = [s["score"] for a in data["assessor"]["assignments"] for s in a["scores"]]
    assert "3.0" not in every_score
    assert data["applications"] == []


def test_only_the_person_themselves(world, users):
    with pytest.raises(PrivacyError):
        personal_data_export(actor=users["secretariat"], user=users["applicant"])
