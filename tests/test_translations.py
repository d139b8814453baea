"""Every UI string is translatable and Dutch (the default) is complete; English is the source language."""

from __future__ import annotations

import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "src" / "crossroads" / "locale"
SRC = Path(__file__).resolve().parents[1] / "src" / "crossroads"


def po_entries(path: Path) -> list[dict]:
    """Minimal .po reader: msgid, msgid_plural, msgstr / msgstr[n], flags, where (the source files)."""
    entries, current, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#:"):
            current.setdefault("where", []).extend(place.rsplit(":", 1)[0] for place in line[2:].split())
        elif line.startswith("#"):
            continue
        else:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d)\])?) "(.*)"$', line)
            if match:
                key, index, text = match.groups()
                field = ("msgstr", int(index or 0)) if key.startswith("msgstr") else key
            else:
                text = re.match(r'^"(.*)"$', line).group(1)
            if isinstance(field, tuple):
                current["msgstr"][field[1]] = current["msgstr"].get(field[1], "") + text
            else:
                current[field] = current.get(field, "") + text
    return [e for e in entries if e.get("msgid")]


def test_dutch_catalogue_is_complete():
    entries = po_entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 300
    missing = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not missing, "untranslated:\n" + "\n".join(missing)
    assert not fuzzy, "fuzzy:\n" + "\n".join(fuzzy)


FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")
HOUR_ABBREVIATIONS = re.compile(r"%\(hours\)s u\b|\{h\} u\b")  # "u" for "uur": 7,5 u, nog 2 dagen 3 u 10 min
# Documents with legal effect keep the formal "u": the decision letter and the payment statement (PDFs).
DOCUMENTS = ("templates/assessment/decision_letter.html", "templates/grants/finance/statement.html")


def test_the_dutch_texts_say_je_except_in_official_letters():
    """One form of address: screens and e-mails say "je" (what most of them said); the official documents say "u".
    Both on one screen read as careless, and a new text in the other register is easy to write without noticing."""
    formal = []
    for entry in po_entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po"):
        if entry.get("where") and all(place in DOCUMENTS for place in entry["where"]):
            continue
        for text in entry["msgstr"].values():
            if FORMAL.search(HOUR_ABBREVIATIONS.sub("", text)):
                formal.append(f"{entry['msgid']!r} -> {text!r}")
    assert not formal, "formal 'u' outside the letters:\n" + "\n".join(formal)


def test_placeholders_survive_translation():
    pattern = re.compile(r"%\(\w+\)s|\{\{ ?\w+ ?\}\}")
    for entry in po_entries(LOCALE / "nl" / "LC_MESSAGES" / "django.po"):
        for text in entry["msgstr"].values():
            assert set(pattern.findall(text)) <= set(pattern.findall(entry["msgid"] + entry.get("msgid_plural", ""))), (
                entry["msgid"]
            )
            assert set(pattern.findall(entry["msgid"])) <= set(pattern.findall(text)) or entry.get("msgid_plural"), (
                entry["msgid"]
            )


