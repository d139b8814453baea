"""The one number parser: what Dutch and English users type is read, everything else is refused with a reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crossroads.core.numbers import NumberFormatError, parse_decimal, parse_int_id


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1.250,50", "nl", "1250.50"),
        ("1.250,50", "en", "1250.50"),
        ("1,250.50", "en", "1250.50"),
        ("1,250.50", "nl", "1250.50"),
        ("1250.50", "nl", "1250.50"),
        ("1250,50", "en", "1250.50"),
        ("1 250", "nl", "1250"),
        ("1\u00a0250,5", "nl", "1250.5"),
        ("€ 1.250", "nl", "1250"),
        ("1.250", "nl", "1250"),
        ("1.250", "en", "1.250"),
        ("1,250", "en", "1250"),
        ("1,250", "nl", "1.250"),
        ("1.250.000", "nl", "1250000"),
        ("1,250,000", "nl", "1250000"),
        ("-12,5", "nl", "-12.5"),
        ("0", "nl", "0"),
        ("  42 ", "en", "42"),
    ],
)
def test_reads_what_people_type(text: str, language: str, expected: str) -> None:
    assert parse_decimal(text, language=language) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        "٣",
        "1e3",
        "1E3",
        "NaN",
        "inf",
        "Infinity",
        "1,2,3.4.5",
        "12.34.5",
        "1.2345,6,7",
        "--1",
        "1-",
        ",5",
        "5,",
        "1..2",
        "abc",
        "0x10",
        "1_000",
        "½",
        "１２",
    ],
)
def test_refuses_everything_else(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_decimal(text, language="nl")
    with pytest.raises(NumberFormatError):
        parse_decimal(text, language="en")


def test_empty_is_its_own_reason() -> None:
    with pytest.raises(NumberFormatError) as info:
        parse_decimal("  ", language="nl")
    assert info.value.code == "empty"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("0", None),
        ("-1", None),
        ("٣", None),
        ("9" * 40, None),
        ("1e3", None),
        ("", None),
        (None, None),
        (" 7 ", 7),
    ],
)
def test_ids(text: object, expected: int | None) -> None:
    assert parse_int_id(text) == expected


# The money helpers use the same parser, and display what stored data holds.


@pytest.mark.parametrize("text", ["٣", "1e3", "NaN", "1,2,3,4"])
def test_parse_amount_is_the_strict_parser(text: str) -> None:
    from crossroads.core.money import parse_amount

    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(("text", "expected"), [("1.250,50", "1250.50"), ("1250.50", "1250.50"), ("€ 1 250", "1250")])
def test_parse_amount_reads_dutch_and_plain_notations(text: str, expected: str) -> None:
    from crossroads.core.money import parse_amount

    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("en", "35000.00", "€35,000.00"),  # a frozen ranking's JSON holds strings
        ("nl", "35000.00", "€ 35.000,00"),
        ("en", "-12.5", "-€12.50"),
        ("en", 7, "€7.00"),
        ("nl", Decimal("1e30"), "€ 1.000.000.000.000.000.000.000.000.000.000,00"),
        ("en", "not a number", "–"),
        ("en", "NaN", "–"),
        ("nl", None, "–"),
    ],
)
def test_format_money_accepts_what_stored_data_holds(language: str, value: object, expected: str) -> None:
    from django.utils import translation

    from crossroads.core.formatting import format_money

    with translation.override(language):
        assert format_money(value) == expected  # type: ignore[arg-type]
