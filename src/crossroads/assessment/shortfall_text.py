"""Words for the assignment's shortfall codes (rules/assignment.py), in the user's language."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from crossroads.accounts.models import User
from crossroads.companies.models import Country
from crossroads.core.permissions import is_id

from .rules.assignment import Shortfall
from .selectors import application_label


def _assessor(params: dict) -> str:
    assessor_id = params.get("assessor_id")
    found = User.objects.filter(pk=assessor_id).first() if is_id(str(assessor_id)) else None
    return (found.get_full_name() or found.email) if found else str(assessor_id or "")


def _country(code: object) -> str:
    """A country by its name in the user's language ("Belgium", "Nederland"), never its code."""
    return str(Country(code).label) if code in Country.values else str(code or "")


def shortfall_text(shortfall: Shortfall) -> str:
    values = {
        **{k: v for k, v in shortfall.params.items() if isinstance(v, int | float | str)},
        "country": _country(shortfall.params.get("country")),
        "application": application_label(shortfall.application_id),
        "assessor": _assessor(shortfall.params),
    }
    texts = {
        "too_few_assessors": _(
            "%(application)s: %(eligible)s assessor(s) without a conflict of interest are available, %(required)s "
            "are needed."
        ),
        "no_assessor_from_country": _("%(application)s: no available assessor from %(country)s."),
        "capacity": _(
            "The assessors can take %(available)s applications together, %(required)s are needed: raise their "
            "maximum load or add assessors."
        ),
        "locked_conflict": _("%(application)s: %(assessor)s has a conflict of interest."),
        "locked_excluded": _("%(application)s: %(assessor)s was ruled out for it."),
        "locked_too_many": _("%(application)s: %(locked)s assessors are fixed, %(required)s are needed."),
        "locked_over_load": _("%(assessor)s has %(locked)s fixed applications, room for %(available)s."),
        "solver_infeasible": _("No assignment satisfies all rules at once (loads, countries, conflicts)."),
        "solver_limit": _("No assignment was found in time; try again or adjust it by hand."),
        "conflict": _("%(application)s: %(assessor)s has a conflict of interest."),
        "over_load": _("%(assessor)s has %(load)s applications, the maximum is %(max_load)s."),
        "wrong_count": _("%(application)s: %(count)s assessor(s), %(required)s are needed."),
        "missing_country": _("%(application)s: no assessor from %(country)s."),
        "too_few_completed": _("%(application)s: %(count)s completed assessment(s), the call asks %(required)s."),
        "no_completed_from_country": _("%(application)s: no completed assessment by an assessor from %(country)s."),
        "excluded_pair": _("%(application)s: %(assessor)s was ruled out for it."),
        "duplicate": _("%(application)s: %(assessor)s is listed twice."),
        "locked_missing": _("%(application)s: %(assessor)s was fixed but is missing."),
        "unknown_assessor": _("%(application)s: %(assessor)s is not in the assessor pool."),
        "unknown_application": _("%(application)s is not an eligible application of this call."),
    }
    # A parameter a message does not get stays empty rather than failing the page.
    return texts.get(shortfall.code, shortfall.code) % defaultdict(str, values)
