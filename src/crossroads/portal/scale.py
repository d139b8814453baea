"""A programme at scale for benchmarks: `load_demo --scale N` (N=1: 5,000 companies, 2,000 applications, 500
grants with claims and payments), written with bulk_create, deterministic for a seed.

No e-mails, no audit trail of its own, no embeddings: the cooperation profiles are published but not encoded
(the matching engine finds none of them until `manage.py matching_reindex` or the worker encodes them). The data
follows the platform's money rules: each application's grant is `allocate_grant` of its budget (50 %, capped at
EUR 250,000 per project, split over the partners to the cent), the grant shares sum to the grant, a claim's
accepted amount never exceeds what it claimed and the payments of a partner never exceed its grant share.
Generated rows are recognised by their calls (code "scale-...") and companies (enterprise numbers starting 9 in
the Netherlands, 1 in Belgium): a second run finds them and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db import transaction

from crossroads.accounts.models import Role, User
from crossroads.applications.models import Application, ApplicationStatus, BudgetLine, Partner
from crossroads.applications.rules.budget import CostRules, PartnerCosts, allocate_grant
from crossroads.applications.selectors import cost_rules
from crossroads.assessment.models import (
    Assignment,
    AssignmentStatus,
    Completeness,
    ConsensusScore,
    Decision,
    Eligibility,
    Grant,
    GrantShare,
    Outcome,
    Ranking,
    Score,
    Screening,
)
from crossroads.assessment.rules.frozen import FrozenEntry, entries_to_json
from crossroads.assessment.rules.ranking import BELOW_THRESHOLD, FUNDED, INELIGIBLE, RESERVE
from crossroads.companies.models import Company, CompanyMembership, Establishment, FinancialYear, NaceCode
from crossroads.core.clock import BRUSSELS
from crossroads.grants.models import (
    Agreement,
    AgreementPartner,
    BudgetVersion,
    BudgetVersionLine,
    BudgetVersionShare,
    ClaimLine,
    CostClaim,
    Payment,
    ProgressReport,
    ReportingPeriod,
)
from crossroads.grants.rules.schedule import project_end, reporting_periods
from crossroads.matching.models import (
    CooperationProfile,
    ExpressionOfInterest,
    Introduction,
    IntroductionReply,
)
from crossroads.programme import regions
from crossroads.programme.models import Call, Programme, Theme
from crossroads.programme.services import FIXTURES, call_create

SEED = 20261203
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
BE_PREFIX, NL_PREFIX = "1", "9"  # enterprise numbers of generated companies (the demo's never start so)
# (code, opens, closes, state): decided calls have rankings, decisions and grants; "open" only drafts/submissions.
CALLS = [
    ("scale-2023-1", "2023-03-01", "2023-05-31", "decided"),
    ("scale-2023-2", "2023-09-01", "2023-11-30", "decided"),
    ("scale-2024-1", "2024-03-01", "2024-05-31", "decided"),
    ("scale-2024-2", "2024-09-01", "2024-11-30", "decided"),
    ("scale-2025-1", "2025-03-01", "2025-05-31", "decided"),
    ("scale-2025-2", "2025-09-01", "2025-11-30", "decided"),
    ("scale-2026-1", "2026-03-01", "2026-05-31", "decided"),
    ("scale-2026-2", "2026-09-01", "2026-11-15", "screening"),
    ("scale-2027-1", "2026-11-16", "2027-03-31", "open"),
]
WORDS = (
    "warmte water zon wind bio data sensor robot laser print staal hout glas kunststof zorg voeding haven "
    "brug kanaal polder delta kempen maas schelde dijk veld"
).split()
BE_CITIES = ("Antwerpen", "Gent", "Brugge", "Hasselt", "Genk", "Turnhout", "Kortrijk", "Mechelen", "Geel", "Lommel")
NL_CITIES = ("Maastricht", "Eindhoven", "Breda", "Tilburg", "Venlo", "Middelburg", "Goes", "Roermond", "Helmond")
NACE = ("25.62", "26.51", "28.29", "62.01", "71.12", "72.19", "20.16", "10.89", "33.12", "35.30")
SECTIONS_TEXT = "Generated benchmark text: the project, its partners and its cross-border value."


@dataclass
class Scaled:
    """What a run made, for the summary and the tests."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    created: bool = True


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_DOWN)


