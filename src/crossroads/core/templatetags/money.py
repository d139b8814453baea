from decimal import Decimal

from django import template

from crossroads.core.formatting import format_money, format_number

register = template.Library()


@register.filter
def euro(value: Decimal | int | str | None) -> str:
    """An amount in the user's language; also the strings a frozen ranking's JSON keeps ("35000.00")."""
    return format_money(value)


@register.filter
def number(value: Decimal | int | str | None) -> str:
    return format_number(value)
