"""Crash safety: SIGKILL the web server while submissions are in flight and the task worker while it renders PDFs
and sends e-mails; restart; check for half states, resumed tasks and e-mails sent exactly once.

    .venv/bin/python bench/crash.py --engine sqlite
    DATABASE_URL=postgres://crossroads:crossroads@127.0.0.1:5432/crossroads \\
        .venv/bin/python bench/crash.py --engine postgres

Half state: an application marked submitted without exactly one submission (with its snapshot) and a queued PDF
task, or a submission whose application is still a draft. After the restart every client that lost its answer
retries with the same idempotency key, as the page does; the result must still be one submission each."""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.reliability.harness import Browser, Stack
from bench.reliability.mailbox import read_mailbox

TASKS = "django_tasks_database_dbtaskresult"


def half_states(stack: Stack, call: str) -> dict[str, Any]:
    """Applications of the call whose submitted status, submissions and PDF tasks do not agree."""
    state = stack.query(
        "from crossroads.applications.models import Application, Submission\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from collections import Counter\n"
        f"apps = Application.objects.filter(call__code={call!r})\n"
        "tasks = Counter(t.args_kwargs['args'][0] for t in\n"
        "    DBTaskResult.objects.filter(task_path__endswith='render_and_send_pdf_task'))\n"
        "rows = []\n"
        "for a in apps:\n"
        "    subs = list(Submission.objects.filter(application=a))\n"
        "    rows.append([a.pk, a.status, len(subs), all(bool(s.snapshot) for s in subs),\n"
        "                 sum(tasks[s.pk] for s in subs)])\n"
        "result = rows",
    )
    rows = list(state)
    bad = [
        r
        for r in rows
        if (r[1] == "submitted" and (r[2] != 1 or not r[3] or r[4] != 1)) or (r[1] == "draft" and r[2] != 0)
    ]
    return {
        "submitted": sum(1 for r in rows if r[1] == "submitted"),
        "drafts": sum(1 for r in rows if r[1] == "draft"),
        "half_states": bad,
    }


def running(stack: Stack) -> int:
    return int(stack.sql(f"SELECT count(*) FROM {TASKS} WHERE status = 'RUNNING'")[0][0])


def wait_running(stack: Stack, timeout: float) -> bool:
    """Until the worker has taken a task (rows left RUNNING by an earlier kill do not count)."""
    already = running(stack)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running(stack) > already:
            return True
        time.sleep(0.02)
    return False


def task_counts(stack: Stack) -> dict[str, int]:
    return dict(stack.sql(f"SELECT status, count(*) FROM {TASKS} GROUP BY status"))


def wait_drained(stack: Stack, timeout: float) -> float:
    """Until nothing is READY and nothing RUNNING moves any more (RUNNING rows of a killed worker never do)."""
    began, last, same_since = time.monotonic(), None, time.monotonic()
    while time.monotonic() - began < timeout:
        counts = task_counts(stack)
        stuck = counts == last and time.monotonic() - same_since > 10
        if not counts.get("READY") and (not counts.get("RUNNING") or stuck):
            break
        if counts != last:
            last, same_since = counts, time.monotonic()
        time.sleep(0.5)
    return round(time.monotonic() - began, 1)


