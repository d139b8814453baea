"""Audit verbs of the programme area. The strings are stored in the audit trail: never change one."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class ProgrammeVerb(AuditVerb):
    CALL_CREATE = "call.create"
    CALL_UPDATE = "call.update"
    CALL_DOCUMENT_ADD = "call.document_add"
    CALL_DOCUMENT_REMOVE = "call.document_remove"
