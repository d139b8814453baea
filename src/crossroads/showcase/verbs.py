"""Audit verbs of the public showcase. The strings are stored in the audit trail: never change one."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb


class ShowcaseVerb(AuditVerb):
    STORY_SAVE = "story.save"
    STORY_SUBMIT = "story.submit"
    STORY_APPROVE = "story.approve"
    STORY_RETURN = "story.return"
    STORY_WITHDRAW = "story.withdraw"
