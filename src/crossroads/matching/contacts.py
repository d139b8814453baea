"""The contact details two companies give each other, once both agreed: when an expression of interest is accepted,
when both companies answered an introduction with "interested". One card per company, for pages and e-mails."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.companies.models import Company


@dataclass(frozen=True)
class Person:
    name: str  # "" when the person gave no name
    email: str


@dataclass(frozen=True)
class ContactCard:
    company_name: str
    people: tuple[Person, ...] = field(default_factory=tuple)
    phone: str = ""

    def text(self) -> str:
        """The card as e-mail lines, in the active language; lines without a value are left out."""
        out = [self.company_name]
        for person in self.people:
            if person.name:
                out.append(_("Contact person: %(name)s") % {"name": person.name})
            out.append(_("E-mail: %(email)s") % {"email": person.email})
        if self.phone:
            out.append(_("Telephone: %(phone)s") % {"phone": self.phone})
        return "\n".join(out)


def _person(user: User) -> Person:
    return Person(name=user.get_full_name().strip(), email=user.email)


def contact_card(company: Company, *, person: User | None = None, phone: str = "") -> ContactCard:
    """`person`: who acted for the company (sent, accepted or answered) while still a member; otherwise every member
    (as prefetched on `company.memberships`)."""
    members = [m.user for m in company.memberships.all()]
    if person is not None and any(m.pk == person.pk for m in members):
        people: list[User] = [person]
    else:
        people = members
    return ContactCard(company_name=company.legal_name, people=tuple(_person(u) for u in people), phone=phone.strip())
