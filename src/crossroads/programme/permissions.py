"""Who may manage the programme's calls in the platform: the secretariat and administrators (`is_programme_staff`).
Each action has its own function, so a view asks the question it needs and shows the reason of a refusal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from crossroads.core.permissions import Permission, allow, deny

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from crossroads.accounts.models import User

    from .models import Call, CallDocument


def _staff(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_programme_staff", False))


NOT_STAFF = _("Only the programme secretariat manages calls.")


def can_list_calls(user: User | AnonymousUser) -> Permission:
    return allow() if _staff(user) else deny(NOT_STAFF)


def can_create_call(user: User | AnonymousUser) -> Permission:
    return allow() if _staff(user) else deny(NOT_STAFF)


def can_edit_call(user: User | AnonymousUser, call: Call) -> Permission:
    return allow() if _staff(user) else deny(NOT_STAFF)


def can_preview_call(user: User | AnonymousUser, call: Call) -> Permission:
    return allow() if _staff(user) else deny(NOT_STAFF)


def can_manage_call_documents(user: User | AnonymousUser, call: Call) -> Permission:
    return allow() if _staff(user) else deny(NOT_STAFF)


def can_remove_call_document(user: User | AnonymousUser, document: CallDocument) -> Permission:
    return can_manage_call_documents(user, document.call)
