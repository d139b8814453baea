from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top floor: pages that gather every area (home, dashboard) and the demo's conductor. It may import any app;
    no app imports it, so `core` stays the ground floor."""

    name = "crossroads.portal"
    label = "portal"
    verbose_name = _("Portal")
