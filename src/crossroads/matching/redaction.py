"""Blanking a company's identity out of the texts of its anonymous cooperation profile. Pure: no Django imports.

Owners write their own name into an anonymous profile more often than one would think ("Visiolab levert ..."),
and in every spelling: "VISIOLAB", "visiolab-eindhoven", "Visiolab B.V.", "Visiolab's", "visiolab.nl", their
KBO number. A literal `str.replace` of the legal name catches none of these. So the facts of the company are
turned into one regular expression that is run over a *folded* copy of the text (accents removed, case folded,
invisible characters dropped) while every folded character remembers where it came from in the original; the
matched spans are then blanked in the original text, which keeps its accents and case everywhere else.

What counts as the company's identity:
- each name (legal name, trade names) with and without its legal form (BV, B.V., NV, BVBA, VOF, CommV, SRL ...),
  its words joined by anything short that is not a letter or digit ("Visiolab Eindhoven", "visiolab-eindhoven",
  "VisiolabEindhoven", "Visiolab, Eindhoven");
- the brand word: a name's first word, and any word of the name that is also in its web or e-mail domain, when it is
  distinctive (four letters or more and not a generic word such as "tech", "bakkerij" or "Brabant": blanking those
  would mangle the text and hide nothing);
- the website's host (with and without "www.", with scheme and path) and its second-level label ("acme-tech" from
  acme-tech.be, whose distinctive part "acme" is blanked too, "tech" is not);
- the members' e-mail addresses, and their domains unless it is a public mail provider (gmail.com, telenet.be);
- the enterprise (KBO/KvK) and VAT numbers, digits grouped any way ("0403.019.261", "BE 0403 019 261",
  "403019261").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

PLACEHOLDER = "[…]"

# Legal forms as their letters only (dots and spaces removed): Belgian, Dutch, French, German, English.
LEGAL_FORMS = frozenset(
    {
        "bv", "nv", "bvba", "ebvba", "vof", "commv", "comv", "cv", "cvba", "cvoa", "gcv", "vzw", "ivzw", "esv",
        "srl", "sa", "sprl", "scrl", "sc", "snc", "scs", "asbl", "sca",
        "gmbh", "ag", "kg", "ug", "ltd", "llc", "inc", "plc", "bvio",
        "ua", "wa", "ba", "stichting", "vereniging", "cooperatie", "cooperative",
    }
)  # fmt: skip

# Words too common to be anybody's brand: blanking them would only mangle the profile's text.
GENERIC_WORDS = frozenset(
    """
    the and for van den der het een des les aux with und fur
    company companies bedrijf bedrijven group groep groupe holding holdings partners partner associates
    international internationaal global world europe european benelux euro nederland netherlands holland
    belgie belgium belgique vlaanderen flanders vlaams vlaamse brabant brabantse limburg limburgse zeeland zeeuws
    zeeuwse antwerpen gelderland noord zuid oost west north south east west oostvlaanderen westvlaanderen
    tech techniek technics technology technologies technologie solutions solution systems system systemen
    engineering engineers ingenieurs consult consultancy consulting consultants advies service services diensten
    industries industry industrie industrial productions products producten productie manufacturing fabriek
    innovation innovations innovatie innovaties research labs laboratory laboratorium design studio studios
    energy energie software digital data media food foods agro bio medical medisch care zorg health pharma
    logistics logistiek transport recycling metaal metal metals plastics kunststof kunststoffen machines
    machinebouw automation automatisering robotics ventures capital invest management trading handel
    smart green groen new nieuw online shop home mail info test example bakkerij bouw construct construction
    electric elektro electro elektrotechniek water chemie chemicals chemical textiel textile precision
    """.split()
)

# Public mail providers: their domain says nothing about the company (a full address still does).
PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "hotmail.nl", "outlook.com", "outlook.be",
        "outlook.nl", "live.com", "live.be", "live.nl", "msn.com", "yahoo.com", "yahoo.be", "yahoo.nl",
        "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net", "telenet.be",
        "skynet.be", "proximus.be", "scarlet.be", "ziggo.nl", "kpnmail.nl", "kpnplanet.nl", "planet.nl",
        "home.nl", "hetnet.nl", "xs4all.nl", "chello.nl", "upcmail.nl", "casema.nl", "example.com",
        "example.org", "test.example",
    }
)  # fmt: skip

_MIN_WORD = 4  # a brand word shorter than this ("ab", "ion") matches too much ordinary text
_MIN_NAME = 3  # a whole name may be short ("Ion BV" is called "Ion"), matched as a whole word only
_MIN_IDENTIFIER = 6

# Up to three characters that are not letters or digits between the words of a name; none at all also matches.
_SEP_NAME = r"(?:[^\w]|_){0,3}"
_START = r"(?<![^\W_])"  # not preceded by a letter or digit
_END = r"(?![^\W_])"


@dataclass(frozen=True)
class IdentityFacts:
    """What identifies a company, as plain strings (the Django layer reads them from the models)."""

    names: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    identifiers: tuple[str, ...] = ()


def fold(text: str) -> tuple[str, list[int]]:
    """`text` without accents, in lower case and without invisible characters (zero-width space, soft hyphen),
    and for each character of the result the index of the original character it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                origin.append(index)
    return "".join(out), origin


