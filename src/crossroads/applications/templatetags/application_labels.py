"""Template filters that name the applications area's codes: `{% load application_labels %}` then
`{{ code|section_label }}`, `attachment_label`, `role_label`, `category_label`, `country_label`, and
`person_months` for a work package's effort."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from crossroads.core.formatting import format_number

from .. import labels

register = template.Library()


@register.filter
def section_label(code: str) -> str:
    return labels.section_label(code)


@register.filter
def attachment_label(kind: str) -> str:
    return labels.attachment_label(kind)


@register.filter
def role_label(code: str) -> str:
    return labels.role_label(code)


@register.filter
def category_label(code: str) -> str:
    return labels.category_label(code)


@register.filter
def country_label(code: str | None) -> str:
    return labels.country_label(code)


@register.filter
def person_months(value: Any) -> str:
    """'2,5 persoonsmaanden' / '2.5 person-months'."""
    return _("%(months)s person-months") % {"months": format_number(value, None)}
