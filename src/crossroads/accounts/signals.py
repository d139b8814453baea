"""The secretariat manages calls and the rulebook in the admin: its accounts are staff with the permissions of
the "Programme secretariat" group. Kept in step with the role on every save."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, post_save, pre_save
from django.http import HttpRequest

from .models import Role, User

SECRETARIAT_GROUP = "Programme secretariat"
SECRETARIAT_PERMISSIONS = {
    "programme": ["call", "criterion", "calldocument", "theme", "costcategory", "regionstatus", "programme"],
    # The assessor pool (expertise, employer and shareholdings for the conflict checks) is kept in the admin.
    "assessment": ["assessorprofile"],
    # Erasure requests are carried out on the privacy pages; the admin shows them read-only.
    "privacy": ["erasurerequest", "anonymisedapplication"],
}


def ensure_groups(**kwargs: Any) -> None:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted: list[Permission] = []
    for app_label, models in SECRETARIAT_PERMISSIONS.items():
        for model in models:
            actions = (
                ["view"]
                if app_label == "privacy"
                else ["view", "change"]
                if model == "programme"
                else ["view", "add", "change", "delete"]
            )
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=[f"{a}_{model}" for a in actions]
                )
            )
    group.permissions.set(wanted)


def staff_flag(sender: type[User], instance: User, **kwargs: Any) -> None:
    if instance.is_programme_staff:
        instance.is_staff = True
    elif not instance.is_superuser:
        instance.is_staff = False


def group_membership(sender: type[User], instance: User, **kwargs: Any) -> None:
    group = Group.objects.filter(name=SECRETARIAT_GROUP).first()
    if group is None:
        return
    if instance.role == Role.SECRETARIAT:
        instance.groups.add(group)
    else:
        instance.groups.remove(group)


def totp_activated(
    sender: Any,
    request: HttpRequest | None = None,
    user: User | None = None,
    authenticator: Any = None,
    **kwargs: Any,
) -> None:
    """The code that activates a new authenticator app is a second factor given in this session."""
    from allauth.mfa.models import Authenticator

    from .mfa import record_totp_activation

    if request is None or authenticator is None or authenticator.type != Authenticator.Type.TOTP:
        return
    if getattr(request, "user", None) is not None and request.user.pk == authenticator.user_id:
        record_totp_activation(request, request.user, authenticator)


def connect() -> None:
    from allauth.mfa.signals import authenticator_added

    authenticator_added.connect(totp_activated, dispatch_uid="accounts-totp-activated")
    post_migrate.connect(ensure_groups, dispatch_uid="accounts-groups")
    pre_save.connect(staff_flag, sender=User, dispatch_uid="accounts-staff-flag")
    post_save.connect(group_membership, sender=User, dispatch_uid="accounts-group-membership")
