"""The audit verbs of matchmaking (the strings are stored in the trail: never change them)."""

from __future__ import annotations

from crossroads.core.audit import AuditVerb

from .models import InterestStatus, ProfileStatus, ReplyStatus


class MatchingVerb(AuditVerb):
    PROFILE_SAVE = "profile.save"
    PROFILE_PUBLISHED = "profile.published"
    PROFILE_DRAFT = "profile.draft"
    PROFILE_EXPIRED = "profile.expired"
    INTEREST_SEND = "interest.send"
    INTEREST_ACCEPTED = "interest.accepted"
    INTEREST_DECLINED = "interest.declined"
    INTEREST_EXPIRED = "interest.expired"
    INTRODUCTION_PROPOSE = "introduction.propose"
    INTRODUCTION_STATUS = "introduction.status"
    INTRODUCTION_INTERESTED = "introduction.reply.interested"
    INTRODUCTION_NOT_INTERESTED = "introduction.reply.not_interested"
    SAVED_SEARCH_CREATE = "saved_search.create"
    SAVED_SEARCH_DELETE = "saved_search.delete"


PROFILE_STATUS_VERBS: dict[str, MatchingVerb] = {
    ProfileStatus.PUBLISHED: MatchingVerb.PROFILE_PUBLISHED,
    ProfileStatus.DRAFT: MatchingVerb.PROFILE_DRAFT,
    ProfileStatus.EXPIRED: MatchingVerb.PROFILE_EXPIRED,
}

INTEREST_STATUS_VERBS: dict[str, MatchingVerb] = {
    InterestStatus.ACCEPTED: MatchingVerb.INTEREST_ACCEPTED,
    InterestStatus.DECLINED: MatchingVerb.INTEREST_DECLINED,
    InterestStatus.EXPIRED: MatchingVerb.INTEREST_EXPIRED,
}

REPLY_STATUS_VERBS: dict[str, MatchingVerb] = {
    ReplyStatus.INTERESTED: MatchingVerb.INTRODUCTION_INTERESTED,
    ReplyStatus.NOT_INTERESTED: MatchingVerb.INTRODUCTION_NOT_INTERESTED,
}
