"""The showcase's part of the demo: public contact details of the seven partner organisations (at example
domains), the demo advisers named on the public site, and an approved story for the demo's running project.
The demo's conductor (portal load_demo) calls `demo_showcase_load()` after the grants demo."""

from __future__ import annotations

from crossroads.accounts.models import PartnerOrganisation, Role, User

CONTACTS = {
    "vlaio": ("crossroads@vlaio.example", "+32 2 553 38 00"),
    "eiz": ("crossroads@impulszeeland.example", "+31 118 745 000"),
    "rewin": ("crossroads@rewin.example", "+31 76 564 10 20"),
    "bom": ("crossroads@bom.example", "+31 88 831 11 20"),
    "liof": ("crossroads@liof.example", "+31 88 373 73 73"),
    "innovationquarter": ("crossroads@innovationquarter.example", "+31 70 311 00 00"),
    "interreg-vl-nl": ("info@crossroads-vlaned.example", "+32 3 240 56 00"),
}

STORY = {
    "language": "nl",
    "summary": (
        "Een Vlaamse en een Nederlandse kmo ontwikkelen samen een warmtenet dat restwarmte van bedrijven over de "
        "grens naar woonwijken brengt."
    ),
    "story": (
        "De partners leerden elkaar kennen via de adviseurs van CrossRoads. De ene brengt de warmtetechniek, de "
        "andere de sensoren en de software om het net te sturen."
    ),
    "results": "Een proefopstelling met twee bedrijven en veertig woningen.",
}


def demo_showcase_load() -> dict[str, int]:
    """Idempotent. Returns what it set."""
    agencies = 0
    for code, (email, phone) in CONTACTS.items():
        agencies += PartnerOrganisation.objects.filter(code=code).update(public_email=email, public_phone=phone)
    advisers = User.objects.filter(role=Role.ADVISER, email__endswith="@crossroads.example").update(
        listed_publicly=True
    )
    return {"agencies": agencies, "advisers": advisers, "stories": _story()}


def _story() -> int:
    from crossroads.companies.models import MembershipRole

    from .models import ProjectStory
    from .selectors.public import public_agreements
    from .services.stories import story_approve, story_submit

    agreement = public_agreements().order_by("pk").first()
    if agreement is None or ProjectStory.objects.filter(agreement=agreement).exists():
        return 0
    lead = agreement.partners.filter(is_lead=True).first()
    if lead is None:
        return 0
    author = User.objects.filter(memberships__company=lead.company_id, memberships__role=MembershipRole.MANAGER).first()
    secretariat = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    if author is None or secretariat is None:
        return 0
    story = story_submit(actor=author, agreement=agreement, data=STORY)
    story_approve(actor=secretariat, story=story)
    return 1
