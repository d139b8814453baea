"""Put back to work what a crash left behind. Run it before starting `db_worker` (e.g. ExecStartPre).

1. django-tasks' database backend marks a task RUNNING when a worker claims it and has no heartbeat: a worker
   killed in the middle (SIGKILL, OOM, power loss) leaves the task RUNNING for ever and no worker takes it again.
   This command puts such tasks back to READY. With several workers, give --older-than (longer than any task
   runs) so that tasks of living workers are left alone.
2. A submission or a decision is committed first and its task (PDF and e-mail, decision letter) is queued just
   after the commit; a web process killed between the two leaves a submission without its task. This command
   queues the task for every submission without a PDF and every decision without a letter that has no task.

3. With --retry-failed, PDF and letter tasks that FAILED (an SMTP server that was down, say) are queued again.

A re-run does not send an e-mail twice: the PDF and letter tasks send through the outbox (crossroads.core.outbox),
which skips every recipient already marked sent. What remains is a crash between the SMTP server's accept and that
mark (one UPDATE): that one message may go out a second time; see docs/RELIABILITY.md."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from crossroads.core import clock


class Command(BaseCommand):
    help = "Re-queue tasks left RUNNING by a killed worker and queue tasks missing after a killed web process."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--older-than", type=float, default=0, help="only tasks started this many seconds ago")
        parser.add_argument(
            "--retry-failed", action="store_true", help="also queue again the PDF and letter tasks that FAILED"
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        from crossroads.applications.models import Submission
        from crossroads.applications.services import render_and_send_pdf_task
        from crossroads.assessment.models import Decision
        from crossroads.assessment.services.decisions import decision_letter_task

        started_before = clock.now() - dt.timedelta(seconds=options["older_than"])
        with transaction.atomic():
            stuck = DBTaskResult.objects.select_for_update().filter(status="RUNNING", started_at__lte=started_before)
            count = len(stuck)
            if not options["dry_run"]:
                stuck.update(status="READY", started_at=None)
        retried = 0
        if options["retry_failed"]:
            # Safe to run again: their e-mails go through the outbox, so who already had the mail does not again.
            with transaction.atomic():
                failed = DBTaskResult.objects.select_for_update().filter(
                    Q(task_path__endswith="render_and_send_pdf_task")
                    | Q(task_path__endswith="decision_letter_task")
                    | Q(task_path__endswith="send_notification"),
                    status="FAILED",
                )
                # A notification is safe to repeat only with an outbox key (`once`): without one, a recipient served
                # before the failure would get it twice.
                ids = [
                    row.pk
                    for row in failed
                    if not row.task_path.endswith("send_notification")
                    or (row.args_kwargs.get("kwargs") or {}).get("once")
                ]
                retried = len(ids)
                if not options["dry_run"]:
                    DBTaskResult.objects.filter(pk__in=ids).update(status="READY", started_at=None, finished_at=None)
        queued = {"submission": 0, "decision": 0}
        known = DBTaskResult.objects.all()  # without --retry-failed a FAILED task is for a person to look at
        for path, model, field, task, name in (
            ("render_and_send_pdf_task", Submission, "pdf", render_and_send_pdf_task, "submission"),
            ("decision_letter_task", Decision, "letter", decision_letter_task, "decision"),
        ):
            with_task = {row.args_kwargs["args"][0] for row in known.filter(task_path__endswith=path)}
            for pk in model.objects.filter(**{field: ""}).values_list("pk", flat=True):
                if pk not in with_task:
                    queued[name] += 1
                    if not options["dry_run"]:
                        task.enqueue(pk)
        self.stdout.write(
            f"{'Would re-queue' if options['dry_run'] else 'Re-queued'} {count} interrupted task(s); "
            f"queued {queued['submission']} missing PDF task(s) and {queued['decision']} missing letter task(s)."
            + (f" Queued {retried} failed PDF, letter or mail task(s) again." if options["retry_failed"] else "")
        )
