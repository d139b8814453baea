"""What people read on a page, an e-mail or a PDF, and what must never be in it: an internal code, "None", an empty
bullet, or a Python dict or list."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Not read by people: the text of these elements. <code>, <kbd> and <samp> show what people type (the columns of an
# import file), which may be a technical name on purpose.
HIDDEN = {"script", "style", "template", "noscript", "code", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The visible text of an HTML document (no attributes, scripts or styles), and how many list items are empty."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.items: list[list[str]] = []  # the text of each open <li>, innermost last
        self.empty_items: list[str] = []
        self.trail: list[str] = []  # the last bits of text before each empty item, to find it on the page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self.hidden += 1
        elif tag == "li":
            self.items.append([])
        elif tag in ("img", "input", "select", "textarea", "svg", "button") and self.items:
            self.items[-1].append(f"<{tag}>")  # a control or a picture is content
        if tag in ("br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "dt", "dd", "option"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "li" and self.items:
            text = "".join(self.items.pop()).strip()
            if not text:
                before = " ".join("".join(self.parts).split())[-80:]
                self.empty_items.append(before)
            elif self.items:
                self.items[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        self.parts.append(data)
        if self.items:
            self.items[-1].append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def visible_text(html: str) -> tuple[str, list[str]]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.text, parser.empty_items


@dataclass(frozen=True)
class Codes:
    """The known internal codes. `anywhere`: never legitimate text (identifier-like: an underscore, a dot, a digit).
    `dutch`: plain English words that are codes ("energy", "core", "consumables"); on a Dutch page they are a code
    shown as is, on an English page they may be ordinary words, so they are checked on Dutch pages only."""

    anywhere: frozenset[str]
    dutch: frozenset[str]


SRC = Path(__file__).resolve().parents[2] / "src" / "crossroads"
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_.]*[a-z0-9]$")


def _module_codes() -> set[str]:
    """TextChoices values and the keys of every `*_LABELS` table in the platform's modules."""
    from django.db import models

    import crossroads

    codes: set[str] = set()
    for info in pkgutil.walk_packages(crossroads.__path__, "crossroads."):
        if any(part in info.name for part in (".migrations", ".management", ".data", "config.", ".demo")):
            continue
        try:
            module = importlib.import_module(info.name)
        except Exception:
            continue
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, models.TextChoices) and value.__module__ == info.name:
                codes.update(str(v) for v in value.values)
            elif name.isupper() and name.endswith("LABELS") and isinstance(value, dict):
                codes.update(k for k in value if isinstance(k, str))
    return codes


def _check_ids() -> set[str]:
    """The rule ids and severities of the application checks ("partner.not_eligible", "error")."""
    text = (SRC / "applications" / "rules" / "checks.py").read_text(encoding="utf-8")
    ids = set(re.findall(r'Message\(\s*"([a-z_.]+)"', text))
    ids |= set(re.findall(r'^[A-Z]+ = "([a-z_]+)"$', text, re.M))
    return ids


def _data_codes() -> set[str]:
    """Codes the programme data holds: themes, cost categories, criteria, sections and attachments of each call."""
    from crossroads.programme.models import Call, CostCategory, Criterion, Theme

    codes = set(Theme.objects.values_list("code", flat=True))
    codes |= set(CostCategory.objects.values_list("code", flat=True))
    codes |= set(Criterion.objects.values_list("code", flat=True))
    for call in Call.objects.all():
        for attribute in ("required_sections", "idea_sections", "required_attachments"):
            codes.update(getattr(call, attribute, None) or [])
    return codes


def known_codes(dutch_vocabulary: set[str]) -> Codes:
    """Every known code, split as `Codes` says. A code that is also a word of the Dutch catalogue ("partner",
    "budget") is not a code on a Dutch page."""
    codes = {c for c in _module_codes() | _check_ids() | _data_codes() if len(c) >= 3 and IDENTIFIER.match(c)}
    anywhere = {c for c in codes if re.search(r"[_.0-9]", c)}
    plain = {c for c in codes - anywhere if c not in dutch_vocabulary}
    return Codes(frozenset(anywhere), frozenset(plain))


def dutch_vocabulary() -> set[str]:
    """The words of the platform's Dutch catalogue (its translations), lowercased."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("nl")._catalog  # type: ignore[attr-defined]
    words: set[str] = set()
    for _key, value in catalogue.items():
        words.update(w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ]+", str(value)))
    return words


REPR = re.compile(r"""[{\[]\s*['"]|\b(?:Decimal|datetime\.date|datetime\.datetime)\(""")
# "None yet." is English; a rendered None stands alone ("Budget: None", "None · 3").
NONE = re.compile(r"(?<![\w'])None(?![\w']|\s+[a-z])")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
ENGLISH = frozenset(
    "the a an of to and or no on in for is are your you yet with by be can this that not has have".split()
)
DUTCH = frozenset("de het een van en voor met op niet je jouw uw te bij aan naar dit deze nog geen".split())
WORD = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9_.]*[a-z0-9](?![\w@/-]|\.\w)")


def _words(text: str) -> set[str]:
    words: set[str] = set()
    for token in text.split():
        if "://" in token or "@" in token or token.startswith("/"):
            continue  # a link or an address shows its own path
        words.update(WORD.findall(token))
    return words


def _codes_in(line: str, language: str, codes: Codes) -> list[str]:
    shown = {w for w in _words(line) if w in codes.anywhere}
    if language == "nl":
        # Plain English words that are codes, outside quotes (the user's own words) and outside English sentences
        # (a missing translation, which the catalogue check finds, or the user's own text).
        plain = QUOTED.sub(" ", line)
        lowered = {w.lower() for w in re.findall(r"[A-Za-z]+", plain)}
        if not (lowered & ENGLISH and not lowered & DUTCH):
            shown |= {w for w in _words(plain) if w in codes.dutch}
    return sorted(shown)


def offences(text: str, language: str, codes: Codes) -> list[str]:
    """What must not be read in `text` (visible text of a page, an e-mail's subject and body)."""
    found: list[str] = []
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for line in filter(None, lines):
        if NONE.search(line):
            found.append(f"'None': {line[:160]}")
        if REPR.search(line):
            found.append(f"Python repr: {line[:160]}")
        shown = _codes_in(line, language, codes)
        if shown:
            found.append(f"code {', '.join(shown)}: {line[:160]}")
    return found
