"""Crash safety: SIGKILL the web server while submissions are in flight and the task worker while it renders PDFs
and sends e-mails; restart; check for half states, resumed tasks and e-mails sent exactly once.

    .venv/bin/python bench/crash.py --engine sqlite
    DATABASE_URL=postgres://crossroads:crossroads@127.0.0.1:5432/crossroads \\
        .venv/bin/python bench/crash.py --engine postgres

Half state: an application marked submitted without exactly one submission (with its snapshot) and a queued PDF
task, or a submission whose application is still a draft. After the restart every client that lost its answer
retries with the same idempotency key, as the page does; the result must still be one submission each.

Decisions (`--part decisions`): a call whose consortia are submitted, scored and ranked (seed_rush --ranked); the
secretariat records a decision on every application at once (one approval in four is a rejection) and gunicorn is
SIGKILLed once a fifth are committed; then the worker is SIGKILLed while it renders decision letters. Half state: a
decision without its audit event, an approval without its grant, a grant whose shares do not add up or lack their de
minimis record, a de minimis record or grant without its decision. Afterwards `tasks_recover` and a restart: every
decision has its letter, and every partner user received each letter exactly once (the outbox)."""

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


def kill_worker_after_mail(stack: Stack, *, watch: str = "outbox", timeout: float = 60) -> dict[str, Any] | None:
    """Start the worker and SIGKILL it as soon as it has sent an e-mail: its task is then RUNNING with (some of)
    its mail gone out, the case an at-least-once queue re-sends. `watch="outbox"`: right after the outbox marked a
    mail sent (what the outbox protects); `watch="mailbox"`: as soon as the message is in the mailbox, before the
    mark is written (the window the outbox leaves). Returns the killed pid and the tasks it held."""

    def seen() -> int:
        if watch == "mailbox":
            return len(list(stack.mail_dir.glob("*.json")))
        return int(stack.sql("SELECT count(*) FROM core_outboxmail WHERE sent_at IS NOT NULL")[0][0])

    # A slow mail server makes the point of the kill certain: 0.5 s before each accept (so the next recipient's
    # message is not out yet after a mark), or 1 s after it (so the mark is not written yet).
    delay = "CROSSROADS_MAIL_DELAY_AFTER_S" if watch == "mailbox" else "CROSSROADS_MAIL_DELAY_BEFORE_S"
    stack.extra_env[delay] = "1" if watch == "mailbox" else "0.5"
    try:
        stack.start_worker()
    finally:
        stack.extra_env.pop(delay)
    assert stack.worker is not None
    pid = stack.worker.pid
    before = seen()
    deadline = time.monotonic() + timeout
    while seen() == before:
        if time.monotonic() > deadline:
            stack.stop_worker()
            return None
        time.sleep(0.002)
    stack.stop_worker(kill=True)
    held = stack.sql(f"SELECT task_path, args_kwargs FROM {TASKS} WHERE status = 'RUNNING'")
    return {"pid": pid, "running": [[path.rsplit(".", 1)[-1], str(args)] for path, args in held]}


def sent_by(stack: Stack, pids: set[int]) -> Counter:
    """(subject, recipients) of the messages that the given (killed) processes sent."""
    return Counter((m["subject"], tuple(m["to"])) for m in read_mailbox(stack.mail_dir) if m.get("pid") in pids)


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


