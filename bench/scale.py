"""Pages at programme scale: p50/p95 and queries of the dashboards, every list page and the screening overview on a
generated programme (`load_demo --scale N`: N=1 is 5,000 companies, 2,000 applications, 500 grants).

    .venv/bin/python bench/scale.py                 # N=1, 30 requests per page, writes the bench:scale block
    .venv/bin/python bench/scale.py --scale 0.1 --runs 10 --no-write
    .venv/bin/python bench/scale.py --reuse         # keep the database built by an earlier run

The database is a SQLite file in a temporary directory (never var/crossroads.sqlite3); pages are requested with
Django's test client, signed in as the role that uses each page (staff with a completed two-step login), so the
figures are server time without the network and the browser. Targets on 2 cores: dashboard p95 <= 300 ms, every
list page and the screening overview p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DASHBOARD_P95_MS = 300.0
LIST_P95_MS = 150.0


def _setup(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("CROSSROADS_TESTING", "1")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.config.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # 'testserver' allowed, e-mails kept in memory


def build(db: Path, scale: float, log) -> float:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from crossroads.portal.scale import generate
    from crossroads.programme.services import programme_load_default

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    made = generate(programme_load_default(), scale=scale)
    log(f"migrated in {migrated - start:.1f} s, generated in {time.perf_counter() - migrated:.1f} s: {made.counts}")
    return time.perf_counter() - migrated


def _client_for(user):  # type: ignore[no-untyped-def]
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.http import HttpRequest
    from django.test import Client

    client = Client()
    if user is None:
        return client
    client.force_login(user)
    if user.is_staff_role:
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            totp = TOTP.activate(user, "JBSWY3DPEHPK3PXP").instance
        request = HttpRequest()
        request.session = client.session
        request.user = user
        record_authentication(request, user, "password", email=user.email)
        record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
        request.session.save()
    return client


def pages() -> list[tuple[str, str, str, str]]:
    """(label, kind, role, url): every page measured; kind 'dashboard' or 'list'."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from crossroads.programme.models import Call

    calls = Call.objects.filter(code__startswith="scale-").annotate(n=Count("applications"))
    decided = calls.filter(rankings__isnull=False).order_by("-n").first()
    screening = calls.get(code="scale-2026-2")

    def url(name: str, *args: object) -> str | None:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return None

    wanted = [
        ("secretariat dashboard", "dashboard", "secretariat", url("core:dashboard")),
        ("insights dashboard", "dashboard", "secretariat", url("insights:dashboard")),
        ("companies", "list", "secretariat", url("companies:list")),
        ("companies (adviser)", "list", "adviser", url("companies:list")),
        ("cooperation profiles (applicant)", "list", "applicant", url("matching:my_profiles")),
        ("applications (secretariat)", "list", "secretariat", url("applications:mine")),
        ("applications (applicant)", "list", "applicant", url("applications:mine")),
        ("screening overview, call in screening", "list", "secretariat", url("assessment:call", screening.pk)),
        ("screening overview, decided call", "list", "secretariat", url("assessment:call", decided.pk)),
        ("ranking", "list", "secretariat", url("assessment:ranking", decided.pk)),
        ("decisions", "list", "secretariat", url("assessment:decisions", decided.pk)),
        ("grant agreements (secretariat)", "list", "secretariat", url("grants:list")),
        ("finance claims worklist", "list", "finance", url("grants:finance")),
        ("payments", "list", "finance", url("grants:payments")),
        ("overdue reports", "list", "secretariat", url("grants:overdue")),
        ("public projects", "list", "anonymous", url("showcase:projects")),
    ]
    return [(label, kind, role, u) for label, kind, role, u in wanted if u] + [
        (label, kind, role, "") for label, kind, role, u in wanted if not u
    ]


def _users() -> dict[str, object]:
    from django.db.models import Count

    from crossroads.accounts.models import Role, User

    first = User.objects.filter(email__startswith="scale-", email__endswith="@bench.example").order_by("pk")
    applicant = (
        User.objects.filter(role=Role.APPLICANT, email__startswith="scale-applicant-")
        .annotate(n=Count("memberships__company__led_applications"))
        .order_by("-n", "pk")
        .first()
    )
    adviser = first.filter(role=Role.ADVISER).first()
    if adviser is not None and adviser.agency_id is None:
        from crossroads.accounts.models import PartnerOrganisation

        adviser.agency = PartnerOrganisation.objects.filter(code="vlaio").first()
        adviser.save(update_fields=["agency"])
    return {
        "secretariat": first.filter(role=Role.SECRETARIAT).first(),
        "finance": first.filter(role=Role.FINANCE).first(),
        "adviser": adviser,
        "applicant": applicant,
        "anonymous": None,
    }