def _moment(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BRUSSELS)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Generator:
    def __init__(self, programme: Programme, scale: float, seed: int, today: dt.date) -> None:
        self.programme = programme
        self.scale = scale
        self.rng = random.Random(seed)
        self.today = today
        self.n_companies = max(8, round(5000 * scale))
        self.n_applications = max(6, round(2000 * scale))
        self.n_grants = max(3, round(500 * scale))
        self.result = Scaled()
        self.themes = list(Theme.objects.filter(programme=programme)) or list(Theme.objects.all())

    # ------------------------------------------------------------------ helpers
    def _count(self, name: str, n: int) -> None:
        self.result.counts[name] = self.result.counts.get(name, 0) + n

    def _timed(self, name: str, step: Callable[[], None]) -> None:
        start = time.perf_counter()
        step()
        self.result.seconds[name] = round(time.perf_counter() - start, 2)

    def _postcodes(self) -> dict[str, list[tuple[str, str]]]:
        """Real postcodes of both countries whose NUTS3 region is inside the programme area."""
        inside = set(self.programme.region_statuses.exclude(status="outside").values_list("nuts3_id", flat=True))
        be = sorted((pc, n3) for pc, n3 in regions._be_table().items() if n3 in inside)
        nl = sorted((pc, n3) for pc, n3 in regions._nl_pc4_table().items() if n3 in inside)
        return {"BE": be, "NL": nl}

    # ------------------------------------------------------------------ steps
    def staff(self) -> None:
        rng = self.rng
        specs = [("secretariat", Role.SECRETARIAT, 3), ("finance", Role.FINANCE, 2), ("assessor", Role.ASSESSOR, 30)]
        specs.append(("adviser", Role.ADVISER, 6))
        users = []
        for prefix, role, n in specs:
            for i in range(n):
                user = User(email=f"scale-{prefix}-{i + 1}@bench.example", role=role, language=rng.choice(["nl", "en"]))
                user.set_unusable_password()
                users.append(user)
        User.objects.bulk_create(users)
        by_role: dict[str, list[User]] = {}
        for user in User.objects.filter(email__startswith="scale-", email__endswith="@bench.example"):
            by_role.setdefault(user.role, []).append(user)
        self.staff_by_role = by_role
        self._count("staff users", len(users))

    def companies(self) -> None:
        rng = self.rng
        postcodes = self._postcodes()
        companies, years, users = [], [], []
        for i in range(self.n_companies):
            country = "BE" if rng.random() < 0.55 else "NL"
            name = f"{rng.choice(WORDS).title()}{rng.choice(WORDS)} {i + 1}"
            number = f"{BE_PREFIX}{i:03d}.{i % 997:03d}.{i % 991:03d}" if country == "BE" else f"{NL_PREFIX}{i:07d}"
            number = f"{BE_PREFIX}{i:09d}" if country == "BE" else number
            companies.append(
                Company(
                    legal_name=name,
                    legal_form="BV",
                    country=country,
                    enterprise_number=number,
                    role="sme" if rng.random() < 0.9 else rng.choice(["large", "knowledge"]),
                    founded_on=dt.date(rng.randrange(1975, 2020), rng.randrange(1, 13), 1),
                    description=f"{name}: ontwikkeling en productie van {rng.choice(WORDS)}technologie.",
                    is_fictional=True,
                )
            )
        Company.objects.bulk_create(companies, batch_size=500)
        made = list(
            Company.objects.filter(is_fictional=True, enterprise_number__in=[c.enterprise_number for c in companies])
        )
        made.sort(key=lambda c: c.enterprise_number)
        self.companies_list = made
        establishments, naces, theme_links = [], [], []
        through = Company.themes.through
        for company in made:
            postcode, nuts3 = rng.choice(postcodes[company.country])
            shown = (
                postcode
                if company.country == "BE"
                else f"{postcode} {rng.choice('ABCDEFGHJK')}{rng.choice('ABCDEFGHJK')}"
            )
            city = rng.choice(BE_CITIES if company.country == "BE" else NL_CITIES)
            establishments.append(
                Establishment(
                    company=company,
                    street=f"{rng.choice(WORDS).title()}straat {rng.randrange(1, 200)}",
                    postcode=shown,
                    city=city,
                    country=company.country,
                    nuts3_id=nuts3,
                    is_registered_office=True,
                    is_project_site=True,
                )
            )
            staff = Decimal(rng.randrange(2, 200))
            for year in (2023, 2024):
                turnover = Decimal(rng.randrange(200_000, 40_000_000))
                years.append(
                    FinancialYear(
                        company=company,
                        year=year,
                        closing_date=dt.date(year, 12, 31),
                        staff_fte=staff,
                        turnover=turnover,
                        balance_sheet_total=_money(turnover * Decimal("0.6")),
                        equity=_money(turnover * Decimal("0.25")),
                        subscribed_capital=Decimal("100000.00"),
                    )
                )
            naces.append(NaceCode(company=company, code=rng.choice(NACE), is_main=True))
            for theme in rng.sample(self.themes, min(2, len(self.themes))):
                theme_links.append(through(company_id=company.pk, theme_id=theme.pk))
            user = User(
                email=f"scale-applicant-{company.enterprise_number.replace('.', '')}@bench.example",
                role=Role.APPLICANT,
                first_name=rng.choice(["An", "Bart", "Els", "Joost", "Lotte", "Pieter", "Sanne", "Wim"]),
                last_name=rng.choice(["Peeters", "Jansen", "De Vries", "Claes", "Bakker", "Maes", "Visser"]),
                language="nl",
            )
            user.set_unusable_password()
            users.append(user)
        Establishment.objects.bulk_create(establishments, batch_size=500)
        FinancialYear.objects.bulk_create(years, batch_size=500)
        NaceCode.objects.bulk_create(naces, batch_size=500)
        through.objects.bulk_create(theme_links, batch_size=500)
        User.objects.bulk_create(users, batch_size=500)
        by_email = {u.email: u for u in User.objects.filter(email__startswith="scale-applicant-")}
        memberships = []
        self.member_of: dict[int, User] = {}
        for company, user in zip(made, users, strict=True):
            member = by_email[user.email]
            self.member_of[company.pk] = member
            memberships.append(CompanyMembership(user=member, company=company, role="manager"))
        CompanyMembership.objects.bulk_create(memberships, batch_size=500)
        self._count("companies", len(made))
        self._count("establishments", len(establishments))
        self._count("financial years", len(years))
        self._count("applicant users", len(users))

    def matching(self) -> None:
        rng = self.rng
        companies = self.companies_list
        profiles = []
        now = _moment(self.today)
        for company in companies[::2]:
            profiles.append(
                CooperationProfile(
                    company=company,
                    title=f"{rng.choice(WORDS).title()} voor {rng.choice(WORDS)}",
                    offers=f"Wij bieden {rng.choice(WORDS)} en {rng.choice(WORDS)}.",
                    seeks=f"Wij zoeken een partner voor {rng.choice(WORDS)}.",
                    trl=rng.randrange(3, 8),
                    languages=["nl", "en"],
                    status="published",
                    published_at=now - dt.timedelta(days=rng.randrange(1, 300)),
                    expires_at=now + dt.timedelta(days=rng.randrange(30, 365)),
                )
            )
        CooperationProfile.objects.bulk_create(profiles, batch_size=500)
        through = CooperationProfile.themes.through
        links = [
            through(cooperationprofile_id=p.pk, theme_id=rng.choice(self.themes).pk)
            for p in CooperationProfile.objects.filter(company__in=companies[::2])
        ]
        through.objects.bulk_create(links, batch_size=500, ignore_conflicts=True)
        be = [c for c in companies if c.country == "BE"]
        nl = [c for c in companies if c.country == "NL"]
        interests = []
        for _ in range(len(companies) // 5):
            sender, target = rng.choice(be), rng.choice(nl)
            if rng.random() < 0.5:
                sender, target = target, sender
            interests.append(
                ExpressionOfInterest(
                    sender_company=sender,
                    sender_user=self.member_of[sender.pk],
                    target_company=target,
                    message="Wij zien een mooie samenwerking over de grens.",
                    status=rng.choice(["pending", "accepted", "declined", "expired"]),
                    expires_at=now + dt.timedelta(days=rng.randrange(-60, 30)),
                )
            )
        ExpressionOfInterest.objects.bulk_create(interests, batch_size=500)
        advisers = self.staff_by_role.get(Role.ADVISER, [])
        introductions = []
        for _ in range(len(companies) // 25):
            introductions.append(
                Introduction(
                    adviser=rng.choice(advisers),
                    company_a=rng.choice(be),
                    company_b=rng.choice(nl),
                    note="Jullie vullen elkaar goed aan: maak kennis.",
                    status=rng.choice(["proposed", "contacted", "meeting", "consortium", "closed"]),
                )
            )
        made = Introduction.objects.bulk_create(introductions, batch_size=500)
        if made and made[0].pk is None:  # backends without RETURNING: read them back
            made = list(Introduction.objects.filter(note__startswith="Jullie vullen").order_by("pk"))
        replies = [IntroductionReply(introduction=i, company=c) for i in made for c in (i.company_a, i.company_b)]
        IntroductionReply.objects.bulk_create(replies, batch_size=500, ignore_conflicts=True)
        self._count("cooperation profiles (not encoded)", len(profiles))
        self._count("expressions of interest", len(interests))
        self._count("introductions", len(introductions))

    def calls(self) -> None:
        data = json.loads((FIXTURES / "crossroads-2023-2029.json").read_text(encoding="utf-8"))
        self.calls_made: list[tuple[Call, str]] = []
        for code, opens, closes, state in CALLS:
            year, number = code.split("-")[1:]
            call = call_create(
                programme=self.programme,
                data=data,
                call={
                    "code": code,
                    "name_nl": f"Benchmark-oproep {year}-{number}",
                    "name_en": f"Benchmark call {year}-{number}",
                    "opens": f"{opens} 09:00",
                    "closes": f"{closes} 17:00",
                    "budget": "1000000.00",  # set to the funded grants below
                    "stages": 1,
                },
            )
            self.calls_made.append((call, state))
        self._count("calls", len(CALLS))

    def applications(self) -> None:
        """Applications spread over the calls; each with 2-4 partners of both countries and a budget."""
        rng = self.rng
        companies = self.companies_list
        be = [c for c in companies if c.country == "BE"]
        nl = [c for c in companies if c.country == "NL"]
        per_call = self.n_applications // len(self.calls_made)
        rest = self.n_applications - per_call * len(self.calls_made)
        apps = []
        for index, (call, state) in enumerate(self.calls_made):
            n = per_call + (1 if index < rest else 0)
            opens = call.opens_at.astimezone(BRUSSELS).date()
            closes = call.closes_at.astimezone(BRUSSELS).date()
            window = max(1, min((closes - opens).days, (self.today - opens).days))
            for i in range(n):
                lead = rng.choice(be if i % 2 == 0 else nl)
                # Every status at every scale: the open call's first application is a draft, the first call's second
                # one withdrawn.
                draft = rng.random() < (0.35 if state == "open" else 0.08) or (state == "open" and i == 0)
                withdrawn = not draft and (rng.random() < 0.03 or (index == 0 and i == 1))
                submitted = None if draft else _moment(opens + dt.timedelta(days=rng.randrange(window)), 10)
                apps.append(
                    Application(
                        call=call,
                        lead_company=lead,
                        title=f"{rng.choice(WORDS).title()}{rng.choice(WORDS)} over de grens {index + 1}-{i + 1}",
                        acronym=f"{rng.choice(WORDS).upper()[:6]}{i + 1}",
                        sections={code: SECTIONS_TEXT for code in call.required_sections},
                        duration_months=rng.choice([18, 24, 30, 36]),
                        planned_start=closes + dt.timedelta(days=120),
                        indicators={"RCO01": "2", "RCO87": "1"},
                        status=ApplicationStatus.DRAFT
                        if draft
                        else (ApplicationStatus.WITHDRAWN if withdrawn else ApplicationStatus.SUBMITTED),
                        created_by=self.member_of[lead.pk],
                        submitted_at=submitted,
                    )
                )
        Application.objects.bulk_create(apps, batch_size=500)
        apps = list(Application.objects.filter(call__code__startswith="scale-").select_related("call").order_by("pk"))
        theme_through = Application.themes.through
        theme_through.objects.bulk_create(
            [theme_through(application_id=a.pk, theme_id=rng.choice(self.themes).pk) for a in apps], batch_size=500
        )
        partners = []
        for application in apps:
            others = nl if application.lead_company.country == "BE" else be
            chosen = [application.lead_company, *rng.sample(others, rng.randrange(1, 3))]
            if rng.random() < 0.3:
                chosen.append(rng.choice(be + nl))
            seen = set()
            for order, company in enumerate(chosen):
                if company.pk in seen:
                    continue
                seen.add(company.pk)
                declared = application.submitted_at is not None
                partners.append(
                    Partner(
                        application=application,
                        company=company,
                        is_lead=order == 0,
                        order=order,
                        tasks="Ontwikkeling en test van het prototype.",
                        declarations={"sme": True, "oim": True, "de_minimis": True, "truthful": True}
                        if declared
                        else {},
                        declared_by=self.member_of[company.pk] if declared else None,
                        declared_at=application.submitted_at,
                        confirmed_at=application.submitted_at,
                    )
                )
        Partner.objects.bulk_create(partners, batch_size=500)
        partners = list(Partner.objects.filter(application__in=apps).order_by("application_id", "order"))
        lines = []
        for partner in partners:
            for category, low, high in (("consumables", 20_000, 180_000), ("external", 5_000, 80_000)):
                lines.append(
                    BudgetLine(
                        partner=partner,
                        category=category,
                        description="Materiaal voor het prototype" if category == "consumables" else "Testlabo",
                        supplier="" if category == "consumables" else "Testlabo NV",
                        amount=Decimal(rng.randrange(low * 100, high * 100)) / 100,
                    )
                )
        BudgetLine.objects.bulk_create(lines, batch_size=1000)
        self.apps = apps
        self.partners_of: dict[int, list[Partner]] = {}
        for partner in partners:
            self.partners_of.setdefault(partner.application_id, []).append(partner)
        self.costs_of: dict[int, dict[str, Decimal]] = {}
        for line in lines:
            costs = self.costs_of.setdefault(line.partner.pk, {"consumables": ZERO, "external": ZERO})
            costs[line.category] += line.amount
        self._count("applications", len(apps))
        self._count("partners", len(partners))
        self._count("budget lines", len(lines))

    def _allocation(self, application: Application, rules_of: dict[int, CostRules]) -> dict[int, Decimal]:
        partners = self.partners_of[application.pk]
        costs = [
            PartnerCosts(
                id=str(p.pk),
                role=p.role,
                is_lead=p.is_lead,
                personnel=ZERO,
                consumables=self.costs_of[p.pk]["consumables"],
                external=self.costs_of[p.pk]["external"],
            )
            for p in partners
        ]
        allocation = allocate_grant(costs, rules_of[application.call_id], share_warning=Decimal("1"))
        return {p.pk: allocation.per_partner[str(p.pk)] for p in partners}

    def assessment(self) -> None:
        """Screening of every submitted application of a closed call; in decided calls three assessors score
        each eligible application, the ranking is frozen and the decisions taken."""
        rng = self.rng
        secretariat = self.staff_by_role[Role.SECRETARIAT][0]
        assessors = self.staff_by_role[Role.ASSESSOR]
        criteria_of = {call.pk: list(call.criteria.all()) for call, _state in self.calls_made}
        rules_of = {call.pk: cost_rules(call) for call, _state in self.calls_made}
        state_of = {call.pk: state for call, state in self.calls_made}
        screenings, assignments, scores_plan = [], [], []
        self.eligible_by_call: dict[int, list[Application]] = {}
        for application in self.apps:
            state = state_of[application.call_id]
            if application.status != ApplicationStatus.SUBMITTED or state == "open":
                continue
            unscreened = state == "screening" and rng.random() < 0.4
            if unscreened:
                continue
            eligible = rng.random() < 0.9
            screenings.append(
                Screening(
                    application=application,
                    completeness=Completeness.COMPLETE,
                    eligibility=Eligibility.ELIGIBLE if eligible else Eligibility.INELIGIBLE,
                    ineligible_reason="" if eligible else "Geen kmo in het programmagebied.",
                    screened_by=secretariat,
                )
            )
            if eligible and state == "decided":
                self.eligible_by_call.setdefault(application.call_id, []).append(application)
                assert application.submitted_at is not None  # a submitted application
                for assessor in rng.sample(assessors, 3):
                    submitted = application.submitted_at + dt.timedelta(days=40)
                    assignments.append(
                        Assignment(
                            application=application,
                            assessor=assessor,
                            status=AssignmentStatus.SUBMITTED,
                            fit=round(rng.random(), 3),
                            due_date=submitted.date(),
                            invited_at=submitted - dt.timedelta(days=20),
                            submitted_at=submitted,
                        )
                    )
        Screening.objects.bulk_create(screenings, batch_size=500)
        Assignment.objects.bulk_create(assignments, batch_size=500)
        assignments = list(
            Assignment.objects.filter(application__call__code__startswith="scale-").select_related("application")
        )
        quality = {a.pk: rng.uniform(4.0, 9.5) for a in self.apps}
        for assignment in assignments:
            for criterion in criteria_of[assignment.application.call_id]:
                value = max(0.0, min(10.0, quality[assignment.application_id] + rng.uniform(-1.5, 1.5)))
                scores_plan.append(
                    Score(
                        assignment=assignment,
                        criterion=criterion,
                        score=Decimal(round(value * 2) / 2).quantize(Decimal("0.1")),
                        justification="Goed onderbouwd voorstel met een duidelijke grensoverschrijdende meerwaarde.",
                    )
                )
        Score.objects.bulk_create(scores_plan, batch_size=1000)
        # The committee's consensus per criterion: the assessors' mean, to the half point.
        closes_of = {a.pk: a.call.closes_at for a in self.apps}
        by_pair: dict[tuple[int, int], list[Decimal]] = {}
        for score in scores_plan:
            by_pair.setdefault((score.assignment.application_id, score.criterion.pk), []).append(score.score)
        consensus = [
            ConsensusScore(
                application_id=application_id,
                criterion_id=criterion_id,
                score=Decimal(round(float(sum(values) / len(values)) * 2) / 2).quantize(Decimal("0.1")),
                rationale="Consensus van het comité.",
                recorded_by=secretariat,
                recorded_at=closes_of[application_id] + dt.timedelta(days=60),
            )
            for (application_id, criterion_id), values in by_pair.items()
        ]
        ConsensusScore.objects.bulk_create(consensus, batch_size=1000)
        self._count("consensus scores", len(consensus))
        self._count("screenings", len(screenings))
        self._count("assignments", len(assignments))
        self._count("scores", len(scores_plan))
        self._rankings(quality, rules_of, secretariat)

    def _rankings(self, quality: dict[int, float], rules_of: dict[int, CostRules], secretariat: User) -> None:
        rng = self.rng
        decided = [call for call, state in self.calls_made if state == "decided"]
        quota = {
            call.pk: self.n_grants // len(decided) + (1 if i < self.n_grants % len(decided) else 0)
            for i, call in enumerate(decided)
        }
        decisions, self.grant_plan = [], []
        ineligible = {
            s.application_id
            for s in Screening.objects.filter(application__call__in=decided, eligibility=Eligibility.INELIGIBLE)
        }
        for call in decided:
            eligible = sorted(self.eligible_by_call.get(call.pk, []), key=lambda a: -quality[a.pk])
            entries, funded_total = [], ZERO
            decided_at = call.closes_at + dt.timedelta(days=75)
            for rank, application in enumerate(eligible, start=1):
                grant = self._allocation(application, rules_of)
                requested = sum(grant.values(), ZERO)
                score = Decimal(str(round(quality[application.pk] * 10, 2))).quantize(CENT)
                if rank <= quota[call.pk] and score >= Decimal("60"):
                    status, granted, reserve = FUNDED, requested, None
                    funded_total += requested
                elif score >= Decimal("60") and rank <= quota[call.pk] + 5:
                    status, granted, reserve = RESERVE, ZERO, rank - quota[call.pk]
                else:
                    status, granted, reserve = BELOW_THRESHOLD, ZERO, None
                entries.append(FrozenEntry(application.pk, status, rank, score, requested, granted, reserve))
                self.grant_plan.append((application, status, granted, reserve, grant, decided_at))
            for application in self.apps:
                if application.call_id == call.pk and application.pk in ineligible:
                    entries.append(FrozenEntry(application.pk, INELIGIBLE, None, None, ZERO, ZERO, None))
            call.budget = funded_total or Decimal("300000.00")
            call.save(update_fields=["budget"])
            ranking = Ranking.objects.create(
                call=call,
                budget=call.budget,
                policy="skip",
                overall_threshold=Decimal("60"),
                thresholds={c.code: "5" for c in call.criteria.all()},
                entries=entries_to_json(entries),
                frozen_by=secretariat,
                frozen_at=decided_at - dt.timedelta(days=5),
            )
            for application, status, granted, reserve, _grant, at in self.grant_plan:
                if application.call_id != call.pk:
                    continue
                outcome = {FUNDED: Outcome.APPROVE, RESERVE: Outcome.RESERVE}.get(status, Outcome.REJECT)
                decisions.append(
                    Decision(
                        application=application,
                        ranking=ranking,
                        outcome=outcome,
                        reasons="Rangschikking van het comité."
                        if outcome != Outcome.REJECT
                        else "De score ligt onder de financieringslijn.",
                        granted=granted,
                        reserve_position=reserve,
                        language="nl",
                        decided_by=secretariat,
                        decided_at=at,
                        objection_deadline=at + dt.timedelta(days=30),
                    )
                )
        Decision.objects.bulk_create(decisions, batch_size=500)
        self._count("rankings (frozen)", len(decided))
        self._count("decisions", len(decisions))
        _ = rng

    def grants(self) -> None:
        decisions = {d.application_id: d for d in Decision.objects.filter(ranking__call__code__startswith="scale-")}
        grants, funded = [], []
        for application, status, granted, _reserve, per_partner, at in self.grant_plan:
            if status != FUNDED:
                continue
            grants.append(
                Grant(application=application, decision=decisions[application.pk], total=granted, created_at=at)
            )
            funded.append((application, per_partner))
        Grant.objects.bulk_create(grants, batch_size=500)
        grant_of = {g.application_id: g for g in Grant.objects.filter(application__call__code__startswith="scale-")}
        shares = []
        for application, per_partner in funded:
            for partner in self.partners_of[application.pk]:
                assert partner.company_id is not None  # every generated partner is a company
                shares.append(
                    GrantShare(
                        grant=grant_of[application.pk],
                        partner=partner,
                        company_id=partner.company_id,
                        amount=per_partner[partner.pk],
                    )
                )
        GrantShare.objects.bulk_create(shares, batch_size=500)
        self.funded = funded
        self._count("grants", len(grants))
        self._count("grant shares", len(shares))
        self._agreements(grant_of)

    def _agreements(self, grant_of: dict[int, Grant]) -> None:
        rng = self.rng
        secretariat = self.staff_by_role[Role.SECRETARIAT][0]
        agreements = []
        for n, (application, _per_partner) in enumerate(self.funded, start=1):
            grant = grant_of[application.pk]
            call = application.call
            assert application.planned_start is not None  # every generated application has one
            start = max(application.planned_start, grant.created_at.astimezone(BRUSSELS).date() + dt.timedelta(days=30))
            start = start.replace(day=1)
            end = project_end(start, application.duration_months)
            if end < self.today - dt.timedelta(days=200):
                status = "closed" if rng.random() < 0.8 else "closing"
            elif end < self.today:
                status = "closing"
            elif start > self.today:
                status = "offered"
            else:
                status = "running"
            agreements.append(
                Agreement(
                    grant=grant,
                    reference=f"CR-BENCH-{call.code[6:]}-{n:04d}",
                    status=status,
                    start_date=start,
                    end_date=end,
                    advance_share=call.advance_share,
                    report_interval_months=call.report_interval_months,
                    interim_report_due_months=call.interim_report_due_months,
                    final_report_months=call.final_report_months,
                    created_at=grant.created_at,
                    created_by=secretariat,
                    accepted_at=None if status == "offered" else grant.created_at + dt.timedelta(days=14),
                    closed_at=_moment(end + dt.timedelta(days=150)) if status == "closed" else None,
                )
            )
        Agreement.objects.bulk_create(agreements, batch_size=500)
        agreements = list(Agreement.objects.filter(reference__startswith="CR-BENCH-").select_related("grant"))
        share_of = {
            (s.grant_id, s.partner_id): s for s in GrantShare.objects.filter(grant__in=[a.grant for a in agreements])
        }
        members, versions = [], []
        for agreement in agreements:
            versions.append(
                BudgetVersion(
                    agreement=agreement,
                    number=1,
                    status="approved",
                    end_date=agreement.end_date,
                    created_at=agreement.created_at,
                    created_by=secretariat,
                    approved_at=agreement.created_at,
                )
            )
            for partner in self.partners_of[agreement.grant.application_id]:
                share = share_of[(agreement.grant_id, partner.pk)]
                assert partner.company_id is not None  # every generated partner is a company
                members.append(
                    AgreementPartner(
                        agreement=agreement,
                        partner=partner,
                        company_id=partner.company_id,
                        grant_share=share,
                        is_lead=partner.is_lead,
                        accepted_at=agreement.accepted_at,
                        accepted_by=self.member_of[partner.company_id] if agreement.accepted_at else None,
                    )
                )
        BudgetVersion.objects.bulk_create(versions, batch_size=500)
        AgreementPartner.objects.bulk_create(members, batch_size=500)
        version_of = {v.agreement_id: v for v in BudgetVersion.objects.filter(agreement__in=agreements)}
        members = list(
            AgreementPartner.objects.filter(agreement__in=agreements).select_related("grant_share", "agreement")
        )
        lines, version_shares = [], []
        for member in members:
            version = version_of[member.agreement_id]
            assert member.partner_id is not None and member.grant_share is not None  # generated with both
            costs = self.costs_of[member.partner_id]
            for category in ("personnel", "consumables", "external"):
                lines.append(
                    BudgetVersionLine(
                        version=version, agreement_partner=member, category=category, eligible=costs.get(category, ZERO)
                    )
                )
            version_shares.append(
                BudgetVersionShare(version=version, agreement_partner=member, grant=member.grant_share.amount)
            )
        BudgetVersionLine.objects.bulk_create(lines, batch_size=1000)
        BudgetVersionShare.objects.bulk_create(version_shares, batch_size=1000)
        self._count("agreements", len(agreements))
        self._count("agreement partners", len(members))
        self._periods(agreements, members)

    def _periods(self, agreements: list[Agreement], members: list[AgreementPartner]) -> None:
        periods = []
        for agreement in agreements:
            for period in reporting_periods(
                start=agreement.start_date,
                end=agreement.end_date,
                interval_months=agreement.report_interval_months,
                interim_due_months=agreement.interim_report_due_months,
                final_due_months=agreement.final_report_months,
            ):
                periods.append(
                    ReportingPeriod(
                        agreement=agreement,
                        number=period.number,
                        kind="final" if period.final else "interim",
                        starts_on=period.starts_on,
                        ends_on=period.ends_on,
                        due_on=period.due_on,
                    )
                )
        ReportingPeriod.objects.bulk_create(periods, batch_size=1000)
        self._count("reporting periods", len(periods))
        self._claims(agreements, members)

    def _claims(self, agreements: list[Agreement], members: list[AgreementPartner]) -> None:
        """For every period that has ended: a progress report (a few overdue) and a cost claim per partner; the
        older ones verified and paid, the latest waiting in finance's worklist."""
        rng = self.rng
        finance = self.staff_by_role[Role.FINANCE]
        periods = list(ReportingPeriod.objects.filter(agreement__in=agreements, ends_on__lt=self.today))
        members_of: dict[int, list[AgreementPartner]] = {}
        for member in members:
            members_of.setdefault(member.agreement_id, []).append(member)
        reports, claims = [], []
        for period in periods:
            due_passed = period.due_on < self.today
            if due_passed and rng.random() < 0.06:
                continue  # overdue: no report, no claim
            recent = not due_passed or period.due_on > self.today - dt.timedelta(days=60)
            submitted_at = _moment(min(period.due_on, self.today) - dt.timedelta(days=rng.randrange(0, 20)))
            reports.append(
                ProgressReport(
                    period=period,
                    status="submitted" if recent else "accepted",
                    work_done={"1": "Het prototype is gebouwd en getest."},
                    milestones="Prototype getest.",
                    prototype_status="testing",
                    submitted_at=submitted_at,
                    reviewed_at=None if recent else submitted_at + dt.timedelta(days=20),
                )
            )
            for member in members_of[period.agreement_id]:
                status = rng.choice(["submitted", "verified", "returned"]) if recent else "approved"
                claims.append(
                    CostClaim(
                        period=period,
                        agreement_partner=member,
                        status=status,
                        created_at=submitted_at - dt.timedelta(days=10),
                        submitted_by=self.member_of[member.company_id],
                        submitted_at=submitted_at,
                        verified_by=rng.choice(finance) if status in ("verified", "approved") else None,
                        verified_at=submitted_at + dt.timedelta(days=15)
                        if status in ("verified", "approved")
                        else None,
                        approved_by=finance[0] if status == "approved" else None,
                        approved_at=submitted_at + dt.timedelta(days=25) if status == "approved" else None,
                    )
                )
        ProgressReport.objects.bulk_create(reports, batch_size=1000)
        CostClaim.objects.bulk_create(claims, batch_size=1000)
        self._count("progress reports", len(reports))
        self._count("cost claims", len(claims))
        self._lines_and_payments(agreements, members)

    def _lines_and_payments(self, agreements: list[Agreement], members: list[AgreementPartner]) -> None:
        """Claim lines (a share of the partner's budget per period) and the payments: an advance on acceptance,
        then 50 % of each approved claim's accepted costs, never beyond the partner's grant share."""
        rng = self.rng
        finance = self.staff_by_role[Role.FINANCE]
        member_by_pk = {m.pk: m for m in members}
        claims = list(
            CostClaim.objects.filter(agreement_partner__in=members)
            .select_related("period")
            .order_by("period__starts_on", "pk")
        )
        lines, accepted_of = [], {}
        for claim in claims:
            member = member_by_pk[claim.agreement_partner_id]
            assert member.partner_id is not None  # generated with its application partner
            costs = self.costs_of[member.partner_id]
            n_periods = max(1, (member.agreement.end_date - member.agreement.start_date).days // 365 + 1)
            accepted_sum = ZERO
            for category in ("consumables", "external"):
                amount = _money(costs[category] / n_periods * Decimal(str(rng.uniform(0.7, 1.0))))
                verified = claim.status in ("verified", "approved")
                reduced = verified and rng.random() < 0.1
                accepted = _money(amount * Decimal("0.8")) if reduced else amount
                if verified:
                    accepted_sum += accepted
                lines.append(
                    ClaimLine(
                        claim=claim,
                        category=category,
                        description="Materiaal" if category == "consumables" else "Testlabo",
                        supplier="Leverancier BV",
                        invoice_number=f"F{claim.pk}-{category[:3]}",
                        invoice_date=claim.period.ends_on - dt.timedelta(days=30),
                        paid_on=claim.period.ends_on - dt.timedelta(days=10),
                        amount=amount,
                        decision=("reduced" if reduced else "accepted") if verified else "pending",
                        accepted_amount=accepted if verified else None,
                        decision_reason="Deel van de factuur valt buiten de projectperiode." if reduced else "",
                        decided_by=claim.verified_by if verified else None,
                        decided_at=claim.verified_at if verified else None,
                    )
                )
            accepted_of[claim.pk] = accepted_sum
        ClaimLine.objects.bulk_create(lines, batch_size=1000)
        payments = []
        remaining = {m.pk: m.grant_share.amount for m in members}  # type: ignore[union-attr]  # generated with a share
        for member in members:
            if member.accepted_at is None or remaining[member.pk] <= 0:
                continue
            advance = _money(member.grant_share.amount * member.agreement.advance_share)  # type: ignore[union-attr]
            remaining[member.pk] -= advance
            payments.append(self._payment(member, None, "advance", advance, "paid", member.accepted_at, finance))
        for claim in claims:
            if claim.status not in ("verified", "approved"):
                continue
            member = member_by_pk[claim.agreement_partner_id]
            amount = min(_money(accepted_of[claim.pk] * Decimal("0.5")), remaining[member.pk])
            if amount <= 0:
                continue
            remaining[member.pk] -= amount
            status = (
                rng.choice(["paid"] * 6 + ["approved", "ordered", "returned"])
                if claim.status == "approved"
                else "proposed"
            )
            payments.append(self._payment(member, claim, "interim", amount, status, claim.verified_at, finance))
        Payment.objects.bulk_create(payments, batch_size=1000)
        self._count("claim lines", len(lines))
        self._count("payments", len(payments))

    def _payment(self, member, claim, kind, amount, status, at, finance):
        approved = status != "proposed"
        return Payment(
            agreement_partner=member,
            claim=claim,
            kind=kind,
            amount=amount,
            status=status,
            explanation="Voorschot op de subsidie." if kind == "advance" else "50 % van de aanvaarde kosten.",
            proposed_by=finance[0],
            proposed_at=at,
            approved_by=finance[-1] if approved else None,
            approved_at=at + dt.timedelta(days=3) if approved else None,
            paid_on=(at + dt.timedelta(days=10)).date() if status == "paid" else None,
            returned_on=(at + dt.timedelta(days=12)).date() if status == "returned" else None,
            return_reason="Rekening afgesloten." if status == "returned" else "",
        )


def already_generated() -> bool:
    return Call.objects.filter(code__startswith="scale-").exists()


def generate(programme: Programme, *, scale: float, seed: int = SEED, today: dt.date | None = None) -> Scaled:
    """Fill the database with a programme of `scale` (1 = 5,000 companies, 2,000 applications, 500 grants).
    Does nothing when a scaled programme is already there."""
    from crossroads.core import clock

    if already_generated():
        return Scaled(created=False)
    generator = Generator(programme, scale, seed, today or clock.today_brussels())
    steps = [
        ("staff", generator.staff),
        ("companies", generator.companies),
        ("matching", generator.matching),
        ("calls", generator.calls),
        ("applications", generator.applications),
        ("assessment", generator.assessment),
        ("grants, agreements, claims, payments", generator.grants),
    ]
    with transaction.atomic():
        for name, step in steps:
            generator._timed(name, step)
    return generator.result
