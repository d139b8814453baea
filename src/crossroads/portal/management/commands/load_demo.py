"""The demo's conductor: each app loads its own part (`<app>/demo.py`), in the order they build on each other."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings
from django.urls import reverse

from crossroads.applications.demo import demo_applications_load
from crossroads.assessment.demo import demo_assessment_load
from crossroads.companies.demo import DEMO_PASSWORD, DEMO_TOTP_SECRETS, DEMO_USERS, demo_load
from crossroads.core.formatting import site_url
from crossroads.grants.demo import demo_grants_load
from crossroads.matching.demo import demo_matching_load
from crossroads.matching.signals import refresh_suppressed
from crossroads.showcase.demo import demo_showcase_load


class Command(BaseCommand):
    help = "Load the demo programme (idempotent) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--logins-only", action="store_true", help="Print the demo logins (at CROSSROADS_SITE_URL); load nothing."
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=None,
            help="After the demo, add a programme at scale for benchmarks: 1 = 5,000 companies, 2,000 applications, "
            "500 grants with claims and payments (0.01 = a small one). Bulk-written, no e-mails, profiles not encoded.",
        )
        parser.add_argument("--seed", type=int, default=None, help="Seed of the --scale generator.")

    def handle(self, *args: Any, **options: Any) -> None:
        scale = options.get("scale")
        if scale is not None and not 0 < scale <= 20:
            raise CommandError("--scale takes a number above 0 and at most 20 (1 = 5,000 companies).")
        if options["logins_only"]:
            self._logins()
            return
        with refresh_suppressed():
            counts = demo_load()
        matching = demo_matching_load()
        demo_applications_load()
        # The demo's screening verdicts and invitations would otherwise print a dozen e-mails over the logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            assessment = demo_assessment_load()
            # A running project after the award: one claim paid, one waiting for verification.
            grants = demo_grants_load()
            # The public side: the partner organisations' contacts, advisers named publicly, the project's story.
            demo_showcase_load()
        self._summary(counts, matching, assessment, grants)
        if options.get("scale"):
            self._scale(options["scale"], options.get("seed"))

    def _scale(self, scale: float, seed: int | None) -> None:
        from crossroads.portal.scale import SEED, generate
        from crossroads.programme.selectors import current_programme

        started = time.perf_counter()
        made = generate(current_programme(), scale=scale, seed=SEED if seed is None else seed)
        out = self.stdout.write
        if not made.created:
            out("A programme at scale is already loaded (calls scale-...): nothing added.")
            return
        out(self.style.SUCCESS(f"Programme at scale {scale} added in {time.perf_counter() - started:.1f} s:"))
        for name, n in made.counts.items():
            out(f"  {name:<38} {n:>8}")
        for name, seconds in made.seconds.items():
            out(f"  step {name:<33} {seconds:>7.1f} s")

    def _summary(
        self, counts: dict[str, int], matching: dict[str, int], assessment: dict[str, int], grants: dict[str, int]
    ) -> None:
        out = self.stdout.write
        out(
            self.style.SUCCESS(
                f"Demo programme loaded: {counts['companies']} fictional companies, {matching['profiles']} cooperation "
                f"profiles; {matching['encoded']} of {matching['keys']} matchable items encoded; "
                f"{assessment['applications']} applications in the assessment demo call; "
                f"{grants.get('agreements', 0)} running grant agreement with {grants.get('claims', 0)} cost claims."
            )
        )
        out("")
        self._logins()

    def _logins(self) -> None:
        """The demo accounts, at the address the site is served on (CROSSROADS_SITE_URL, which `make run` sets)."""
        out = self.stdout.write
        out(f"Demo logins (password for all: {DEMO_PASSWORD}) at {site_url(reverse('account_login'))}")
        for spec in DEMO_USERS:
            secret = DEMO_TOTP_SECRETS.get(spec.email)
            extra = f"  (authenticator secret {secret})" if secret else ""
            out(f"  {spec.role:<12} {spec.email}{extra}")
        out("Staff roles need a one-time code: run `make demo-totp` in another terminal for the current codes.")
