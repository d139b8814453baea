"""The engine's reason codes in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.companies.verdict_text import REGION_LABELS, SIZE_LABELS

from .countries import country_label
from .engine import Reason

PARTICIPATION_LABELS = {
    "core": gettext_lazy("may be a core partner (SME)"),
    "limited": gettext_lazy("may take part in a limited role (large company or knowledge institution)"),
}


def describe_reason(reason: Reason) -> str:
    p = reason.params
    if reason.code == "match.seek_offer":
        return _('You seek "%(mine)s"; they offer "%(theirs)s".') % p
    if reason.code == "match.activity_offer":
        return _('Your activity "%(mine)s" is close to theirs: "%(theirs)s".') % p
    if reason.code == "match.query_offer":
        return _('Your search matches "%(theirs)s".') % p
    if reason.code == "match.their_seek_my_offer":
        return _('They seek "%(theirs)s"; you offer "%(mine)s".') % p
    if reason.code == "match.shared_terms":
        return _("Shared terms: %(terms)s.") % {"terms": ", ".join(p["terms"])}
    if reason.code == "match.shared_themes":
        from crossroads.programme.models import Theme

        names = {t.code: t.name for t in Theme.objects.filter(code__in=p["themes"])}
        shown = [names[c] for c in p["themes"] if c in names]  # a theme no longer in the programme: not by its code
        return _("Shared themes: %(themes)s.") % {"themes": ", ".join(shown)} if shown else ""
    if reason.code == "filter.cross_border":
        return _("Across the border: %(from)s and %(to)s.") % {
            "from": country_label(p["from"], in_sentence=True),
            "to": country_label(p["to"], in_sentence=True),
        }
    if reason.code == "filter.other_group":
        return _("Not part of your company or group.")
    if reason.code == "filter.region":
        return _("Region: %(status)s.") % {"status": REGION_LABELS.get(p["status"], p["status"])}
    if reason.code == "filter.participation":
        label = PARTICIPATION_LABELS.get(p["participation"], p["participation"])
        size = SIZE_LABELS.get(p.get("size") or "", "")
        return _("Eligible: %(label)s%(size)s.") % {"label": label, "size": f" ({size})" if size else ""}
    return ""  # a reason this page cannot word yet is left out, never shown by its code
