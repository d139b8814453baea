"""The applications list ("Your applications"; all applications for the secretariat) as an export: the same
applications as the page, from `applications_visible_to`. An applicant's file holds only the applications of their
own companies."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crossroads.accounts.models import User
from crossroads.core.exports import Column, Kind

from .models import Application
from .selectors import applications_visible_to


def my_application_rows(user: User) -> QuerySet[Application]:
    return applications_visible_to(user).order_by("-updated_at", "-pk")


APPLICATION_COLUMNS = [
    Column(_("Acronym"), lambda a: a.acronym, width=14),
    Column(_("Title"), lambda a: a.title, width=48),
    Column(_("Call"), lambda a: a.call.name, width=30),
    Column(_("Status"), lambda a: a.get_status_display()),
    Column(_("Lead partner"), lambda a: a.lead_company.display_name, width=36),
    Column(_("Submitted"), lambda a: a.submitted_at, Kind.DATE),
]
