"""Audit verbs of the applications area. The strings are stored in the audit trail: never change one."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class ApplicationVerb(AuditVerb):
    CREATE = "application.create"
    UPDATE = "application.update"
    SUBMIT = "application.submit"
    WITHDRAW = "application.withdraw"
    COPY = "application.copy"
    INVITE_FULL = "application.invite_full"
    START_FROM_INTEREST = "application.start_from_interest"
    PARTNER_ADD = "partner.add"
    PARTNER_UPDATE = "partner.update"
    PARTNER_JOIN = "partner.join"
    PARTNER_JOIN_REQUEST = "partner.join_request"
    PARTNER_JOIN_CONFIRM = "partner.join_confirm"
    PARTNER_JOIN_REFUSE = "partner.join_refuse"
    PARTNER_DECLARE = "partner.declare"
    BUDGET_SAVE = "budget.save"
    BUDGET_DELETE = "budget.delete"
    ATTACHMENT_ADD = "attachment.add"
    WORK_PACKAGE_SAVE = "work_package.save"
    WORK_PACKAGE_DELETE = "work_package.delete"
