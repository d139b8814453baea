from django.core.management.base import BaseCommand

from crossroads.companies.demo import DEMO_PASSWORD, DEMO_TOTP_SECRETS, DEMO_USERS, demo_load


class Command(BaseCommand):
    help = "Load the demo programme (idempotent) and print the demo logins."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        counts = demo_load()
        out = self.stdout.write
        out(self.style.SUCCESS(f"Demo programme loaded: {counts['companies']} fictional companies."))
        out("")
        out("Demo logins (password for all: %s) at http://127.0.0.1:8000/accounts/login/" % DEMO_PASSWORD)
        for spec in DEMO_USERS:
            extra = "  (authenticator secret %s)" % DEMO_TOTP_SECRETS[spec.email] if spec.email in DEMO_TOTP_SECRETS else ""
            out(f"  {spec.role:<12} {spec.email}{extra}")
        out("Staff roles need a one-time code: run `make demo-totp` in another terminal for the current codes.")
