from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from .models import Role, User


class AccountAdapter(DefaultAccountAdapter):
    """New sign-ups are applicants; staff accounts are created by the secretariat or an admin."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=False)
        user.role = Role.APPLICANT
        if commit:
            user.save()
        return user
