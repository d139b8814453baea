from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Read-only figures over the whole programme: KPIs against the targets, the funnel, the Interreg indicators,
    exports and the yearly report. It reads every app and writes nothing (no models)."""

    name = "crossroads.insights"
    label = "insights"
    verbose_name = _("Programme insights")
