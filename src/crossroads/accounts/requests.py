"""The acting user of a request, typed: services take a `User`, a request holds `User | AnonymousUser`."""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from .models import User

AnyUser: TypeAlias = User | AnonymousUser


def signed_in(request: HttpRequest) -> User:
    """The logged-in account of a view behind @login_required. Without a login (a view that forgot the decorator)
    the request is refused, never served as someone."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
