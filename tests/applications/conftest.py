from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from crossroads.applications import services
from crossroads.applications.models import BudgetLine, Partner
from crossroads.companies.models import CompanyMembership
from crossroads.programme.models import Call
from tests.conftest import make_company


@pytest.fixture
def call(programme):  # type: ignore[no-untyped-def]
    """An open call that closes at 17:00 Brussels time, 30 days from now."""
    from crossroads.core.clock import BRUSSELS

    closes = (
        (timezone.now() + dt.timedelta(days=30))
        .astimezone(BRUSSELS)
        .replace(hour=17, minute=0, second=0, microsecond=0)
    )
    created = Call.objects.create(
        programme=programme,
        code="test-call",
        name_nl="Testoproep",
        name_en="Test call",
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=closes,
        budget=Decimal("1000000"),
    )
    created.themes.set(programme.themes.all())
    return created


@pytest.fixture
def consortium(call, users):  # type: ignore[no-untyped-def]
    be = make_company("Kempense Warmte BV", number="0403.019.261", postcode="2440", city="Geel")
    CompanyMembership.objects.create(user=users["applicant"], company=be, role="manager")
    nl = make_company("Polderdata BV", country="NL", number="12345678", postcode="4331 AB", city="Middelburg")
    CompanyMembership.objects.create(user=users["other_applicant"], company=nl, role="manager")
    application = services.application_create(
        actor=users["applicant"], call=call, lead=be, title="Warmte over de grens"
    )
    application.sections = {code: f"Tekst voor {code}." for code in call.required_sections}
    application.planned_start = timezone.now().date() + dt.timedelta(days=60)
    application.duration_months = 24
    application.save()
    application.themes.set(call.themes.filter(code="energy"))
    lead = application.partners.get(is_lead=True)
    partner = Partner.objects.create(application=application, company=nl, order=1, invite_token="tok-nl")
    BudgetLine.objects.create(partner=lead, category="consumables", description="Sensoren", amount=Decimal("40000"))
    BudgetLine.objects.create(partner=partner, category="consumables", description="Testbank", amount=Decimal("30000"))
    return {"application": application, "lead": lead, "partner": partner, "be": be, "nl": nl}


def sign(partner, user):  # type: ignore[no-untyped-def]
    return services.partner_declare(
        actor=user, partner=partner, declarations={"sme": True, "oim": True, "de_minimis": True, "truthful": True}
    )


@pytest.fixture
def ready(consortium, users):  # type: ignore[no-untyped-def]
    sign(consortium["lead"], users["applicant"])
    sign(consortium["partner"], users["other_applicant"])
    return consortium
