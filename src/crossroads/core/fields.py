"""Form fields and widgets every app uses for numbers, dates and ids, so that bad input is refused at the field.

- `LocalizedDecimalField`: reads numbers with `core.numbers.parse_decimal` in the active language and refuses what
  does not fit the database column (max_digits / decimal_places) with a worded message, never a 500.
- `LocalizedIntegerField`: whole numbers through the same parser (no "٢٠٢٤", no "2e3").
- `IsoDateInput`: an `<input type="date">` always carries ISO dates (the browser cannot read "01-02-2027", shows an
  empty field, and the next save would erase the date).
- `SafeModelChoiceField` / `SafeModelMultipleChoiceField`: an id that is not a plain 64-bit number ("٣", 40 digits)
  is an invalid choice, not an OverflowError from the database driver.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .numbers import NumberFormatError, parse_decimal, parse_int_id

NUMBER_MESSAGES = {
    "invalid": _("Enter a number, for example 1250,50 or 1.250."),
    "grouping": _("Check the dots and commas: use one decimal mark and group thousands by three (1.250.000,50)."),
}

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]


def current_language() -> str:
    return (translation.get_language() or "nl")[:2]


class LocalizedDecimalField(forms.DecimalField):
    """A decimal typed the Dutch or English way; shown in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        # A caller's own wording for "not a number" (e.g. "Enter an amount, ...") wins over the general one.
        self._invalid_message = (kwargs.get("error_messages") or {}).get("invalid")
        super().__init__(*args, **kwargs)
        # A text input: type="number" would make the browser refuse a decimal comma before we can read it.
        if not self.widget.is_hidden:
            self.widget.input_type = "text"
            self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(value, language=current_language())
        except NumberFormatError as exc:
            message = NUMBER_MESSAGES["grouping"] if exc.code == "grouping" else None
            message = message or self._invalid_message or NUMBER_MESSAGES["invalid"]
            raise ValidationError(message, code="invalid") from exc

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # min/max/step are for type="number" inputs only; on a text input they would only confuse assistive tech.
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        return attrs


class LocalizedIntegerField(forms.IntegerField):
    """A whole number (a year, a count) read with the same strict parser: Django's IntegerField reads "٢٠٢٤" as 2024."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.widget.is_hidden:  # a hidden lock version stays hidden
            self.widget.input_type = "text"
            self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            number = parse_decimal(value, language=current_language())
        except NumberFormatError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if number != number.to_integral_value() or number.adjusted() > 18:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        for key in ("min", "max", "step"):
            attrs.pop(key, None)
        return attrs


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return value.strftime("%Y-%m-%d")
        return super().format_value(value)


class IsoDateField(forms.DateField):
    widget = IsoDateInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(*args, **kwargs)


class _SafeIdMixin:
    def _checked(self, value: Any) -> Any:
        if value in (None, "") or isinstance(value, int) or hasattr(value, "pk"):
            return value
        if getattr(self, "to_field_name", None):  # chosen by another key than the numeric id: not an id to check
            return value
        if parse_int_id(value) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],  # type: ignore[attr-defined]
                code="invalid_choice",
                params={"value": str(value)[:20]},
            )
        return value


class SafeModelChoiceField(_SafeIdMixin, forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(self._checked(value))


class SafeModelMultipleChoiceField(_SafeIdMixin, forms.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        if value not in (None, "") and not isinstance(value, str) and not self.to_field_name:
            for item in value:
                if parse_int_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": str(item)[:20]}
                    )
        return super().clean(value)