def test_no_string_is_missing_from_the_catalogue(tmp_path):
    """Run makemessages on a copy of the catalogue: it must not find new strings."""
    import shutil

    from django.core.management import call_command

    work = tmp_path / "crossroads"
    shutil.copytree(SRC, work, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    before = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(work / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    import os

    cwd = os.getcwd()
    os.chdir(work)
    try:
        call_command("makemessages", locale=["nl"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    after = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(work / "locale" / "nl" / "LC_MESSAGES" / "django.po")}
    new = sorted(f"{context or ''}|{msgid}" for context, msgid in after - before)
    assert after - before == set(), "new strings not in the catalogue:\n" + "\n".join(new)


def _unescape(text: str) -> str:
    """A .po string's C escapes (\\n, \\t, \\", \\\\) as the text they stand for."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _plural_count(path: Path) -> int:
    match = re.search(r"nplurals=(\d+)", path.read_text(encoding="utf-8"))
    assert match, f"{path}: no Plural-Forms header"
    return int(match.group(1))


def test_dutch_plural_forms_are_complete():
    path = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
    forms = _plural_count(path)
    incomplete = [
        e["msgid"]
        for e in po_entries(path)
        if e.get("msgid_plural") and sorted(k for k, v in e["msgstr"].items() if v) != list(range(forms))
    ]
    assert not incomplete, f"plural forms missing: {incomplete}"


def test_english_catalogue_has_no_fuzzy_or_half_plural_messages():
    """English is the source language (an empty msgstr shows the msgid), but nothing may be fuzzy, and a plural that
    is translated must be translated in every form."""
    path = LOCALE / "en" / "LC_MESSAGES" / "django.po"
    entries = po_entries(path)
    forms = _plural_count(path)
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    half = [
        e["msgid"]
        for e in entries
        if e.get("msgid_plural")
        and any(e["msgstr"].values())
        and sorted(k for k, v in e["msgstr"].items() if v) != list(range(forms))
    ]
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert not half, f"plural forms missing: {half}"


def test_the_compiled_catalogues_are_up_to_date():
    """The .mo files the server reads carry what the .po files say (a translation merged but not compiled would
    leave the page in English)."""
    import gettext

    for language in ("nl", "en"):
        folder = LOCALE / language / "LC_MESSAGES"
        compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))._catalog  # type: ignore[attr-defined]
        stale = [
            e["msgid"]
            for e in po_entries(folder / "django.po")
            if "fuzzy" not in e["flags"]
            and not e.get("msgid_plural")
            and e["msgstr"].get(0)
            and compiled.get(_unescape(e["msgid"])) is None
        ]
        assert not stale, f"{language}: .mo older than .po (run make messages): {stale[:10]}"


# allauth's pages and forms the platform shows: e-mail and password login, sign-up, password reset and change,
# e-mail verification, logout, re-authentication, and the second factor (TOTP and recovery codes).
ALLAUTH_TEMPLATES = [
    "account/login.html",
    "account/logout.html",
    "account/signup.html",
    "account/signup_closed.html",
    "account/account_inactive.html",
    "account/password_reset.html",
    "account/password_reset_done.html",
    "account/password_reset_from_key.html",
    "account/password_reset_from_key_done.html",
    "account/password_change.html",
    "account/password_set.html",
    "account/reauthenticate.html",
    "account/base_reauthenticate.html",
    "account/verification_sent.html",
    "account/verified_email_required.html",
    "account/email_confirm.html",
    "account/email.html",
    "account/email/*.txt",
    "account/messages/*.txt",
    "mfa/authenticate.html",
    "mfa/reauthenticate.html",
    "mfa/index.html",
    "mfa/totp/*.html",
    "mfa/recovery_codes/*.html",
    "mfa/email/totp_*.txt",
    "mfa/email/recovery_codes_*.txt",
    "mfa/messages/totp_*.txt",
    "mfa/messages/recovery_codes_*.txt",
]
ALLAUTH_MODULES = [
    "account/forms.py",
    "account/adapter.py",
    "account/app_settings.py",
    "mfa/base/forms.py",
    "mfa/totp/forms.py",
    "mfa/recovery_codes/forms.py",
    "mfa/adapter.py",
]
STRING = r"""u?(["'])((?:(?!\{n})[^\\]|\\.)*)\{n}"""
CALL = re.compile(
    r"\b(?:gettext|gettext_lazy|_|pgettext|pgettext_lazy)\(\s*(?:"
    + STRING.format(n=1)
    + r"\s*,\s*)?"
    + STRING.format(n=3)
    + r"\s*[,)]"
)
PLURAL = re.compile(r"\bngettext(?:_lazy)?\(\s*" + STRING.format(n=1) + r"\s*,")


def _allauth_msgids() -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> where it is used, for the templates and forms above (templates read with templatize,
    the way makemessages reads them)."""
    import allauth
    from django.utils.translation.template import templatize

    root = Path(allauth.__file__).parent
    found: dict[tuple[str | None, str], str] = {}
    for pattern in ALLAUTH_TEMPLATES:
        for path in sorted((root / "templates").glob(pattern)):
            code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            for match in CALL.finditer(code):
                found[(match.group(2), match.group(4))] = str(path.relative_to(root))
            for match in PLURAL.finditer(code):
                found[(None, match.group(2))] = str(path.relative_to(root))
    for module in ALLAUTH_MODULES:
        path = root / module
        for match in CALL.finditer(path.read_text(encoding="utf-8")):
            found[(match.group(2), match.group(4))] = module
    return found


def test_the_allauth_pages_we_show_are_dutch():
    """Every allauth string on the login, sign-up, password and second-factor pages and forms has a Dutch
    translation, in allauth's catalogue or ours."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("nl")._catalog  # type: ignore[attr-defined]
    msgids = _allauth_msgids()
    assert len(msgids) > 50
    gaps = []
    for (context, msgid), where in sorted(msgids.items(), key=lambda item: item[1]):
        text = _unescape(msgid)
        key = f"{context}\x04{text}" if context else text
        if not re.search(r"[A-Za-z]", text):
            continue
        if catalogue.get(key) is None and catalogue.get((key, 0)) is None:
            gaps.append(f"{where}: {text!r}")
    assert not gaps, "allauth strings without Dutch:\n" + "\n".join(gaps)
