"""Demo calls and one draft application between the two demo entrepreneurs' companies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from crossroads.accounts.models import User
from crossroads.core import clock
from crossroads.programme.models import Call
from crossroads.programme.selectors import current_programme
from crossroads.programme.services import FIXTURES, call_create

from .models import Application, BudgetLine, Partner
from .services import application_create


def _open_demo_call() -> Call:
    """A call that is open whenever the demo is loaded: it closes at 17:00 Brussels time in 45 days."""
    now = clock.now()
    open_calls = [c for c in Call.objects.all() if c.is_open(now)]
    if open_calls:
        return open_calls[0]
    import json

    data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
    today = clock.today_brussels()
    closes = today + dt.timedelta(days=45)
    return call_create(
        programme=current_programme(),
        data=data,
        call={
            "code": f"crossroads-demo-{closes:%Y%m%d}",
            "name_nl": f"CrossRoads oproep (demo, sluit {closes:%d-%m-%Y})",
            "name_en": f"CrossRoads call (demo, closes {closes:%d-%m-%Y})",
            "opens": f"{today - dt.timedelta(days=30):%Y-%m-%d} 09:00",
            "closes": f"{closes:%Y-%m-%d} 17:00",
            "budget": "1250000.00",
            "stages": 1,
        },
    )


def demo_applications_load() -> dict[str, int]:
    call = _open_demo_call()
    be_user = User.objects.filter(email="ondernemer@crossroads.example").first()
    nl_user = User.objects.filter(email="ondernemer.nl@crossroads.example").first()
    if be_user is None or nl_user is None:
        return {"applications": 0}
    lead = be_user.memberships.first().company
    partner_company = nl_user.memberships.first().company
    if not Application.objects.filter(lead_company=lead, call=call).exists():
        application = application_create(
            actor=be_user, call=call, lead=lead, title="Slimme warmte-uitwisseling over de grens"
        )
        application.sections = {
            "summary": "We koppelen restwarmte aan een slim gestuurd warmtenet en testen dit "
            "in een pilootinstallatie aan beide kanten van de grens."
        }
        application.planned_start = clock.today_brussels() + dt.timedelta(days=60)
        application.save()
        application.themes.set(call.themes.filter(code="energy"))
        partner = Partner.objects.create(application=application, company=partner_company, order=1)
        lead_partner = application.partners.get(is_lead=True)
        BudgetLine.objects.create(
            partner=lead_partner, category="consumables", description="Sensoren en kabels", amount=Decimal("18500.00")
        )
        BudgetLine.objects.create(
            partner=partner, category="consumables", description="Testopstelling", amount=Decimal("12250.00")
        )
    return {"applications": Application.objects.count()}
