"""Labels of the codes a call lists: the sections an application writes and the attachments it adds.

The call (programme data) names which of these it requires; every screen, e-mail and PDF shows the label, never the
code. The msgids are those the applications area has always used, so their translations are shared."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

SECTION_LABELS = {
    "summary": _("Summary"),
    "problem": _("Problem and objectives"),
    "innovation": _("Innovation and technical approach"),
    "workplan": _("Work plan"),
    "cross_border": _("Cross-border added value"),
    "impact": _("Expected impact and business case"),
}
ATTACHMENT_LABELS = {
    "quotations": _("Quotations of external costs"),
    "annual_accounts": _("Last annual accounts"),
    "other": _("Other"),
}
