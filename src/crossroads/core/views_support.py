"""Small helpers views share, so each view stays: parse input, check permission, call one service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms

from .errors import ServiceError

T = TypeVar("T")


def call_service(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run `call()`; a refused step (`ServiceError`) becomes an error on the form (at its field when the error names
    one the form has, else at the top) and None is returned, so the page is shown again with what was typed."""
    try:
        return call()
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return None
