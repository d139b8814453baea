from __future__ import annotations

import pytest

from crossroads.companies.models import CompanyMembership
from crossroads.matching import index_service
from crossroads.matching.embeddings import embeddings_refresh
from crossroads.matching.models import CooperationProfile, ProfileStatus
from tests.conftest import make_company


@pytest.fixture(autouse=True)
def fresh_index():
    index_service.reset()
    yield
    index_service.reset()


def publish(company, title, *, offers="", seeks="", anonymous=False):  # type: ignore[no-untyped-def]
    import datetime as dt

    from django.utils import timezone

    return CooperationProfile.objects.create(
        company=company,
        title=title,
        offers=offers,
        seeks=seeks,
        is_anonymous=anonymous,
        status=ProfileStatus.PUBLISHED,
        published_at=timezone.now(),
        expires_at=timezone.now() + dt.timedelta(days=365),
    )


@pytest.fixture
def market(programme, users):  # type: ignore[no-untyped-def]
    return build_market(users)


def build_market(users):  # type: ignore[no-untyped-def]
    """A Flemish recycler looking for machine vision, a Dutch vision company (anonymous profile), a Dutch
    bakery, and a second Flemish company."""
    be = make_company("Kempen Kringloop BV", number="0403.019.261", postcode="2440", city="Geel")
    be.description = "Kempen Kringloop sorteert en recycleert kunststofafval van bedrijven tot nieuwe granulaten."
    be.save()
    CompanyMembership.objects.create(user=users["applicant"], company=be, role="manager")
    be_profile = publish(
        be,
        "Gezocht: beeldherkenning voor sortering",
        offers="Een sorteerlijn voor gemengd kunststofafval van 4 ton per uur voor proeven.",
        seeks="Een partner met ervaring in machine vision om kunststoffen automatisch te sorteren.",
    )
    nl = make_company("Visiolab Eindhoven BV", country="NL", number="12345678", postcode="5611 AZ", city="Eindhoven")
    nl.description = "Visiolab Eindhoven bouwt camerasystemen en software voor kwaliteitscontrole."
    nl.save()
    CompanyMembership.objects.create(user=users["other_applicant"], company=nl, role="manager")
    nl_profile = publish(
        nl,
        "Aanbod: camera-inspectie voor recyclinglijnen",
        offers="Camera-gebaseerde inspectie en beeldherkenning voor recyclinglijnen met hyperspectrale camera's.\n"
        "Visiolab Eindhoven levert software die materialen herkent.",
        seeks="Een recyclingbedrijf met een sorteerlijn om onze camera's in de praktijk te testen.",
        anonymous=True,
    )
    bakery = make_company("Bakkerij Brabant BV", country="NL", number="87654321", postcode="4811 XJ", city="Breda")
    bakery.description = "Ambachtelijke bakkerij met brood, taart en koffie voor winkels in Breda."
    bakery.save()
    other_be = make_company("Gentse Glastuinbouw BV", number="0202.239.951", postcode="9000", city="Gent")
    keys = [f"c:{c.pk}" for c in (be, nl, bakery, other_be)] + [be_profile.index_key, nl_profile.index_key]
    embeddings_refresh(keys)
    return {
        "be": be,
        "nl": nl,
        "bakery": bakery,
        "other_be": other_be,
        "be_profile": be_profile,
        "nl_profile": nl_profile,
    }
