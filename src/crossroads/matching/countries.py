"""How matchmaking names the sides of the programme's border: the programme's countries (`Programme.countries`),
each with a label in the reader's language. The one place these labels live in matchmaking."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from crossroads.companies.models import Country

# A side named on its own (a result's heading: "Flanders · Antwerp"). Flanders is the Belgian side of this programme.
SIDE_LABELS: dict[str, Promise] = {
    "BE": _("Flanders"),
    "NL": _("Netherlands"),
    "DE": _("Germany"),
    "FR": _("France"),
    "LU": _("Luxembourg"),
}
# A side named within a sentence ("Across the border: Flanders and the Netherlands.").
SIDE_IN_SENTENCE: dict[str, Promise] = {
    **SIDE_LABELS,
    "NL": _("the Netherlands"),
}


def country_label(code: str, *, in_sentence: bool = False) -> str:
    """The side's name; a country without a side label is named by its registration label (Belgium, ...)."""
    table = SIDE_IN_SENTENCE if in_sentence else SIDE_LABELS
    label = table.get(code)
    if label is not None:
        return str(label)
    return str(Country(code).label) if code in Country.values else code


def programme_countries(countries: list[str] | tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """(code, label) for the programme's countries, in the programme's order (the current programme by default)."""
    if countries is None:
        from crossroads.programme.selectors import current_programme

        countries = current_programme().countries
    return [(code, country_label(code)) for code in countries]