def _words(text: str) -> list[str]:
    folded, _origin = fold(text)
    return [w for w in re.split(r"[^\w]+|_", folded) if w]


def _strip_legal_form(words: list[str], extra_forms: frozenset[str]) -> list[str]:
    """The words of a name without a legal form at its end or start ("Acme B.V." and "NV Acme" -> ["acme"])."""
    forms = LEGAL_FORMS | extra_forms
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (3, 2, 1):
            if len(words) > size and "".join(words[-size:]) in forms:
                words, changed = words[:-size], True
                break
            if len(words) > size and "".join(words[:size]) in forms:
                words, changed = words[size:], True
                break
    return words


def _letters(word: str) -> str:
    return "".join(re.escape(c) for c in word)


def _legal_form_pattern(extra_forms: frozenset[str]) -> str:
    forms = sorted(LEGAL_FORMS | extra_forms, key=len, reverse=True)
    # "b.v.", "b v", "bv", "B.V" : the letters of a legal form may each be followed by a dot or a space.
    return "(?:" + "|".join(r"[.\s]?".join(re.escape(c) for c in form) + r"\.?" for form in forms) + ")"


def _name_pattern(words: list[str], legal_form: str) -> str:
    core = _SEP_NAME.join(_letters(w) for w in words)
    return f"(?:{legal_form}{_SEP_NAME})?{core}s?(?:{_SEP_NAME}{legal_form})?"


def distinctive(word: str) -> bool:
    return len(word) >= _MIN_WORD and word not in GENERIC_WORDS and not word.isdigit()


def _host(url: str) -> str:
    folded, _origin = fold(url.strip())
    folded = re.sub(r"^[a-z][a-z0-9+.-]*://", "", folded)
    host = re.split(r"[/?#:]", folded, maxsplit=1)[0].strip(".")
    return host[4:] if host.startswith("www.") else host


def _domain_pattern(host: str) -> str:
    labels = [re.escape(label) for label in host.split(".") if label]
    body = r"\s?\.\s?".join(labels)
    return rf"(?:[a-z][a-z0-9+.-]*://)?(?:www\s?\.\s?)?{body}(?:/[^\s]*)?"


def _second_level(host: str) -> str:
    labels = [label for label in host.split(".") if label]
    return labels[-2] if len(labels) >= 2 else ""


def _identifier_patterns(identifier: str) -> list[str]:
    folded, _origin = fold(identifier)
    chars = re.sub(r"[^a-z0-9]", "", folded)
    country = ""
    if len(chars) > 2 and chars[:2] in ("be", "nl"):
        country, chars = chars[:2], chars[2:]
    variants = {chars}
    # The RSIN inside a Dutch VAT number (NL123456789B01), the KBO number inside a Belgian one (BE0403019261).
    variants.update(run for run in re.findall(r"[0-9]+", chars) if len(run) >= 8)
    for value in list(variants):
        if value.startswith("0") and len(value) == 10:
            variants.add(value[1:])  # an old nine-digit KBO number
    out = []
    for value in variants:
        if len(value) < _MIN_IDENTIFIER:
            continue
        body = r"[\s./-]?".join(re.escape(c) for c in value)
        prefix = f"(?:{country}[\\s.-]?)?" if country else r"(?:(?:be|nl)[\s.-]?)?"
        out.append(rf"(?<![a-z0-9]){prefix}{body}(?![0-9])")
    return out


