import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

from crossroads.core.collector import tune_for_serving

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.config.settings")
application = get_wsgi_application()
if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    # A random key per process would log everyone out at each restart and break password-reset links.
    raise ImproperlyConfigured("Set SECRET_KEY in the environment before serving CrossRoads.")

# What is loaded now lives as long as the process: frozen out of the collector, which also collects in smaller
# steps (core/collector.py explains both with the measurements).
tune_for_serving()
