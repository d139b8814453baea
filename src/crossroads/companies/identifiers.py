"""Enterprise, VAT and NACE identifiers, checked with python-stdnum. Pure functions."""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.be import vat as be_vat
from stdnum.eu import nace
from stdnum.eu import vat as eu_vat

_KVK = re.compile(r"^[0-9]{8}$")  # ASCII digits: "\d" would also take Arabic-Indic ones


class IdentifierError(ValueError):
    """Carries a code that the form layer turns into a sentence in the user's language."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalise_enterprise_number(country: str, value: str) -> str:
    """BE: KBO/BCE number as '0123.456.789' (mod-97 checked). NL: KvK number, 8 digits."""
    raw = (value or "").strip()
    if country == "BE":
        try:
            digits = be_vat.validate(raw)
        except stdnum_errors.ValidationError as exc:
            raise IdentifierError("be_enterprise_invalid") from exc
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"
    if country == "NL":
        digits = re.sub(r"[\s.-]", "", raw)
        if not _KVK.match(digits):
            raise IdentifierError("kvk_invalid")
        return digits
    raise IdentifierError("country_unknown")


def normalise_vat(country: str, value: str) -> str:
    raw = (value or "").strip()
    if not raw:
        return ""
    if not raw.isascii() or len(raw) > 30:
        raise IdentifierError("vat_invalid")
    try:
        # compact() itself raises for a prefix that is no EU country ("XX123", "1;", "../").
        if not raw[:2].isalpha():  # typed without the country prefix
            raw = country + raw
        compact = eu_vat.validate(eu_vat.compact(raw))
    except stdnum_errors.ValidationError as exc:
        raise IdentifierError("vat_invalid") from exc
    if compact[:2] != country:
        raise IdentifierError("vat_wrong_country")
    return compact


def vat_matches_enterprise_number(country: str, vat: str, enterprise_number: str) -> bool:
    """In Belgium the VAT number is the enterprise number with 'BE' in front."""
    if country != "BE" or not vat:
        return True
    return vat[2:] == enterprise_number.replace(".", "")


def normalise_nace(code: str, revision: str = "2.0") -> str:
    raw = (code or "").strip()
    try:
        compact = nace.validate(raw, revision=revision)
    except stdnum_errors.ValidationError as exc:
        raise IdentifierError("nace_invalid") from exc
    return nace.format(compact)


def nace_label(code: str, revision: str = "2.0") -> str:
    try:
        return nace.get_label(code, revision=revision)
    except (stdnum_errors.ValidationError, KeyError):
        return ""
