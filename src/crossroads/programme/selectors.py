from __future__ import annotations

from django.conf import settings

from .models import Programme


def current_programme() -> Programme:
    """The programme this installation runs (CROSSROADS_PROGRAMME_CODE), else the most recent one."""
    programme = Programme.objects.filter(code=settings.CROSSROADS_PROGRAMME_CODE).first()
    return programme or Programme.objects.order_by("-start_date").first() or _missing()


def _missing() -> Programme:
    raise Programme.DoesNotExist("No programme loaded: run `python manage.py load_programme`.")
