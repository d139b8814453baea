"""`manage.py check --deploy` warns when a deployment relaxes the second factor for staff."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def staff_mfa_required(app_configs: Any, **kwargs: Any) -> list[Warning]:
    warnings = []
    if not settings.CROSSROADS_REQUIRE_STAFF_MFA:
        warnings.append(
            Warning(
                "CROSSROADS_REQUIRE_STAFF_MFA is off: staff roles can reach other companies' data with a password.",
                hint="Unset CROSSROADS_REQUIRE_STAFF_MFA (it defaults to on).",
                id="crossroads.W001",
            )
        )
    if getattr(settings, "MFA_TRUST_ENABLED", False) or getattr(settings, "ACCOUNT_LOGIN_BY_CODE_ENABLED", False):
        warnings.append(
            Warning(
                "A login path skips the one-time code (MFA_TRUST_ENABLED or ACCOUNT_LOGIN_BY_CODE_ENABLED).",
                id="crossroads.W002",
            )
        )
    return warnings