def identity_pattern(facts: IdentityFacts) -> re.Pattern[str] | None:
    """One case-folded pattern for everything that names the company, or None when there is nothing to blank."""
    extra_forms = frozenset("".join(_words(form)) for form in facts.legal_forms if _words(form))
    legal_form = _legal_form_pattern(extra_forms)
    alternatives: list[str] = []
    brand_words: set[str] = set()
    hosts: list[str] = []

    for website in facts.websites:
        host = _host(website)
        if "." in host:
            hosts.append(host)
    mail_hosts: list[str] = []
    for email in facts.emails:
        folded, _origin = fold(email.strip())
        local, at, host = folded.rpartition("@")
        if not at or not local or "." not in host:
            continue
        alternatives.append(rf"{_START}{re.escape(local)}\s?@\s?{re.escape(host)}{_END}")
        if host not in PUBLIC_MAIL_DOMAINS:
            mail_hosts.append(host)
    domain_words: set[str] = set()
    for host in [*hosts, *mail_hosts]:
        alternatives.append(f"{_START}{_domain_pattern(host)}")
        label_words = [w for w in re.split(r"[^\w]+|_", _second_level(host)) if w]
        if label_words and (len(label_words) > 1 or distinctive(label_words[0])):
            alternatives.append(_START + _SEP_NAME.join(_letters(w) for w in label_words) + _END)
        domain_words.update(label_words)
        brand_words.update(w for w in label_words if distinctive(w))

    for name in facts.names:
        words = _words(name)
        if not words:
            continue
        core = _strip_legal_form(words, extra_forms)
        for variant in {tuple(words), tuple(core)}:
            if len("".join(variant)) >= _MIN_NAME and "".join(variant) not in LEGAL_FORMS | extra_forms:
                alternatives.append(_START + _name_pattern(list(variant), legal_form) + _END)
        if len(core) > 1 and distinctive(core[0]):
            brand_words.add(core[0])
        brand_words.update(w for w in core if distinctive(w) and any(w in d or d in w for d in domain_words))

    # Whole names, addresses and labels first, longest first, so that "Visiolab Eindhoven B.V." is blanked as a
    # whole rather than word by word (an alternation takes the first alternative that matches, not the longest).
    alternatives.sort(key=len, reverse=True)
    for word in sorted(brand_words, key=len, reverse=True):
        # "Visiolab's", "Visiolabs", "visiolab-team": the brand word is blanked, what follows it stays.
        alternatives.append(f"{_START}(?:{legal_form}{_SEP_NAME})?{_letters(word)}s?(?:{_SEP_NAME}{legal_form})?{_END}")
    for identifier in facts.identifiers:
        alternatives.extend(_identifier_patterns(identifier))
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def redact_with(pattern: re.Pattern[str] | None, text: str, placeholder: str = PLACEHOLDER) -> str:
    """`text` with every span matching `pattern` (on the folded text) replaced by `placeholder`."""
    if not text or pattern is None:
        return text or ""
    folded, origin = fold(text)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(folded):
        if match.end() == match.start():
            continue
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        # Overlapping blanks, or two with only spaces between them ("Visiolab visiolab.nl"), read as one.
        if spans and (start <= spans[-1][1] or not text[spans[-1][1] : start].strip()):
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], placeholder]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def make_redactor(facts: IdentityFacts, placeholder: str = PLACEHOLDER) -> Callable[[str], str]:
    pattern = identity_pattern(facts)

    def redact(text: str) -> str:
        return redact_with(pattern, text, placeholder)

    return redact
