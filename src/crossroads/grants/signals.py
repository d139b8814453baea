"""An approved grant gets its agreement in the same transaction; a grant given up ends it."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from crossroads.assessment.signals import grant_created, grant_renounced


@receiver(grant_created)
def make_agreement(sender: Any, *, grant: Any, actor: Any, **kwargs: Any) -> None:
    from .services.agreement import agreement_create

    agreement_create(actor=actor, grant=grant)


@receiver(grant_renounced)
def end_agreement(sender: Any, *, grant: Any, actor: Any, **kwargs: Any) -> None:
    from .services.agreement import agreement_terminate

    agreement_terminate(actor=actor, grant=grant)
