"""Races on a live server: several gunicorn workers and the task worker write the same database at once.

What a user relies on: saving a draft or opening a page never fails because someone else (or the worker) is
writing; a double submission gives one submission and the second click the same, successful, answer; two people
saving the same part at the same moment give one save and a conflict screen, never a server error."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import pytest
from bench.reliability.harness import Browser, Stack, shared_form
from bench.reliability.mailbox import read_mailbox

JSON = {"Accept": "application/json"}


def logged_in(live: Stack, email: str) -> Browser:
    """A browser that passed the login form (PBKDF2 makes this slow: used for one device per race)."""
    browser = Browser(live.base)
    browser.login(email, live.seed["password"])
    return browser


def with_session(live: Stack, session_key: str) -> Browser:
    """A browser of a user who logged in earlier (the seed made the session)."""
    browser = Browser(live.base)
    browser.use_session(session_key)
    return browser


def at_once(*calls: Any) -> list[Any]:
    """Run the calls in threads released by one barrier, so the requests reach the server together."""
    barrier = threading.Barrier(len(calls))

    def run(call: Any) -> Any:
        barrier.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return [f.result(timeout=120) for f in [pool.submit(run, c) for c in calls]]


def wait_for(condition: Any, timeout: float = 40.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


def test_pages_and_draft_saves_never_fail_while_the_worker_writes(live: Stack) -> None:
    seed = live.seed
    # The worker gets real work (PDFs and e-mails of four submissions) and holds the write lock 200 ms at a time.
    for consortium in seed["consortia"][12:16]:
        browser = with_session(live, consortium["lead_session"])
        response = browser.post(f"/applications/{consortium['application']}/submit/", {"idempotency_key": "w"})
        assert response.status_code == 302
    live.query(
        "from bench.reliability.tasks import write_burst\n"
        "result = [write_burst.enqueue(rows=200, hold_ms=200).id for _ in range(25)]"
    )
    browsers = [(with_session(live, a["session"]), a) for a in seed["applicants"]]
    window_start = time.time()
    stop_at = time.monotonic() + 8

    def session(browser: Browser, applicant: dict[str, Any]) -> list[tuple[str, int, Any]]:
        seen, version, n = [], applicant["version"], 0
        path = f"/applications/{applicant['application']}/"
        while time.monotonic() < stop_at:
            n += 1
            page = browser.get(path, kind="page")
            seen.append(("page", page.status_code, None))
            data = shared_form(seed, version=version, title=f"Eigen project, versie {n}", text=f"Concept {n}")
            saved = browser.post(f"{path}shared/", data, kind="save", headers=JSON)
            body = saved.json() if saved.headers.get("Content-Type", "").startswith("application/json") else None
            seen.append(("save", saved.status_code, body))
            if saved.status_code == 200:
                version = body["version"]
        return seen

    with ThreadPoolExecutor(len(browsers)) as pool:
        results = [r for f in [pool.submit(session, b, a) for b, a in browsers] for r in f.result(timeout=120)]
    window_end = time.time()

    assert [r for r in results if r[1] >= 500] == [], live.server_errors()
    saves = [r for r in results if r[0] == "save"]
    assert len(saves) >= 2 * len(browsers)
    assert all(status == 200 and body["saved"] for _kind, status, body in saves), Counter(r[1] for r in saves)
    assert all(status == 200 for kind, status, _body in results if kind == "page")
    # The worker really wrote during the window (else this test proves nothing).
    state = live.query(
        "from django_tasks_db.models import DBTaskResult\n"
        "from crossroads.applications.models import Application\n"
        "import datetime as dt\n"
        f"start = dt.datetime.fromtimestamp({window_start}, dt.UTC)\n"
        f"end = dt.datetime.fromtimestamp({window_end}, dt.UTC)\n"
        "result = {'overlapping': DBTaskResult.objects.filter(finished_at__gte=start, started_at__lte=end).count(),\n"
        f"  'versions': dict(Application.objects.filter(pk__in={[a['application'] for a in seed['applicants']]})"
        ".values_list('pk', 'lock_version'))}"
    )
    assert state["overlapping"] >= 5
    versions = state["versions"]
    for applicant in seed["applicants"]:  # every save the browser saw is in the database: none lost
        mine = [r for b, a in browsers if a is applicant for r in b.timings if r[0] == "save" and r[1] == 200]
        assert versions[str(applicant["application"])] == applicant["version"] + len(mine)
    assert [e for e in live.server_errors() if "database is locked" in e] == []


@pytest.mark.parametrize(("first", "same_key"), [(0, True), (3, False)])
def test_two_simultaneous_submissions_give_one_submission(live: Stack, first: int, same_key: bool) -> None:
    """A double click (same key) or two tabs (two keys): one submission, one PDF task, one e-mail, two successes."""
    consortia = live.seed["consortia"][first : first + 3]
    for consortium in consortia:
        one, two = logged_in(live, consortium["lead_email"]), with_session(live, consortium["lead_session"])
        keys = [uuid.uuid4().hex] * 2 if same_key else [uuid.uuid4().hex, uuid.uuid4().hex]
        path = f"/applications/{consortium['application']}/submit/"
        responses = at_once(
            partial(one.post, path, {"idempotency_key": keys[0]}),
            partial(two.post, path, {"idempotency_key": keys[1]}),
        )
        assert [r.status_code for r in responses] == [302, 302], live.server_errors()
        for browser, response in zip((one, two), responses, strict=True):
            shown = browser.messages_after(response)  # the login's welcome and the submission's confirmation
            assert shown and {level for level, _text in shown} == {"success"}, shown
    ids = [c["application"] for c in consortia]
    state = live.query(
        "from crossroads.applications.models import Application, Submission\n"
        "from django_tasks_db.models import DBTaskResult\n"
        f"ids = {ids}\n"
        "subs = list(Submission.objects.filter(application__in=ids).values_list('application_id', 'pk'))\n"
        "pdf = DBTaskResult.objects.filter(task_path__endswith='render_and_send_pdf_task')\n"
        "tasks = [t.args_kwargs['args'] for t in pdf]\n"
        "result = {'subs': subs, 'tasks': tasks,\n"
        "  'status': sorted(set(Application.objects.filter(pk__in=ids).values_list('status', flat=True)))}"
    )
    assert sorted(a for a, _pk in state["subs"]) == sorted(ids)  # exactly one each
    submission_ids = [pk for _a, pk in state["subs"]]
    assert sorted(a[0] for a in state["tasks"] if a[0] in submission_ids) == sorted(submission_ids)
    assert state["status"] == ["submitted"]
    titles = {f"Grensproject {live.seed['consortia'].index(c)}" for c in consortia}

    def mails() -> list[str]:
        return [m["subject"] for m in read_mailbox(live.mail_dir) if m["subject"].split(": ", 1)[-1] in titles]

    assert wait_for(lambda: len(mails()) >= len(consortia))
    time.sleep(1)
    assert sorted(Counter(mails()).values()) == [1] * len(consortia)


def test_simultaneous_saves_of_the_shared_part_give_one_save_and_a_conflict(live: Stack) -> None:
    seed = live.seed
    for consortium, wants_json in zip(seed["consortia"][6:9], (True, False, True), strict=True):
        one, two = logged_in(live, consortium["lead_email"]), with_session(live, consortium["lead_session"])
        path = f"/applications/{consortium['application']}/shared/"
        headers = JSON if wants_json else {}
        version = consortium["version"]
        responses = at_once(
            partial(one.post, path, shared_form(seed, version=version, title="Versie A", text="A"), headers=headers),
            partial(two.post, path, shared_form(seed, version=version, title="Versie B", text="B"), headers=headers),
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == ([200, 409] if wants_json else [302, 409]), (statuses, live.server_errors())
        loser = next(r for r in responses if r.status_code == 409)
        winner = next(r for r in responses if r.status_code != 409)
        if wants_json:
            assert loser.json()["version"] == version + 1 and winner.json()["version"] == version + 1
        else:
            assert 'name="title"' in loser.text  # the conflict page keeps what the loser typed
        winner_title = "Versie A" if winner is responses[0] else "Versie B"
        saved = live.query(
            "from crossroads.applications.models import Application\n"
            f"a = Application.objects.get(pk={consortium['application']})\n"
            "result = [a.lock_version, a.title]"
        )
        assert saved == [version + 1, winner_title]


def test_simultaneous_saves_of_a_partner_part_give_one_save_and_a_conflict(live: Stack) -> None:
    for consortium in live.seed["consortia"][9:12]:
        one, two = logged_in(live, consortium["partner_email"]), with_session(live, consortium["partner_session"])
        path = f"/applications/{consortium['application']}/partners/{consortium['partner']}/"
        version = consortium["partner_version"]
        responses = at_once(
            partial(one.post, path, {"action": "part", "role": "core", "tasks": "Taken A", "version": str(version)}),
            partial(two.post, path, {"action": "part", "role": "core", "tasks": "Taken B", "version": str(version)}),
        )
        assert sorted(r.status_code for r in responses) == [302, 409], live.server_errors()
        winner = "Taken A" if responses[0].status_code == 302 else "Taken B"
        saved = live.query(
            "from crossroads.applications.models import Partner\n"
            f"p = Partner.objects.get(pk={consortium['partner']})\n"
            "result = [p.lock_version, p.tasks]"
        )
        assert saved == [version + 1, winner]
