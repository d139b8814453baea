"""After a crash nothing stays half done: a task whose worker was killed runs again, and a submission whose web
process died before its PDF task was queued gets the task (manage.py tasks_recover, docs/operations.md)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import pytest
from bench.reliability.harness import Stack
from bench.reliability.mailbox import read_mailbox

from .conftest import ENGINES

TASKS = "django_tasks_database_dbtaskresult"


@pytest.fixture(params=ENGINES)
def stack(request: pytest.FixtureRequest) -> Iterator[Stack]:
    with Stack(request.param, name="crash") as created:
        created.prepare(consortia=1, applicants=0, closes_in=3600)
        created.manage("db_worker", "--batch", "--no-startup-delay")  # the seed's embedding tasks
        yield created


def statuses(stack: Stack) -> dict[str, int]:
    return dict(stack.sql(f"SELECT status, count(*) FROM {TASKS} GROUP BY status"))


def wait_for(condition, timeout: float = 40.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.2)
    return value


def test_a_task_of_a_killed_worker_runs_again_after_tasks_recover(stack: Stack) -> None:
    stack.query(
        "from bench.reliability.tasks import write_burst\nresult = str(write_burst.enqueue(rows=5, hold_ms=8000).id)"
    )
    stack.start_worker()
    assert wait_for(lambda: statuses(stack).get("RUNNING"))
    stack.stop_worker(kill=True)  # SIGKILL in the middle of the task
    stack.start_worker()
    time.sleep(3)
    assert statuses(stack).get("RUNNING") == 1  # django-tasks alone never takes it again
    stack.stop_worker()
    stack.manage("tasks_recover")
    stack.start_worker()
    assert wait_for(lambda: not statuses(stack).get("RUNNING") and not statuses(stack).get("READY"))
    assert statuses(stack).get("FAILED") is None
    written = stack.sql("SELECT count(*) FROM core_auditevent WHERE verb = 'reliability.write_burst'")[0][0]
    assert written == 5  # the killed run was rolled back; the re-run wrote once


def test_a_submission_whose_pdf_task_was_never_queued_gets_it(stack: Stack) -> None:
    """The web process died between the submission's commit and the queueing of its PDF task."""
    submission = stack.query(
        "from crossroads.applications import services\n"
        "from crossroads.applications.models import Application\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "a = Application.objects.get()\n"
        "s = services.application_submit(actor=a.created_by, application=a, idempotency_key='crash')\n"
        "DBTaskResult.objects.filter(task_path__endswith='render_and_send_pdf_task').delete()\n"
        "result = s.pk"
    )
    out = stack.manage("tasks_recover")
    assert "1 missing PDF task" in out
    stack.start_worker()
    assert wait_for(lambda: stack.sql(f"SELECT pdf FROM applications_submission WHERE id = {submission}")[0][0])
    assert wait_for(lambda: [m for m in read_mailbox(stack.mail_dir) if m["attachments"]])
    time.sleep(1)
    assert len([m for m in read_mailbox(stack.mail_dir) if m["attachments"]]) == 1
    assert "0 missing PDF task" in stack.manage("tasks_recover")  # once queued, never twice


@pytest.fixture(params=ENGINES)
def ranked(request: pytest.FixtureRequest) -> Iterator[Stack]:
    """One consortium submitted and ranked, its PDF e-mail sent, a decision recorded: its letter task is queued."""
    with Stack(request.param, name="crash-letter") as created:
        created.prepare(consortia=1, applicants=0, closes_in=3600, ranked=True)
        created.manage("db_worker", "--batch", "--no-startup-delay")  # embeddings and the submission's PDF e-mail
        created.query(
            "from crossroads.accounts.models import User\n"
            "from crossroads.applications.models import Application\n"
            "from crossroads.assessment.services.decisions import decision_record\n"
            "d = decision_record(actor=User.objects.get(role='secretariat'), application=Application.objects.get(),\n"
            "    outcome='approve', reasons='Goed.')\n"
            "result = d.pk"
        )
        yield created


def test_a_letter_task_killed_after_its_first_email_sends_each_letter_once(ranked: Stack) -> None:
    """The worker dies right after the outbox marked the first partner's letter sent; tasks_recover runs the task
    again, which sends the second partner's letter and not the first one's again."""
    from bench.crash import kill_worker_after_mail

    stack = ranked
    assert len(read_mailbox(stack.mail_dir)) == 1  # the submission's PDF e-mail
    killed = kill_worker_after_mail(stack, watch="outbox")  # one partner has the letter, the other not yet
    assert killed is not None and [task for task, _args in killed["running"]] == ["send_notification"]
    assert len(read_mailbox(stack.mail_dir)) == 2
    assert "Re-queued 1 interrupted task" in stack.manage("tasks_recover")
    stack.start_worker()
    assert wait_for(lambda: set(statuses(stack)) == {"SUCCESSFUL"})
    time.sleep(1)
    seed = stack.seed["consortia"][0]
    lead, partner = seed["lead_email"], seed["partner_email"]
    mails = read_mailbox(stack.mail_dir)
    # With attachments: the submission's PDF to both and each partner's letter; without: the approval also offers
    # the grant agreement to each partner's managers, exactly once as well.
    received = Counter(tuple(m["to"]) for m in mails if m["attachments"])
    assert received == Counter({tuple(sorted([lead, partner])): 1, (lead,): 1, (partner,): 1})
    assert Counter(tuple(m["to"]) for m in mails if not m["attachments"]) == Counter({(lead,): 1, (partner,): 1})
