"""The applications' pages, by concern: `calls` (public calls, starting an application), `workspace` (the
application page and the lead's steps), `consortium` (partners and invitations), `partner` (a partner's own part),
`files` (attachments and submission PDFs), `interest` (a joint application from an accepted expression of
interest); `common` holds what they share."""

from __future__ import annotations

from .calls import application_start, call_detail, call_document, call_list, my_applications
from .common import by_country
from .consortium import partner_add, partner_join, partner_join_decide
from .files import attachment_download, attachment_upload, submission_pdf
from .interest import start_from_interest
from .partner import partner_detail
from .workspace import (
    application_copy,
    application_detail,
    application_invite_full,
    application_shared,
    application_submit,
    application_withdraw,
    work_package_add,
    work_package_delete,
)

__all__ = [
    "application_copy",
    "application_detail",
    "application_invite_full",
    "application_shared",
    "application_start",
    "application_submit",
    "application_withdraw",
    "attachment_download",
    "attachment_upload",
    "by_country",
    "call_detail",
    "call_document",
    "call_list",
    "my_applications",
    "partner_add",
    "partner_detail",
    "partner_join",
    "partner_join_decide",
    "start_from_interest",
    "submission_pdf",
    "work_package_add",
    "work_package_delete",
]