def run(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {"engine": args.engine, "consortia": args.consortia}
    with Stack(args.engine, name="crash") as stack:
        seed = stack.prepare(consortia=args.consortia, applicants=0, closes_in=3600, sessions=True)
        stack.manage("db_worker", "--batch", "--no-startup-delay")  # clear the seed's embedding tasks first
        stack.start_web(workers=3)
        call = seed["call"]

        # ---- 1. SIGKILL the web server while submissions are in flight
        keys = {c["application"]: uuid.uuid4().hex for c in seed["consortia"]}
        outcome: dict[int, str] = {}
        browsers = {}
        for c in seed["consortia"]:
            browser = Browser(stack.base)
            browser.use_session(c["lead_session"])
            browser.get(f"/applications/{c['application']}/")  # the page the user submits from (CSRF cookie)
            browsers[c["application"]] = browser
        barrier = threading.Barrier(len(browsers) + 1)

        def submit(app: int) -> None:
            barrier.wait()
            try:
                response = browsers[app].post(f"/applications/{app}/submit/", {"idempotency_key": keys[app]})
                outcome[app] = f"answered {response.status_code}"
            except requests.RequestException as exc:
                outcome[app] = f"lost: {type(exc).__name__}"

        threads = [threading.Thread(target=submit, args=(a,)) for a in browsers]
        for thread in threads:
            thread.start()
        barrier.wait()
        # Kill as soon as the first submissions are committed: the others are in the middle of theirs.
        killed_after = time.monotonic()
        while stack.sql("SELECT count(*) FROM applications_submission")[0][0] < max(1, args.consortia // 5):
            if time.monotonic() - killed_after > 60:
                break
            time.sleep(0.01)
        stack.stop_web(kill=True)
        killed_after = round(time.monotonic() - killed_after, 2)
        for thread in threads:
            thread.join(timeout=60)
        report["web_kill"] = {
            "killed_after_s": killed_after,
            "client_outcomes": dict(Counter(o.split(":")[0].split(" ")[0] for o in outcome.values())),
            "after_kill": half_states(stack, call),
        }
        stack.start_web(workers=3, same_port=True)
        retried = 0
        for app, result in outcome.items():
            if not result.startswith("answered 302"):
                retried += 1
                response = browsers[app].post(f"/applications/{app}/submit/", {"idempotency_key": keys[app]})
                assert response.status_code == 302, response.status_code
        after_retry = half_states(stack, call)
        report["web_kill"]["retried"] = retried
        report["web_kill"]["after_retry"] = after_retry
        duplicates = stack.sql(
            "SELECT application_id, count(*) FROM applications_submission GROUP BY application_id HAVING count(*) > 1"
        )
        report["web_kill"]["duplicated_submissions"] = len(duplicates)

        # ---- 2. SIGKILL the worker while it renders PDFs and sends e-mails
        kills = 0
        for _ in range(args.worker_kills):
            stack.start_worker()
            if not wait_running(stack, timeout=60):
                break
            time.sleep(args.kill_delay)
            stack.stop_worker(kill=True)
            kills += 1
        stuck = stack.sql(f"SELECT count(*) FROM {TASKS} WHERE status = 'RUNNING'")[0][0]
        stack.start_worker()
        drained = wait_drained(stack, timeout=args.drain)
        still_stuck = stack.sql(f"SELECT count(*) FROM {TASKS} WHERE status = 'RUNNING'")[0][0]
        stack.stop_worker()
        recovered = stack.manage("tasks_recover").strip()
        stack.start_worker()
        drained_after_recover = wait_drained(stack, timeout=args.drain)
        time.sleep(2)
        stack.stop_worker()
        final = half_states(stack, call)
        mails = [m for m in read_mailbox(stack.mail_dir) if m["attachments"]]
        per_subject = Counter(m["subject"] for m in mails)
        without_pdf = stack.sql("SELECT count(*) FROM applications_submission WHERE pdf = ''")[0][0]
        report["worker_kill"] = {
            "kills": kills,
            "kill_delay_s": args.kill_delay,
            "running_after_kills": stuck,
            "drain_without_recovery_s": drained,
            "still_running_after_restart_without_recovery": still_stuck,
            "tasks_recover": recovered,
            "drain_after_recovery_s": drained_after_recover,
            "task_status": task_counts(stack),
            "submissions": final["submitted"],
            "submissions_without_pdf": without_pdf,
            "submission_mails": len(mails),
            "mails_sent_once": sum(1 for n in per_subject.values() if n == 1),
            "mails_sent_twice_or_more": sum(1 for n in per_subject.values() if n > 1),
            "submissions_without_mail": final["submitted"] - len(per_subject),
            "half_states": final["half_states"],
        }
        report["server_errors"] = stack.server_errors()[:3]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="sqlite")
    parser.add_argument("--consortia", type=int, default=40)
    parser.add_argument("--worker-kills", type=int, default=3)
    parser.add_argument("--kill-delay", type=float, default=0.3, help="seconds into a running task before the kill")
    parser.add_argument("--drain", type=float, default=300)
    parser.add_argument("--json", help="also write the report here")
    args = parser.parse_args()
    report = run(args)
    text = json.dumps(report, indent=1, default=str)
    print(text)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    bad = (
        report["web_kill"]["after_kill"]["half_states"]
        or report["web_kill"]["after_retry"]["half_states"]
        or report["web_kill"]["duplicated_submissions"]
        or report["worker_kill"]["half_states"]
        or report["worker_kill"]["submissions_without_pdf"]
        or report["worker_kill"]["submissions_without_mail"]
    )
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
