"""What the applications' services share: their errors, the "may this still change?" check, and the optimistic
lock's conflict."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import OperationalError, models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from crossroads.core import clock
from crossroads.core.errors import ServiceError

from ..models import Application, ApplicationStatus
from ..selectors import missing_items_open

if TYPE_CHECKING:
    from crossroads.accounts.models import User
    from crossroads.companies.models import Company

SHARED_FIELDS = ("title", "acronym", "duration_months", "planned_start", "sections", "indicators")
PARTNER_FIELDS = ("role", "tasks")


class ApplicationError(ServiceError):
    """A refusal with a message for the user."""


class FieldErrors(ApplicationError):
    """Refusals that belong at form fields: {field name: message}. Nothing was saved."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


class ConflictError(ApplicationError):
    def __init__(self, message: str, *, current: dict[str, Any], version: int) -> None:
        super().__init__(message)
        self.current = current
        self.version = version


def members(company: Company) -> list[User]:
    """The people who receive a company's e-mail about an application: its members."""
    return [m.user for m in company.memberships.select_related("user")]


def _editable(application: Application) -> None:
    if application.status != ApplicationStatus.DRAFT:
        raise ApplicationError(_("A submitted application can no longer be changed; withdraw it first."))
    if not application.window_open(clock.now()):
        raise ApplicationError(_("The call is closed: the application can no longer be changed."))


def ensure_editable(application: Application, *, attachments: bool = False) -> None:
    """Raise ApplicationError with the reason when the application cannot be changed now (for views that want to
    say so before validating a form that would not be shown). Attachments may still be added for missing items."""
    if not (attachments and missing_items_open(application)):
        _editable(application)


def is_lead_member(application: Application, actor: User) -> bool:
    return application.lead_company.memberships.filter(user=actor).exists()


SAVED_MEANWHILE = _lazy("Someone else saved this part in the meantime. Compare both versions and save again.")


def _locked(exc: OperationalError) -> bool:
    """SQLite's answer when another writer held the database past the busy timeout."""
    return "locked" in str(exc).lower()


def _saved_meanwhile(model: type[models.Model], pk: int, fields: Iterable[str]) -> ConflictError:
    """The conflict screen's data: the version the other person saved, field by field."""
    current: Any = model._default_manager.get(pk=pk)
    return ConflictError(
        str(SAVED_MEANWHILE), current={f: getattr(current, f) for f in fields}, version=current.lock_version
    )
