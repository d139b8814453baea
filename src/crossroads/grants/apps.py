from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "crossroads.grants"
    verbose_name = _("Grant follow-up")

    def ready(self) -> None:
        # Importing these registers what runs when an agreement starts (services.hooks.ON_START): the advance
        # payment and the start mail, in a worker or a command as well as in the web process.
        from . import signals  # noqa: F401  (an approved grant gets its agreement)
        from .messages import agreement as agreement_messages  # noqa: F401
        from .services import payments  # noqa: F401