def decision_states(stack: Stack, call: str) -> dict[str, Any]:
    """Decisions of the call, their grants, shares, de minimis records, audit events and letter tasks."""
    return stack.query(
        "from collections import Counter\n"
        "from crossroads.applications.models import Application\n"
        "from crossroads.assessment.models import Decision, Grant, GrantShare\n"
        "from crossroads.companies.models import DeMinimisAid\n"
        "from crossroads.core.models import AuditEvent\n"
        "from django_tasks_db.models import DBTaskResult\n"
        f"apps = list(Application.objects.filter(call__code={call!r}).values_list('pk', flat=True))\n"
        "tasks = Counter(t.args_kwargs['args'][0] for t in\n"
        "    DBTaskResult.objects.filter(task_path__endswith='decision_letter_task'))\n"
        "audited = Counter(int(o) for o in AuditEvent.objects.filter(verb='decision.record')\n"
        "    .values_list('object_id', flat=True))\n"
        "bad, rows = [], []\n"
        "for pk in apps:\n"
        "    decisions = list(Decision.objects.filter(application_id=pk))\n"
        "    grants = list(Grant.objects.filter(application_id=pk))\n"
        "    if len(decisions) > 1 or (not decisions and grants):\n"
        "        bad.append([pk, 'decisions', len(decisions), 'grants', len(grants)])\n"
        "        continue\n"
        "    if not decisions:\n"
        "        rows.append([pk, None, 0, 0])\n"
        "        continue\n"
        "    d = decisions[0]\n"
        "    ok = audited[d.pk] == 1\n"
        "    if d.approved:\n"
        "        shares = list(GrantShare.objects.filter(grant__decision=d)) if len(grants) == 1 else []\n"
        "        ok = ok and len(grants) == 1 and grants[0].total == d.granted and len(shares) == 2\n"
        "        ok = ok and sum(s.amount for s in shares) == d.granted and all(s.de_minimis_id for s in shares)\n"
        "    else:\n"
        "        ok = ok and not grants\n"
        "    if not ok:\n"
        "        bad.append([pk, d.outcome, len(grants)])\n"
        "    rows.append([pk, d.outcome, tasks[d.pk], int(bool(d.letter))])\n"
        "linked = GrantShare.objects.filter(de_minimis__isnull=False, grant__application__call__code="
        f"{call!r}).count()\n"
        "orphans = DeMinimisAid.objects.filter(grant_share__isnull=True).count()  # the seed records none\n"
        "result = {'decided': sum(1 for r in rows if r[1]), 'undecided': sum(1 for r in rows if not r[1]),\n"
        "          'approved': sum(1 for r in rows if r[1] in ('approve', 'approve_conditions')),\n"
        "          'without_letter_task': sum(1 for r in rows if r[1] and not r[2]),\n"
        "          'with_letter': sum(r[3] for r in rows), 'de_minimis_records': linked,\n"
        "          'de_minimis_without_grant': orphans, 'half_states': bad}",
    )


