"""Writes for applications, by concern. Each runs in one transaction with an audit event; e-mails go after the
commit through `crossroads.core.notifications` (worded in `applications.messages`); status changes go through
`applications.states.APPLICATION_STATES`.

- `common`: the errors, the "may this still change?" check, the optimistic lock's conflict
- `drafting`: start, shared and partner parts, work packages, copy into a later call
- `partners`: invitations, joining, declarations
- `budget`: budget lines
- `attachments`: attachments
- `submission`: submit, withdraw, invitation to a full proposal, the submission snapshot
- `interest`: a joint application started from an accepted expression of interest
- `pdf_task`: the submission's PDF and its e-mail (a task)

The names below are the ones other apps and tests import from `crossroads.applications.services`."""

from __future__ import annotations

from ..selectors import missing_items_open
from .attachments import attachment_add
from .budget import budget_line_delete, budget_line_save
from .common import (
    PARTNER_FIELDS,
    SAVED_MEANWHILE,
    SHARED_FIELDS,
    ApplicationError,
    ConflictError,
    FieldErrors,
    _editable,
    ensure_editable,
)
from .drafting import (
    _shared_update,
    application_copy,
    application_create,
    partner_update,
    shared_update,
    work_package_delete,
    work_package_save,
)
from .interest import application_start_from_interest, open_calls
from .partners import (
    InvitedSomeoneElse,
    partner_add,
    partner_declare,
    partner_join,
    partner_join_decide,
    partner_join_request,
    verified_emails,
)
from .pdf_task import render_and_send_pdf_task
from .submission import (
    application_invite_full,
    application_submit,
    application_withdraw,
    submission_snapshot,
)

__all__ = [
    "PARTNER_FIELDS",
    "SAVED_MEANWHILE",
    "SHARED_FIELDS",
    "ApplicationError",
    "ConflictError",
    "FieldErrors",
    "InvitedSomeoneElse",
    "_editable",
    "_shared_update",
    "application_copy",
    "application_create",
    "application_invite_full",
    "application_start_from_interest",
    "application_submit",
    "application_withdraw",
    "attachment_add",
    "budget_line_delete",
    "budget_line_save",
    "ensure_editable",
    "missing_items_open",
    "open_calls",
    "partner_add",
    "partner_declare",
    "partner_join",
    "partner_join_decide",
    "partner_join_request",
    "partner_update",
    "render_and_send_pdf_task",
    "shared_update",
    "submission_snapshot",
    "verified_emails",
    "work_package_delete",
    "work_package_save",
]
