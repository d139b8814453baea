"""Supporting documents of a claim (timesheets, invoices, proofs of payment): recognised by their content with the
application's checks (`applications.files`: magic bytes, size per type, zip bombs), limited to PDF, PNG, JPEG and
XLSX, and fingerprinted with SHA-256 so the same file is never paid twice."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from crossroads.applications.files import (
    JPEG,
    PDF,
    PNG,
    XLSX,
    SizeLimitUploadHandler,
    UploadRefused,
    inspect_upload,
    max_upload_bytes,
    too_large,
)

CLAIM_TYPES = (PDF, PNG, JPEG, XLSX)

__all__ = [
    "CLAIM_TYPES",
    "CheckedDocument",
    "SizeLimitUploadHandler",
    "UploadRefused",
    "check_document",
    "max_upload_bytes",
    "too_large",
]


@dataclass(frozen=True)
class CheckedDocument:
    content: bytes
    content_type: str
    name: str
    sha256: str


def _not_allowed() -> UploadRefused:
    return UploadRefused("type", _("This file is not a PDF, XLSX, PNG or JPEG (checked on its content)."))


def check_document(upload: Any) -> CheckedDocument:
    """The checked content of an upload, or UploadRefused (worded in the user's language)."""
    if upload is None or not upload.size:
        raise UploadRefused("empty", _("The file is empty."))
    try:
        checked = inspect_upload(upload, name=upload.name or "")
    except UploadRefused as exc:
        if exc.code == "type":
            raise _not_allowed() from exc
        raise
    if checked.content_type not in CLAIM_TYPES:
        raise _not_allowed()
    if not checked.content:
        raise UploadRefused("empty", _("The file is empty."))
    return CheckedDocument(
        content=checked.content,
        content_type=checked.content_type,
        name=checked.name,
        sha256=hashlib.sha256(checked.content).hexdigest(),
    )
