"""Seed a deadline rush for the reliability tests and bench/load_rush.py: one call closing in a few minutes,
consortia whose applications are complete and signed (ready to submit), and single applicants with a draft.

Every user gets the same known password and, on request, a ready session (so a load test does not have to pass the
login form, whose rate limit protects against exactly this many logins from one address). The ids, e-mail addresses
and session keys are written as JSON for the client side. Never run this against a production database."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from crossroads.core import clock

SEED_PASSWORD = "rush-test-password-2024"


def belgian_number(n: int) -> str:
    """A well-formed Belgian enterprise number (check digits mod 97) that differs per n."""
    base = 40_000_000 + n
    check = 97 - (base % 97)
    digits = f"{base:08d}{check:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


class Command(BaseCommand):
    help = "Seed a call closing soon with ready consortia and draft applicants (reliability tests and load bench)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--consortia", type=int, default=10, help="applications ready to submit")
        parser.add_argument("--applicants", type=int, default=10, help="single applicants with a draft to save")
        parser.add_argument("--closes-in", type=float, default=600.0, help="seconds from now to the deadline")
        parser.add_argument("--code", default="rush", help="call code (must be new)")
        parser.add_argument("--sessions", action="store_true", help="create a logged-in session per user")
        parser.add_argument(
            "--ranked",
            action="store_true",
            help="submit, screen and score the consortia, freeze the ranking and close the call (for decisions); "
            "adds a secretariat user with an authenticator (and a two-step session with --sessions)",
        )
        parser.add_argument("--output", required=True, help="JSON file for the client side")

    def handle(self, *args: Any, **options: Any) -> None:
        started = clock.now()
        with transaction.atomic():
            result = self._seed(options)
        Path(options["output"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
        seconds = (clock.now() - started).total_seconds()
        self.stdout.write(
            f"seeded {len(result['consortia'])} consortia and {len(result['applicants'])} applicants"
            f" in {seconds:.1f} s; the call closes at {result['closes_at']}"
        )

    def _seed(self, options: dict[str, Any]) -> dict[str, Any]:
        from allauth.account.models import EmailAddress
        from django.contrib.sessions.backends.db import SessionStore

        from crossroads.accounts.models import Role, User
        from crossroads.applications import services
        from crossroads.applications.models import BudgetLine, Partner
        from crossroads.companies.models import (
            Company,
            CompanyMembership,
            Establishment,
            FinancialYear,
            MembershipRole,
        )
        from crossroads.companies.services import establishment_nuts3
        from crossroads.programme.models import Call, Programme
        from crossroads.programme.services import programme_load_default

        programme = Programme.objects.first() or programme_load_default()
        if Call.objects.filter(code=options["code"]).exists():
            raise CommandError(f"A call with code {options['code']!r} exists already.")
        now = clock.now()
        # A whole second, so "the deadline's exact second" means something to the clients.
        closes = (now + dt.timedelta(seconds=options["closes_in"])).replace(microsecond=0)
        call = Call.objects.create(
            programme=programme,
            code=options["code"],
            name_nl=f"Deadline-test {options['code']}",
            name_en=f"Deadline test {options['code']}",
            opens_at=now - dt.timedelta(days=10),
            closes_at=closes,
            budget=Decimal("100000000"),
        )
        call.themes.set(programme.themes.all())
        theme_ids = list(call.themes.filter(code="energy").values_list("pk", flat=True))
        password_hash = make_password(SEED_PASSWORD)  # hashed once: PBKDF2 per user would take minutes
        company_count = Company.objects.count()

        def user(email: str) -> User:
            created = User.objects.create(email=email, role=Role.APPLICANT, password=password_hash)
            EmailAddress.objects.create(user=created, email=email, verified=True, primary=True)
            return created

        def company(name: str, country: str) -> Company:
            nonlocal company_count
            company_count += 1
            if country == "BE":
                number, postcode, city = belgian_number(company_count), "2440", "Geel"
            else:
                number, postcode, city = f"{70_000_000 + company_count:08d}", "4331 AB", "Middelburg"
            created = Company.objects.create(
                legal_name=name,
                legal_form="BV",
                country=country,
                enterprise_number=number,
                role="sme",
                founded_on=dt.date(2010, 1, 1),
            )
            Establishment.objects.create(
                company=created,
                street="Kaai 1",
                postcode=postcode,
                city=city,
                country=country,
                is_registered_office=True,
                is_project_site=True,
                nuts3_id=establishment_nuts3(country, postcode),
            )
            for year in (2023, 2024):
                FinancialYear.objects.create(
                    company=created,
                    year=year,
                    staff_fte=Decimal("12"),
                    turnover=Decimal("1500000"),
                    balance_sheet_total=Decimal("900000"),
                    equity=Decimal("400000"),
                    subscribed_capital=Decimal("100000"),
                )
            return created

        def session(for_user: User) -> str:
            if not options["sessions"]:
                return ""
            store = SessionStore()
            store[SESSION_KEY] = str(for_user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = for_user.get_session_auth_hash()
            store.create()
            return store.session_key or ""

        def draft(actor: User, lead: Company, title: str) -> Any:
            application = services.application_create(actor=actor, call=call, lead=lead, title=title)
            application.sections = {code: f"Tekst voor {code}." for code in call.required_sections}
            application.planned_start = clock.today_brussels() + dt.timedelta(days=60)
            application.duration_months = 24
            application.save()
            application.themes.set(theme_ids)
            return application

        signed = {"sme": True, "oim": True, "de_minimis": True, "truthful": True}
        code = options["code"]
        consortia = []
        for i in range(options["consortia"]):
            lead_user, partner_user = user(f"lead{i}@{code}.test"), user(f"partner{i}@{code}.test")
            be, nl = company(f"Lead {code} {i} BV", "BE"), company(f"Partner {code} {i} BV", "NL")
            CompanyMembership.objects.create(user=lead_user, company=be, role=MembershipRole.MANAGER)
            CompanyMembership.objects.create(user=partner_user, company=nl, role=MembershipRole.MANAGER)
            application = draft(lead_user, be, f"Grensproject {i}")
            lead = application.partners.get(is_lead=True)
            partner = Partner.objects.create(application=application, company=nl, order=1)
            BudgetLine.objects.create(partner=lead, category="consumables", description="Sensoren", amount=40000)
            BudgetLine.objects.create(partner=partner, category="consumables", description="Testbank", amount=30000)
            services.partner_declare(actor=lead_user, partner=lead, declarations=signed)
            services.partner_declare(actor=partner_user, partner=partner, declarations=signed)
            consortia.append(
                {
                    "application": application.pk,
                    "version": application.lock_version,
                    "lead_partner": lead.pk,
                    "partner": partner.pk,
                    "partner_version": Partner.objects.get(pk=partner.pk).lock_version,
                    "lead_email": lead_user.email,
                    "partner_email": partner_user.email,
                    "lead_session": session(lead_user),
                    "partner_session": session(partner_user),
                }
            )
        applicants = []
        for i in range(options["applicants"]):
            applicant = user(f"applicant{i}@{code}.test")
            own = company(f"Solo {code} {i} BV", "BE" if i % 2 else "NL")
            CompanyMembership.objects.create(user=applicant, company=own, role=MembershipRole.MANAGER)
            application = draft(applicant, own, f"Eigen project {i}")
            applicants.append(
                {
                    "application": application.pk,
                    "version": application.lock_version,
                    "email": applicant.email,
                    "session": session(applicant),
                }
            )
        secretariat = self._rank(call, options, session) if options["ranked"] else None
        if secretariat is not None:
            closes = call.closes_at
        return {
            "call": call.code,
            "call_id": call.pk,
            "secretariat": secretariat,
            "closes_at": closes.isoformat(),
            "closes_at_epoch": closes.timestamp(),
            "password": SEED_PASSWORD,
            "sections": list(call.required_sections),
            "themes": theme_ids,
            "planned_start": str(clock.today_brussels() + dt.timedelta(days=60)),
            "consortia": consortia,
            "applicants": applicants,
        }

    def _rank(self, call: Any, options: dict[str, Any], session: Any) -> dict[str, Any]:
        """Every consortium submitted (a submission with its snapshot and its PDF task queued),
        screened eligible and scored, the call closed and its ranking frozen: decisions can be taken. Returns the
        secretariat user (with an authenticator app and, with --sessions, a session past the two-step login)."""
        from allauth.account.internal.flows.login import record_authentication
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.contrib.auth.hashers import make_password
        from django.contrib.sessions.backends.db import SessionStore
        from django.http import HttpRequest

        from crossroads.accounts.models import Role, User
        from crossroads.applications.models import Application, ApplicationStatus, Submission
        from crossroads.applications.services import render_and_send_pdf_task, submission_snapshot
        from crossroads.applications.states import APPLICATION_STATES
        from crossroads.assessment.models import Completeness, ConsensusScore, Eligibility, Screening
        from crossroads.assessment.services.overrides import assessment_override_record
        from crossroads.assessment.services.ranking import ranking_freeze
        from crossroads.programme.models import Criterion

        email = f"secretariat@{options['code']}.test"
        secretariat = User.objects.create(email=email, role=Role.SECRETARIAT, password=make_password(SEED_PASSWORD))
        EmailAddress.objects.create(user=secretariat, email=email, verified=True, primary=True)
        TOTP.activate(secretariat, generate_totp_secret())
        template = Criterion.objects.filter(call__programme=call.programme).exclude(call=call).order_by("call", "order")
        first = template.first()
        for criterion in template.filter(call=first.call) if first else []:
            criterion.pk, criterion.call = None, call
            criterion.save()
        now = clock.now()
        for application in Application.objects.filter(call=call, partners__isnull=False).distinct():
            if not application.partners.filter(is_lead=False).exists():
                continue  # a single applicant's draft stays a draft
            submitted = now - dt.timedelta(minutes=5)
            APPLICATION_STATES.check(application.status, ApplicationStatus.SUBMITTED)
            Application.objects.filter(pk=application.pk, status=application.status).update(
                status=ApplicationStatus.SUBMITTED, submitted_at=submitted
            )
            application.refresh_from_db()
            submission = Submission.objects.create(
                application=application,
                number=1,
                idempotency_key=f"seed-{application.pk}",
                submitted_by=application.created_by,
                submitted_at=submitted,
                snapshot=submission_snapshot(application),
            )
            render_and_send_pdf_task.enqueue(submission.pk)  # committed with the seed (database task backend)
            Screening.objects.create(
                application=application, completeness=Completeness.COMPLETE, eligibility=Eligibility.ELIGIBLE
            )
            # A load-test seed has no assessors: the secretariat's recorded override is what lets the call's rules
            # (enough completed assessments, both countries) be passed, exactly as in the platform.
            assessment_override_record(
                actor=secretariat, application=application, reason="Load-test seed: scored without assessors."
            )
            for criterion in call.criteria.all():
                ConsensusScore.objects.create(
                    application=application,
                    criterion=criterion,
                    score=Decimal("8"),
                    rationale="Agreed.",
                    recorded_by=secretariat,
                    recorded_at=now,
                )
        call.closes_at = now - dt.timedelta(minutes=1)
        call.save(update_fields=["closes_at"])
        ranking_freeze(actor=secretariat, call=call)
        key = ""
        if options["sessions"]:
            key = session(secretariat)
            store = SessionStore(session_key=key)
            request = HttpRequest()
            request.session = store
            request.user = secretariat
            totp = Authenticator.objects.get(user=secretariat, type=Authenticator.Type.TOTP)
            record_authentication(request, secretariat, "password", email=email)
            record_authentication(request, secretariat, "mfa", id=totp.pk, type=totp.type)
            store.save()
        return {"email": email, "session": key}