def run_decisions(args: argparse.Namespace) -> dict[str, Any]:
    report: dict[str, Any] = {}
    with Stack(args.engine, name="crash-decisions") as stack:
        seed = stack.prepare(consortia=args.consortia, applicants=0, closes_in=3600, sessions=True, ranked=True)
        stack.manage("db_worker", "--batch", "--no-startup-delay")  # the seed's embedding and PDF tasks first
        earlier_mail = Counter((m["subject"], tuple(m["to"])) for m in read_mailbox(stack.mail_dir))
        stack.start_web(workers=3)
        call, call_id = seed["call"], seed["call_id"]
        page = f"/assessment/calls/{call_id}/decisions/"
        apps = [c["application"] for c in seed["consortia"]]
        outcomes = {app: ("reject" if i % 4 == 3 else "approve") for i, app in enumerate(apps)}
        browsers = {}
        for app in apps:  # one browser each: the secretariat's session in several tabs
            browser = Browser(stack.base)
            browser.use_session(seed["secretariat"]["session"])
            first = browser.get(page)
            assert first.status_code == 200, f"decisions page answered {first.status_code}"
            browsers[app] = browser

        def form(app: int) -> dict[str, Any]:
            prefix = f"a{app}-"
            return {
                "application": app,
                prefix + "outcome": outcomes[app],
                prefix + "reasons": "Beoordeeld volgens de rangschikking.",
                prefix + "conditions": "",
                prefix + "language": "nl",
            }

        answered: dict[int, str] = {}
        barrier = threading.Barrier(len(apps) + 1)

        def decide(app: int) -> None:
            barrier.wait()
            try:
                answered[app] = f"answered {browsers[app].post(page, form(app)).status_code}"
            except requests.RequestException as exc:
                answered[app] = f"lost: {type(exc).__name__}"

        threads = [threading.Thread(target=decide, args=(a,)) for a in apps]
        for thread in threads:
            thread.start()
        barrier.wait()
        began = time.monotonic()
        while stack.sql("SELECT count(*) FROM assessment_decision")[0][0] < max(1, len(apps) // 5):
            if time.monotonic() - began > 60:
                break
            time.sleep(0.01)
        stack.stop_web(kill=True)
        killed_after = round(time.monotonic() - began, 2)
        for thread in threads:
            thread.join(timeout=60)
        report["web_kill"] = {
            "decisions_posted": len(apps),
            "killed_after_s": killed_after,
            "client_outcomes": dict(Counter(o.split(":")[0] for o in answered.values())),
            "after_kill": decision_states(stack, call),
        }
        stack.start_web(workers=3, same_port=True)
        retried = Counter()
        for app, result in answered.items():
            if result != "answered 302":
                response = browsers[app].post(page, form(app))
                # 302: recorded now; 400 with "already taken": the killed request had committed it
                retried[str(response.status_code)] += 1
        report["web_kill"]["retries"] = dict(retried)
        report["web_kill"]["after_retry"] = decision_states(stack, call)
        missing = stack.manage("tasks_recover").strip()  # letter tasks lost with the killed web process
        report["web_kill"]["tasks_recover"] = missing

        kills = 0
        for _ in range(args.worker_kills):
            stack.start_worker()
            if not wait_running(stack, timeout=60):
                break
            time.sleep(args.kill_delay)
            stack.stop_worker(kill=True)
            kills += 1
        stuck = stack.sql(f"SELECT count(*) FROM {TASKS} WHERE status = 'RUNNING'")[0][0]
        stack.manage("tasks_recover")
        after_mail = []
        for _ in range(args.worker_kills):  # killed with a letter half sent (one partner has it, one not yet)
            killed = kill_worker_after_mail(stack, watch="outbox")
            if killed:
                after_mail.append(killed)
                stack.manage("tasks_recover")
        after_mail_sent = sent_by(stack, {k["pid"] for k in after_mail})
        in_window = []
        for _ in range(args.window_kills):  # killed between the SMTP accept and the outbox mark: re-sent once
            killed = kill_worker_after_mail(stack, watch="mailbox")
            if killed:
                in_window.append(killed)
                stack.manage("tasks_recover")
        recovered = stack.manage("tasks_recover").strip()
        stack.start_worker()
        drained = wait_drained(stack, timeout=args.drain)
        time.sleep(2)
        stack.stop_worker()
        final = decision_states(stack, call)
        users = {c["application"]: (c["lead_email"], c["partner_email"]) for c in seed["consortia"]}
        per_mail = Counter((m["subject"], tuple(m["to"])) for m in read_mailbox(stack.mail_dir) if m["attachments"])
        per_mail.subtract(earlier_mail)  # the submissions' PDF e-mails sent before the decisions
        per_mail = +per_mail
        letters = list(per_mail.elements())
        expected = 2 * final["decided"]
        report["worker_kill"] = {
            "kills": kills,
            "kill_delay_s": args.kill_delay,
            "running_after_kills": stuck,
            "kills_right_after_a_mail": len(after_mail),
            "of_which_with_a_letter_half_sent": sum(1 for k in after_mail if k["running"]),
            "letters_sent_by_workers_killed_right_after_a_mail": sum(after_mail_sent.values()),
            "kills_between_smtp_accept_and_outbox_mark": len(in_window),
            "tasks_recover": recovered,
            "drain_after_recovery_s": drained,
            "task_status": task_counts(stack),
            "decisions": final["decided"],
            "approved": final["approved"],
            "de_minimis_records": final["de_minimis_records"],
            "decisions_with_letter": final["with_letter"],
            "letter_mails": len(letters),
            "letter_mails_expected": expected,
            "letter_mails_sent_twice_or_more": sum(1 for n in per_mail.values() if n > 1),
            "partner_users": sum(len(v) for v in users.values()),
            "outbox_sent": stack.sql(
                "SELECT count(*) FROM core_outboxmail WHERE key LIKE 'decision-letter:%' AND sent_at IS NOT NULL"
            )[0][0],
            "half_states": final["half_states"],
            "de_minimis_without_grant": final["de_minimis_without_grant"],
        }
        report["server_errors"] = stack.server_errors()[:3]
    return report


def decisions_bad(report: dict[str, Any]) -> bool:
    final = report["worker_kill"]
    return bool(
        report["web_kill"]["after_kill"]["half_states"]
        or report["web_kill"]["after_retry"]["half_states"]
        or report["web_kill"]["after_retry"]["undecided"]
        or final["half_states"]
        or final["de_minimis_without_grant"]
        or final["decisions_with_letter"] != final["decisions"]
        or final["letter_mails"] - final["letter_mails_expected"] > final["kills_between_smtp_accept_and_outbox_mark"]
        or final["letter_mails"] < final["letter_mails_expected"]
        # the documented window: a kill between the SMTP accept and the outbox mark may re-send that one message
        or final["letter_mails_sent_twice_or_more"] > final["kills_between_smtp_accept_and_outbox_mark"]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=["postgres", "sqlite"], default="sqlite")
    parser.add_argument("--consortia", type=int, default=40)
    parser.add_argument("--worker-kills", type=int, default=3)
    parser.add_argument("--kill-delay", type=float, default=0.3, help="seconds into a running task before the kill")
    parser.add_argument("--drain", type=float, default=300)
    parser.add_argument("--json", help="also write the report here")
    parser.add_argument(
        "--window-kills", type=int, default=1, help="decision letters: kills between the SMTP accept and the mark"
    )
    parser.add_argument("--part", choices=["all", "submissions", "decisions"], default="all")
    args = parser.parse_args()
    reports: dict[str, Any] = {}
    if args.part in ("all", "submissions"):
        reports["submissions"] = run(args)
    if args.part in ("all", "decisions"):
        reports["decisions"] = run_decisions(args)
    text = json.dumps(reports, indent=1, default=str)
    print(text)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    if "decisions" in reports and decisions_bad(reports["decisions"]):
        return 1
    if "submissions" not in reports:
        return 0
    report = reports["submissions"]
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
