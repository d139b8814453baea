"""An e-mail backend that keeps every message as one JSON file in $CROSSROADS_MAIL_DIR, so a test can count what
several processes (web workers, the task worker, a killed one) really sent. For tests and benchmarks only.

$CROSSROADS_MAIL_DELAY_BEFORE_S and $CROSSROADS_MAIL_DELAY_AFTER_S make each send slow (a slow SMTP server) before
and after the message is accepted, so that a crash test can kill a process at a chosen point: between two
recipients' messages, or after the accept but before the sender recorded it."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        folder = Path(os.environ["CROSSROADS_MAIL_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        before = float(os.environ.get("CROSSROADS_MAIL_DELAY_BEFORE_S") or 0)
        after = float(os.environ.get("CROSSROADS_MAIL_DELAY_AFTER_S") or 0)
        for message in email_messages:
            time.sleep(before)
            name = uuid.uuid4().hex
            record = {
                "subject": str(message.subject),
                "to": list(message.to),
                "attachments": len(message.attachments),
                "pid": os.getpid(),
            }
            temporary = folder / f".{name}.tmp"
            temporary.write_text(json.dumps(record), encoding="utf-8")
            temporary.rename(folder / f"{name}.json")  # a reader never sees half a message
            time.sleep(after)
        return len(email_messages)


def read_mailbox(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.json"))]
