from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "crossroads.grants"
    verbose_name = _("Grant follow-up")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (an approved grant gets its agreement)
