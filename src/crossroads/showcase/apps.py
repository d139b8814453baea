from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    """The public face: home page, funded projects (an explicit whitelist of public fields), the stories the
    consortia write and the secretariat approves, earlier editions, the partner organisations and open data."""

    name = "crossroads.showcase"
    label = "showcase"
    verbose_name = _("Public showcase")
