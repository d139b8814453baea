"""The audit verbs of the privacy work (the strings are stored in the trail: never reword them)."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class PrivacyVerb(AuditVerb):
    EXPORT = "privacy.export"
    ERASURE_REQUEST = "privacy.erasure_request"
    ACCOUNT_ERASE = "privacy.account_erase"
    APPLICATION_ANONYMISE = "privacy.application_anonymise"
