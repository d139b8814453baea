"""The application's state table: which status may follow which. Services move an application only through
`APPLICATION_STATES` (`move`, or `check` before a conditional UPDATE); nothing else assigns `Application.status`.

- draft -> submitted: the lead submits (`application_submit`).
- submitted -> draft: the lead withdraws before the deadline (`application_withdraw`), or the secretariat invites a
  project idea to write the full proposal (`application_invite_full`).
"""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import ApplicationStatus

APPLICATION_STATES = StateMachine.of(
    "application",
    ApplicationStatus,
    {
        ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED},
        ApplicationStatus.SUBMITTED: {ApplicationStatus.DRAFT},
    },
)
