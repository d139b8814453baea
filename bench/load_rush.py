"""Deadline rush: applicants saving drafts while consortia submit in the last minutes of a call, some in the very
last second, some after it (which must be refused). Time is compressed: the call closes `--window` seconds after
the rush starts.

Runs gunicorn and the django-tasks worker on a fresh database (PostgreSQL from DATABASE_URL, or a SQLite file),
seeds it with `manage.py seed_rush`, plays the rush with one thread per user, then compares what the clients saw
with the database: no lost or duplicated submission, no 5xx, every accepted submission before the deadline, every
request sent after it refused, one PDF task and one e-mail per submission. Prints p50/p95 per request type.

    DATABASE_URL=postgres://crossroads:crossroads@127.0.0.1:5432/crossroads \\
        .venv/bin/python bench/load_rush.py --engine postgres --consortia 100 --applicants 300
    .venv/bin/python bench/load_rush.py --engine sqlite --consortia 30 --applicants 90
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reliability.harness import Browser, Stack, percentile, shared_form
from bench.reliability.mailbox import read_mailbox

JSON = {"Accept": "application/json"}


def plan_submissions(count: int, start: float, deadline: float, rng: random.Random) -> list[tuple[float, str]]:
    """(send time, kind): most spread over the window, then the last second, the deadline second, and later."""
    last_second = max(1, count // 10)  # 23:59:59-style: accepted if the server decides before the deadline
    at_deadline = max(1, count // 20)  # the deadline's own second: must be refused
    after = max(1, count // 20)  # seconds after: must be refused
    spread = count - last_second - at_deadline - after
    times = [(rng.uniform(start, deadline - 2), "window") for _ in range(spread)]
    times += [(deadline - 1 + rng.uniform(0, 0.9), "last_second") for _ in range(last_second)]
    times += [(deadline + rng.uniform(0, 0.9), "deadline_second") for _ in range(at_deadline)]
    times += [(deadline + 1 + rng.uniform(0, 4), "after") for _ in range(after)]
    rng.shuffle(times)
    return times


def sleep_until(moment: float) -> None:
    while (left := moment - time.time()) > 0:
        time.sleep(min(left, 0.5))


def run(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    results: dict[str, Any] = {"engine": args.engine, "consortia": args.consortia, "applicants": args.applicants}
    with Stack(args.engine, name="rush") as stack:
        began = time.time()
        setup_margin = 60 + (args.consortia + args.applicants) * 0.5
        seed = stack.prepare(
            consortia=args.consortia, applicants=args.applicants, closes_in=args.window + setup_margin, sessions=True
        )
        results["seed_seconds"] = round(time.time() - began, 1)
        stack.start_web(workers=args.web_workers, threads=args.threads)
        stack.start_worker()
        deadline = seed["closes_at_epoch"]
        start = max(time.time() + 5, deadline - args.window)
        # Browsers open their application before the rush (session cookie from the seed, CSRF from the page).
        lock = threading.Lock()
        seen: list[dict[str, Any]] = []
        browsers: list[Browser] = []

        def record(**row: Any) -> None:
            with lock:
                seen.append(row)

        def applicant(entry: dict[str, Any]) -> None:
            browser = Browser(stack.base)
            browsers.append(browser)
            browser.use_session(entry["session"])
            path = f"/applications/{entry['application']}/"
            browser.get(path, kind="open")  # before the rush: logged in, the page open
            version, n = entry["version"], 0
            sleep_until(start + rng.uniform(0, args.save_interval))
            while time.time() < deadline + 3:
                n += 1
                if n % 4 == 0:
                    page = browser.get(path, kind="page")
                    record(kind="page", status=page.status_code, sent=time.time(), arrived=time.time())
                data = shared_form(seed, version=version, title=f"Eigen project v{n}", text=f"Concept {n}")
                sent = time.time()
                response = browser.post(f"{path}shared/", data, kind="save", headers=JSON)
                arrived = time.time()
                record(kind="save", status=response.status_code, sent=sent, arrived=arrived, app=entry["application"])
                if response.status_code == 200:
                    version = response.json()["version"]
                time.sleep(rng.uniform(0.5, 1.5) * args.save_interval)
            record(kind="final_version", app=entry["application"], version=version)

        plan = plan_submissions(len(seed["consortia"]), start, deadline, rng)
        double_clicks = set(rng.sample(range(len(seed["consortia"])), k=max(1, len(seed["consortia"]) // 10)))

        def consortium(index: int, entry: dict[str, Any]) -> None:
            browser = Browser(stack.base)
            browsers.append(browser)
            browser.use_session(entry["lead_session"])
            path = f"/applications/{entry['application']}/"
            browser.get(path, kind="open")
            moment, kind = plan[index]
            key = uuid.uuid4().hex
            clicks = 2 if index in double_clicks else 1
            sleep_until(moment)

            def click() -> None:
                sent = time.time()
                response = browser.post(f"{path}submit/", {"idempotency_key": key}, kind="submit")
                arrived = time.time()
                levels = [level for level, _t in browser.messages_after(response)]
                record(
                    kind="submit",
                    plan=kind,
                    status=response.status_code,
                    sent=sent,
                    arrived=arrived,
                    app=entry["application"],
                    accepted="success" in levels and "error" not in levels,
                    refused="error" in levels,
                )

            threads = [threading.Thread(target=click) for _ in range(clicks)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

        threads = [threading.Thread(target=applicant, args=(a,)) for a in seed["applicants"]]
        threads += [threading.Thread(target=consortium, args=(i, c)) for i, c in enumerate(seed["consortia"])]
        results["rush_started_s_before_deadline"] = round(deadline - start, 1)
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.window + 600)

        # ---- what the clients saw against the database
        submits = [r for r in seen if r["kind"] == "submit"]
        accepted_apps = {r["app"] for r in submits if r["accepted"]}
        db = stack.query(
            "from crossroads.applications.models import Application, Submission\n"
            f"call = {seed['call']!r}\n"
            "subs = list(Submission.objects.filter(application__call__code=call)"
            ".values_list('application_id', 'submitted_at'))\n"
            "submitted = list(Application.objects.filter(call__code=call, status='submitted')"
            ".values_list('pk', flat=True))\n"
            "versions = dict(Application.objects.filter(call__code=call).values_list('pk', 'lock_version'))\n"
            "result = {'subs': subs, 'submitted': submitted, 'versions': versions}"
        )
        per_app = Counter(a for a, _at in db["subs"])
        late_in_db = [a for a, at in db["subs"] if _epoch(at) >= deadline]
        sent_after = [r for r in submits if r["sent"] >= deadline]
        lost_saves = [
            r
            for r in seen
            if r["kind"] == "final_version" and db["versions"][str(r["app"])] != r["version"]  # all 200s in the DB
        ]
        five = [r for r in seen if r.get("status", 0) >= 500]
        results["checks"] = {
            "submissions_in_db": len(db["subs"]),
            "applications_submitted_in_db": len(db["submitted"]),
            "accepted_seen_by_clients": len(accepted_apps),
            "lost_submissions (client saw success, none in db)": len(accepted_apps - set(per_app)),
            "unseen_submissions (in db, client saw no success)": len(set(per_app) - accepted_apps),
            "duplicated_submissions": sum(1 for n in per_app.values() if n > 1),
            "double_clicks": len(double_clicks),
            "submitted_at_or_after_deadline": len(late_in_db),
            "sent_at_or_after_deadline": len(sent_after),
            "sent_at_or_after_deadline_but_accepted": sum(1 for r in sent_after if r["accepted"]),
            "refused_although_answered_before_deadline": sum(
                1 for r in submits if r["refused"] and r["arrived"] < deadline
            ),
            "last_second_sent": sum(1 for r in submits if r["plan"] == "last_second"),
            "last_second_accepted": sum(1 for r in submits if r["plan"] == "last_second" and r["accepted"]),
            "saves": sum(1 for r in seen if r["kind"] == "save"),
            "saves_refused_before_deadline": sum(
                1 for r in seen if r["kind"] == "save" and r["status"] != 200 and r["arrived"] < deadline
            ),
            "saves_refused_after_deadline (expected)": sum(
                1 for r in seen if r["kind"] == "save" and r["status"] != 200 and r["arrived"] >= deadline
            ),
            "lost_saves (version in db differs from the last one a client saw)": len(lost_saves),
            "5xx_seen_by_clients": len(five),
            "5xx_or_tracebacks_in_server_logs": len(stack.server_errors()),
        }
        timings = defaultdict(list)
        for browser in browsers:
            for kind, _status, seconds in browser.timings:
                timings[kind].append(seconds)
        results["latency_ms"] = {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.5) * 1000),
                "p95": round(percentile(values, 0.95) * 1000),
                "max": round(max(values) * 1000),
            }
            for kind, values in sorted(timings.items())
        }
        # ---- the worker: one PDF task and one e-mail per submission
        wanted = len(db["subs"])
        drained_at = time.time() + args.drain
        mails: list[dict[str, Any]] = []
        while time.time() < drained_at:
            mails = [m for m in read_mailbox(stack.mail_dir) if m["attachments"]]
            if len(mails) >= wanted:
                break
            time.sleep(2)
        time.sleep(2)
        mails = [m for m in read_mailbox(stack.mail_dir) if m["attachments"]]
        tasks = stack.query(
            "from django_tasks_db.models import DBTaskResult\nfrom collections import Counter\n"
            "rows = DBTaskResult.objects.filter(task_path__endswith='render_and_send_pdf_task')\n"
            "result = dict(Counter(r.status for r in rows))"
        )
        subjects = Counter(m["subject"] for m in mails)
        results["worker"] = {
            "pdf_tasks": tasks,
            "submission_mails": len(mails),
            "mails_sent_twice": sum(1 for n in subjects.values() if n > 1),
            "drained_within_s": round(time.time() - (drained_at - args.drain), 1),
        }
        results["server_errors_sample"] = stack.server_errors()[:3]
    results["machine"] = f"{platform.node()} {platform.machine()} {platform.processor() or ''} cpus={_cpus()}"
    results["python"] = platform.python_version()
    return results


def _epoch(value: str) -> float:
    import datetime as dt

    return dt.datetime.fromisoformat(value).timestamp()


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--consortia", type=int, default=100)
    parser.add_argument("--applicants", type=int, default=300)
    parser.add_argument("--window", type=float, default=180, help="seconds of rush before the deadline")
    parser.add_argument("--save-interval", type=float, default=20, help="mean seconds between an applicant's saves")
    parser.add_argument("--web-workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--drain", type=float, default=600, help="seconds to wait for the worker's PDFs and mails")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args()
    results = run(args)
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    checks = results["checks"]
    failed = (
        checks["lost_submissions (client saw success, none in db)"]
        or checks["unseen_submissions (in db, client saw no success)"]
        or checks["duplicated_submissions"]
        or checks["submitted_at_or_after_deadline"]
        or checks["sent_at_or_after_deadline_but_accepted"]
        or checks["refused_although_answered_before_deadline"]
        or checks["saves_refused_before_deadline"]
        or checks["lost_saves (version in db differs from the last one a client saw)"]
        or checks["5xx_seen_by_clients"]
        or results["worker"]["mails_sent_twice"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
