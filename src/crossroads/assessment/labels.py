"""Words for the ranking's status codes (rules/ranking.py), in one place: the pages (`_status.html` uses the same
msgids) and the exports show these, never the code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .rules import ranking as rules

RANKING_STATUS = {
    rules.FUNDED: _("funded"),
    rules.REDUCED: _("reduced grant"),
    rules.RESERVE: _("reserve"),
    rules.BELOW_THRESHOLD: _("below a threshold"),
    rules.NOT_SCORED: _("no consensus yet"),
    rules.INELIGIBLE: _("not eligible"),
}


def ranking_status_label(status: str) -> str:
    return str(RANKING_STATUS.get(status, "–"))
