"""Attachments: stored under their SHA-256 after `files.inspect_upload` checked them."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from crossroads.core.audit import audit_record, snapshot

from ..models import Application, Attachment, Partner
from ..selectors import missing_items_open
from ..verbs import ApplicationVerb
from .common import _editable

if TYPE_CHECKING:
    from crossroads.accounts.models import User


@transaction.atomic
def attachment_add(
    *,
    actor: User,
    application: Application,
    partner: Partner,
    kind: str,
    upload: UploadedFile | None = None,
    content: bytes,
    content_type: str,
    name: str = "",
) -> Attachment:
    """Store a checked attachment (`files.inspect_upload`) under its SHA-256; `name` carries the detected type's
    extension. Missing items the screening asked for may be added to a submitted application until its deadline."""
    if not missing_items_open(application):
        _editable(application)
    digest = hashlib.sha256(content).hexdigest()
    attachment = Attachment(
        application=application,
        partner=partner,
        kind=kind,
        original_name=(name or getattr(upload, "name", "") or "")[:255],
        content_type=content_type,
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    attachment.file.save(digest, ContentFile(content), save=False)
    attachment.save()
    audit_record(actor=actor, verb=ApplicationVerb.ATTACHMENT_ADD, obj=attachment, after=snapshot(attachment))
    return attachment
