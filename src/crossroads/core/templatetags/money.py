from decimal import Decimal

from django import template

from crossroads.core.formatting import format_money, format_number

register = template.Library()


@register.filter
def euro(value: Decimal | None) -> str:
    return format_money(value)


@register.filter
def number(value: Decimal | None) -> str:
    return format_number(value)
