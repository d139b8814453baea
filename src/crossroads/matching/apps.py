from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "crossroads.matching"
    label = "matching"
    verbose_name = _("Matchmaking")

    def ready(self) -> None:
        from .signals import connect

        connect()
