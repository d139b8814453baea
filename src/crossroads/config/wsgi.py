import gc
import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crossroads.config.settings")
application = get_wsgi_application()
if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    # A random key per process would log everyone out at each restart and break password-reset links.
    raise ImproperlyConfigured("Set SECRET_KEY in the environment before serving CrossRoads.")

# Everything loaded so far (Django, the apps, the templates' machinery) lives as long as the process: frozen, the
# garbage collector stops rescanning it on every collection, which otherwise adds 100-200 ms spikes to long pages
# at programme scale (docs/BENCHMARKS.md).
gc.collect()
gc.freeze()
