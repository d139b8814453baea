"""Persons and public bodies are recorded as holders of enterprises (Rec. 2003/361 Annex Art. 3(2)-(4)): they are
no partners, so partner search never offers them and the staff's company list leaves them out."""

from __future__ import annotations

import pytest

from crossroads.companies.models import Company, PartyKind
from crossroads.companies.selectors import companies_visible_to
from crossroads.matching.engine import MatchEngine
from crossroads.matching.engine.encoders import HashingEncoder
from crossroads.matching.profiles import HOLDER, company_match_profile
from tests.conftest import make_company

pytestmark = pytest.mark.django_db


def test_art_3_a_person_holding_shares_is_not_in_the_secretariat_list(users, company_be):
    """Rec. Art. 3(3) 4th subpar.: Ms Peeters (natural person, holder of Scheldewarmte) is recorded as a Company
    of kind natural_person; the secretariat's default list shows Scheldewarmte only, with `holders` both."""
    person = Company.objects.create(legal_name="Hilde Peeters", country="BE", kind=PartyKind.NATURAL_PERSON)
    listed = set(companies_visible_to(users["secretariat"]))
    assert company_be in listed and person not in listed
    assert person in set(companies_visible_to(users["secretariat"], holders=True))


def test_art_3_a_person_is_never_a_partner_search_candidate(programme):
    """Partner search over an enterprise (Maasdata, NL) and a public body (Gemeente Venlo, NL) with the same
    words: a Belgian searcher finds Maasdata, never the public body (its profile reads as a holder)."""
    maasdata = make_company("Maasdata BV", country="NL", number="12345678", postcode="6211 CK", city="Maastricht")
    venlo = make_company("Gemeente Venlo", country="NL", number="87654321", postcode="5911 BV", city="Venlo")
    venlo.kind = PartyKind.PUBLIC_BODY
    venlo.save()
    words = "sensor data platform for warmtenetten"
    for company in (maasdata, venlo):
        company.description = words
        company.save()
    profiles = [company_match_profile(c, programme=programme) for c in (maasdata, venlo)]
    assert profiles[1].participation == HOLDER and profiles[0].participation != HOLDER
    engine = MatchEngine(HashingEncoder())
    engine.add(profiles[0])
    engine.add_many([profiles[1]])
    found = [m.id for m in engine.search(words, k=10)]
    assert profiles[0].id in found and profiles[1].id not in found
