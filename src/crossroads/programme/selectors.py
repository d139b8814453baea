from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from crossroads.core import clock

from .models import Call, CallStatus, Programme


def current_programme() -> Programme:
    """The programme this installation runs (CROSSROADS_PROGRAMME_CODE), else the most recent one."""
    programme = Programme.objects.filter(code=settings.CROSSROADS_PROGRAMME_CODE).first()
    return programme or Programme.objects.order_by("-start_date").first() or _missing()


def _missing() -> Programme:
    raise Programme.DoesNotExist("No programme loaded: run `python manage.py load_programme`.")


@dataclass(frozen=True)
class CallRow:
    call: Call
    status: CallStatus
    submitted: int


def calls_for_secretariat() -> list[CallRow]:
    """Every call, newest first, with its status (from its window) and how many applications were submitted."""
    now = clock.now()
    calls = Call.objects.select_related("programme").annotate(
        submitted_count=Count("applications", filter=Q(applications__submitted_at__isnull=False))
    )
    return [CallRow(call=c, status=c.status_at(now), submitted=c.submitted_count) for c in calls.order_by("-opens_at")]


def has_submissions(call: Call) -> bool:
    """Whether any application was ever submitted in this call: its submission records count, so a project idea
    invited to a full proposal and a withdrawn application (both drafts again) still do: they were written,
    screened or assessed on the call's rules as they stood."""
    return call.pk is not None and call.applications.filter(submissions__isnull=False).exists()


def budget_of_other_calls(programme: Programme, call: Call | None) -> Decimal:
    """The grant budget the programme's other calls already hold."""
    others = programme.calls.exclude(pk=call.pk) if call is not None and call.pk else programme.calls.all()
    return others.aggregate(total=Sum("budget"))["total"] or Decimal("0")
