from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from crossroads.companies.demo import DEMO_TOTP_SECRETS


class Command(BaseCommand):
    help = "Print the current one-time codes of the demo staff accounts (demo secrets only)."

    def handle(self, *args: Any, **options: Any) -> None:
        counter = int(time.time()) // 30
        remaining = 30 - int(time.time()) % 30
        for email, secret in DEMO_TOTP_SECRETS.items():
            self.stdout.write(f"{format_hotp_value(hotp_value(secret, counter))}  {email}")
        self.stdout.write(f"(valid for another {remaining} s)")
