"""The pure redaction of a company's identity in its anonymous profile (issue 9): every spelling people use."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crossroads.matching.redaction import (
    GENERIC_WORDS,
    LEGAL_FORMS,
    PLACEHOLDER,
    IdentityFacts,
    fold,
    identity_pattern,
    make_redactor,
)

VISIOLAB = IdentityFacts(
    names=("Visiolab Eindhoven BV", "Visiolab Vision Systems"),
    legal_forms=("BV",),
    websites=("https://www.acme-tech.nl/nl/contact",),
    emails=("jan.de.vries@visiolab.nl", "piet1970@gmail.com"),
    identifiers=("12345678", "NL123456789B01"),
)
KEMPEN = IdentityFacts(
    names=("Kempen Kringloop BVBA",), legal_forms=("BVBA",), identifiers=("0403.019.261", "BE0403019261")
)


def leaks(redacted: str, *secrets: str) -> list[str]:
    folded, _ = fold(redacted)
    return [s for s in secrets if fold(s)[0] in folded]


@pytest.mark.parametrize(
    "text",
    [
        "Visiolab Eindhoven BV levert camera's",
        "VISIOLAB EINDHOVEN levert camera's",
        "visiolab eindhoven levert camera's",
        "Visiolab-Eindhoven levert camera's",
        "Visiolab_Eindhoven levert camera's",
        "VisiolabEindhoven levert camera's",
        "Visiolab, Eindhoven B.V. levert camera's",
        "Visiolab Eindhoven b.v. levert camera's",
        "Visiolab  Eindhoven   bv levert camera's",
        "Vísiolab Ëindhoven levert camera's",
        "Visio\u00adlab Eind\u200bhoven levert camera's",
        "ＶＩＳＩＯＬＡＢ levert camera's",
        "Visiolab levert camera's",
        "Visiolab's camera's",
        "Visiolabs camera's",
        "BV Visiolab levert camera's",
        "Visiolab Vision Systems levert camera's",
    ],
)
def test_every_spelling_of_the_name_is_blanked(text):
    redacted = make_redactor(VISIOLAB)(text)
    assert not leaks(redacted, "visiolab"), redacted
    assert PLACEHOLDER in redacted
    assert "camera" in redacted  # the rest of the sentence stays


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Kijk op www.acme-tech.nl/producten", "acme-tech"),
        ("Kijk op https://acme-tech.nl", "acme-tech.nl"),
        ("Kijk op ACME-TECH.NL", "acme-tech"),
        ("Het AcmeTech-team helpt", "acmetech"),
        ("Het acme tech team helpt", "acme tech"),
        ("Acme helpt", "acme"),
        ("Mail jan.de.vries@visiolab.nl", "jan.de.vries"),
        ("Mail info@visiolab.nl", "visiolab.nl"),
        ("Mail piet1970@gmail.com", "piet1970"),
        ("KvK 12345678", "12345678"),
        ("KvK 1234 5678", "1234 5678"),
        ("btw NL123456789B01", "123456789"),
        ("btw NL 1234.56789.B01", "56789"),
        ("RSIN 123456789", "123456789"),
    ],
)
def test_website_mail_and_numbers_are_blanked(text, secret):
    redacted = make_redactor(VISIOLAB)(text)
    assert secret.lower() not in redacted.lower(), redacted


@pytest.mark.parametrize(
    "text",
    [
        "Kempen Kringloop BVBA sorteert",
        "kempen-kringloop bvba sorteert",
        "KEMPEN KRINGLOOP sorteert",
        "Kempen Kringloop B.V.B.A. sorteert",
        "ondernemingsnummer 0403.019.261",
        "BE 0403 019 261",
        "BE0403019261",
        "403.019.261",
    ],
)
def test_belgian_names_and_numbers_are_blanked(text):
    redacted = make_redactor(KEMPEN)(text)
    assert not leaks(redacted, "kempen kringloop", "kempen-kringloop", "403019261", "403.019.261", "403 019 261")


@pytest.mark.parametrize(
    "text",
    [
        "Wij zoeken een partner voor recycling en kringloop van kunststof.",
        "Een bakkerij in Brabant zoekt technologie.",
        "Onze sorteerlijn verwerkt 4 ton per uur in 2024.",
        "Wij werken met tech-partners in Eindhoven.",
    ],
)
def test_ordinary_words_are_left_alone(text):
    """Generic words of a name ("Kringloop", "Tech", a city) stay: blanking them would only mangle the text."""
    facts = IdentityFacts(names=("Kempen Kringloop BV", "Bakkerij Brabant BV"), websites=("https://acme-tech.be",))
    assert make_redactor(facts)(text) == text


def test_accents_and_case_of_the_rest_of_the_text_are_kept():
    text = "Café Ëlise & Visiolab: coöperatie met ÉÉN doel"
    assert make_redactor(VISIOLAB)(text) == f"Café Ëlise & {PLACEHOLDER}: coöperatie met ÉÉN doel"


def test_neighbouring_blanks_merge_and_nothing_to_blank_is_harmless():
    assert make_redactor(VISIOLAB)("Visiolab visiolab.nl 12345678 levert") == f"{PLACEHOLDER} levert"
    assert identity_pattern(IdentityFacts()) is None
    assert make_redactor(IdentityFacts())("Visiolab") == "Visiolab"
    assert make_redactor(VISIOLAB)("") == ""


def test_a_short_name_is_blanked_only_as_a_whole_word():
    redact = make_redactor(IdentityFacts(names=("Ion BV",), legal_forms=("BV",)))
    assert redact("Ion bv levert ionen; ION levert") == f"{PLACEHOLDER} levert ionen; {PLACEHOLDER} levert"


SEPARATORS = st.sampled_from([" ", "-", "_", "", ".", ", ", "  ", " - ", "\u00a0", "\u200b"])
LEGAL_FORM = st.sampled_from(["", " BV", " B.V.", " bv", " b.v", ", B.V.", " NV", " BVBA", " VOF", " CommV"])


def _variant(word: str, style: str) -> str:
    if style == "upper":
        return word.upper()
    if style == "lower":
        return word.lower()
    if style == "title":
        return word.title()
    if style == "accent":
        return word.replace("o", "ó").replace("e", "ë").replace("a", "à")
    return word


NAME_WORD = st.text(alphabet="abcdefghijklmnoprstuvwz", min_size=4, max_size=9).filter(
    lambda w: w not in LEGAL_FORMS and w not in GENERIC_WORDS
)
NO_LETTERS = st.text(alphabet=" .,;:!?()0123456789\n", max_size=20)


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(NAME_WORD, min_size=1, max_size=3, unique=True),
    separator=SEPARATORS,
    legal_form=LEGAL_FORM,
    style=st.sampled_from(["upper", "lower", "title", "accent", "same"]),
    before=NO_LETTERS,
    after=NO_LETTERS,
)
def test_any_spelling_of_any_name_is_blanked(words, separator, legal_form, style, before, after):
    name = " ".join(w.title() for w in words) + " BV"
    written = separator.join(_variant(w, style) for w in words) + legal_form
    redacted = make_redactor(IdentityFacts(names=(name,), legal_forms=("BV",)))(f"{before} {written} {after}")
    folded = fold(redacted)[0]
    assert not [w for w in words if w in folded], redacted
    assert PLACEHOLDER in redacted


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_redaction_never_fails_and_only_removes(text):
    redacted = make_redactor(VISIOLAB)(text)
    # Whatever is not blanked is the original text, in order.
    pieces = redacted.split(PLACEHOLDER)
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0
        position = found + len(piece)


@settings(max_examples=150, deadline=None)
@given(digits=st.text(alphabet="0123456789", min_size=8, max_size=8), sep=st.sampled_from(["", " ", ".", "-", "/"]))
def test_an_enterprise_number_is_blanked_however_it_is_grouped(digits, sep):
    facts = IdentityFacts(identifiers=(digits,))
    written = sep.join([digits[:4], digits[4:]]) if sep else digits
    redacted = make_redactor(facts)(f"Ons nummer: {written}.")
    assert digits not in redacted.replace(sep, "") if sep else digits not in redacted