def measure(runs: int, log) -> list[dict]:  # type: ignore[no-untyped-def]

    from django.db import connection, reset_queries

    users = _users()
    clients = {role: _client_for(user) for role, user in users.items()}
    # As the served application does (config/wsgi.py, core/collector.py): what is loaded at start-up is frozen out
    # of the collector, which collects in smaller steps.
    from crossroads.core.collector import tune_for_serving

    tune_for_serving()
    results = []
    for label, kind, role, url in pages():
        if not url:
            results.append({"label": label, "kind": kind, "role": role, "url": "(not there yet)", "status": "-"})
            continue
        client = clients[role]
        response = client.get(url)  # warm-up (template compilation, caches)
        counted: list[str] = []

        def count(execute, sql, params, many, context, counted=counted):  # type: ignore[no-untyped-def]
            counted.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        ctx = counted
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            reset_queries()
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        target = DASHBOARD_P95_MS if kind == "dashboard" else LIST_P95_MS
        row = {
            "label": label,
            "kind": kind,
            "role": role,
            "url": url,
            "status": response.status_code,
            "queries": len(ctx),
            "p50": statistics.median(times),
            "p95": p95,
            "target": target,
            "bytes": len(response.content),
        }
        log(f"{label:<40} {response.status_code} {len(ctx):>4} q  p50 {row['p50']:7.1f} ms  p95 {p95:7.1f} ms")
        results.append(row)
    return results


def markdown(results: list[dict], info: dict) -> str:
    from common import md_table

    rows = []
    for r in results:
        if "p95" not in r:
            rows.append([r["label"], r["role"], r["url"], "-", "-", "-", "-", "not measured"])
            continue
        ok = "yes" if r["p95"] <= r["target"] and r["status"] == 200 else "**no**"
        rows.append(
            [
                r["label"],
                r["role"],
                f"`{r['url']}`",
                r["status"],
                r["queries"],
                f"{r['p50']:.0f}",
                f"{r['p95']:.0f}",
                f"{ok} (<= {r['target']:.0f})",
            ]
        )
    head = (
        f"*Generated {info['date']} by `bench/scale.py --scale {info['scale']}` on {info['cpu']} "
        f"({info['cores']} cores); {info['runs']} requests per page after one warm-up; load average (1 min) "
        f"{info['load_before']:.2f} before, {info['load_after']:.2f} after; generating the programme took "
        f"{info['generate_s']}.*\n\n"
        f"Programme: {info['counts']}.\n\n"
    )
    return head + md_table(
        ["page", "signed in as", "URL", "status", "queries", "p50 ms", "p95 ms", "meets target"], rows
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file (default: a file in the temp dir)")
    parser.add_argument("--reuse", action="store_true", help="reuse the database file when it exists")
    parser.add_argument("--no-write", action="store_true", help="print results, leave docs/BENCHMARKS.md alone")
    args = parser.parse_args(argv)
    db = args.db or Path(tempfile.gettempdir()) / "crossroads-bench-scale" / f"scale-{args.scale:g}.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    existed = db.exists()
    _setup(db)
    generate_s = "(reused database)"
    if not existed:
        generate_s = f"{build(db, args.scale, log):.1f} s"
    from common import machine

    from crossroads.portal.scale import Scaled  # noqa: F401  (the generator's module must import cleanly)

    info = machine()
    load_before = os.getloadavg()[0]
    results = measure(args.runs, log)
    from crossroads.applications.models import Application
    from crossroads.assessment.models import Grant
    from crossroads.companies.models import Company
    from crossroads.grants.models import CostClaim, Payment

    counts = (
        f"{Company.objects.count():,} companies, {Application.objects.count():,} applications, "
        f"{Grant.objects.count():,} grants, {CostClaim.objects.count():,} cost claims, "
        f"{Payment.objects.count():,} payments"
    )
    info.update(
        scale=f"{args.scale:g}",
        runs=args.runs,
        load_before=load_before,
        load_after=os.getloadavg()[0],
        generate_s=generate_s,
        counts=counts,
    )
    text = markdown(results, info)
    print(text)
    if not args.no_write:
        from common import DOC
        from run import replace_block

        DOC.write_text(replace_block(DOC.read_text(encoding="utf-8"), "scale", text), encoding="utf-8")
        log(f"wrote the bench:scale block of {DOC}")
    failing = [r["label"] for r in results if "p95" in r and (r["p95"] > r["target"] or r["status"] != 200)]
    if failing:
        log(f"over target or not 200: {', '.join(failing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
