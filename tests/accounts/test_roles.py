"""The role predicates drive the admin flag, the secretariat group and the menu: no role strings."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from crossroads.core.context_processors import navigation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "staff", "imports", "matchmaking", "secretariat"),
    [
        ("applicant", False, False, True, False),
        ("adviser_be", False, True, True, False),
        ("secretariat", True, True, True, True),
        ("assessor", False, False, False, False),
        ("finance", False, False, False, False),
        ("admin", True, True, True, True),
    ],
)
def test_the_admin_flag_and_the_menu_follow_the_role(users, role, staff, imports, matchmaking, secretariat):
    user = users[role]
    assert user.is_staff is staff
    request = RequestFactory().get("/")
    request.user = user
    nav = navigation(request)
    assert nav["nav_can_import"] is imports
    assert nav["nav_matchmaking"] is matchmaking
    assert nav["nav_is_secretariat"] is secretariat
    assert nav["nav_is_applicant"] is (role == "applicant")
    assert nav["nav_is_assessor"] is (role == "assessor")
    assert nav["user_role_label"] == str(user.get_role_display())


def test_an_anonymous_visitor_gets_no_menu_of_a_role():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    nav = navigation(request)
    assert not any(v for k, v in nav.items() if k != "user_role_label") and nav["user_role_label"] == ""


def test_a_secretariat_account_joins_the_group_and_leaves_it_with_its_role(users):
    from django.contrib.auth.models import Group

    from crossroads.accounts.signals import SECRETARIAT_GROUP, ensure_groups

    ensure_groups()
    user = users["secretariat"]
    user.save()
    assert user.groups.filter(name=SECRETARIAT_GROUP).exists()
    user.role = "adviser"
    user.save()
    assert not user.groups.filter(name=SECRETARIAT_GROUP).exists() and not user.is_staff
    assert Group.objects.filter(name=SECRETARIAT_GROUP).exists()
