from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

from .models import Role, User

# Django 5.2 changed the "too short" message's msgid to "%d" and its Dutch catalogue has not caught up: the error came
# out in English on the Dutch sign-up page while the other validators' messages were Dutch. Django's catalogue
# translates the earlier msgid (with "%(min_length)d"), so the error is re-worded with that one (kept in variables:
# it is Django's string, not one of ours to extract).
TOO_SHORT = "This password is too short. It must contain at least %(min_length)d character."
TOO_SHORT_PLURAL = "This password is too short. It must contain at least %(min_length)d characters."


def _in_the_users_language(error: ValidationError) -> ValidationError:
    if error.code != "password_too_short" or not error.params:
        return error
    length = int(error.params["min_length"])
    message = ngettext(TOO_SHORT, TOO_SHORT_PLURAL, length) % {"min_length": length}
    return ValidationError(message, code=error.code, params=error.params)


class AccountAdapter(DefaultAccountAdapter):
    """New sign-ups are applicants; staff accounts are created by the secretariat or an admin."""

    def save_user(self, request: HttpRequest, user: User, form: Any, commit: bool = True) -> User:
        user = super().save_user(request, user, form, commit=False)
        user.role = Role.APPLICANT
        if commit:
            user.save()
        return user

    def clean_password(self, password: str, user: AbstractBaseUser | None = None) -> str:
        """Django's password validators, every message in the user's language (sign-up, reset, change)."""
        try:
            return super().clean_password(password, user)
        except ValidationError as error:
            raise ValidationError([_in_the_users_language(item) for item in error.error_list]) from error
