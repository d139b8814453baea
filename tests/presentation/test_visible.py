"""The reader of visible text and its offences, on small examples (the demo-wide test relies on them)."""

from __future__ import annotations

from .visible import Codes, offences, visible_text

CODES = Codes(anywhere=frozenset({"cross_border", "de_minimis", "partner.not_eligible"}), dutch=frozenset({"energy"}))


def test_visible_text_skips_scripts_styles_attributes_and_typed_names():
    text, empty = visible_text(
        '<p title="cross_border">Hallo <a href="/x/cross_border/">wereld</a></p><script>var a = "None";</script>'
        "<style>p{}</style><dl><dt><code>legal_name</code></dt><dd>Naam</dd></dl>"
    )
    assert "Hallo" in text and "wereld" in text and "Naam" in text
    assert "cross_border" not in text and "None" not in text and "legal_name" not in text
    assert empty == []


def test_empty_bullets_are_found_but_not_bullets_with_a_control():
    _text, empty = visible_text("<ul><li>Eén</li><li> </li><li><input type=checkbox></li><li><b></b></li></ul>")
    assert len(empty) == 2


def test_offences():
    def found(text: str, language: str = "nl") -> list[str]:
        return offences(text, language, CODES)

    assert found("Thema's: energy")
    assert not found("Themes: energy", "en")  # an ordinary English word on an English page
    assert not found("The energy transition needs partners.", "nl")  # an English sentence is not a code
    assert found("Sectie “cross_border” is leeg")  # a code in quotes is still a code
    assert found("cross_border", "en") and found("partner.not_eligible", "en")
    assert not found("Zie https://example.org/cross_border/ of mail naar de_minimis@example.org")
    assert found("Begroting: None") and found("None", "en")
    assert not found("None yet.", "en")
    assert found("{'a': 1}") and found("['x', 'y']")
    assert not found("Kosten [€] en (zie bijlage)")
