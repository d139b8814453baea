"""Hostile input at scale: every form of the project (found by opening each page of the authorization matrix as an
actor who may use it and reading its <form>s) and every JSON API endpoint gets generated values: any Unicode, NUL
bytes, 100 KB of text, huge and negative numbers, exponents and NaN, malformed ids, formula and markup text, and
the wrong content type. Whatever is sent:

- no server error (500);
- a refused request writes nothing: the row counts of every table of the project are the same before and after
  a 4xx answer, a form re-rendered with 200, or a redirect that carries an error message;
- a 400/409 page, or a form re-rendered after a POST, shows a message (error summary, field error or message);
  a JSON error names it.

Each request runs in a savepoint that is rolled back, so all examples meet the same world. Bounded: a few examples
per form, so the file runs in well under three minutes on SQLite."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import actor_client
from .matrix import OK, matrix_for, routes

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 6
EXAMPLES_PER_API = 10

# Who fills in a form: the first of these the matrix lets in.
PREFERRED_ACTORS = (
    "applicant_a",
    "lead",
    "adviser_region",
    "assessor_assigned",
    "secretariat",
    "partner",
    "admin",
    "anonymous",
)
# Forms that end the session or cannot be told apart from a real action on the test's own account.
SKIPPED_ACTIONS = ("/accounts/logout/", "/admin/", "/i18n/")

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "-0",
    "0",
    "9" * 40,
    "-" + "9" * 30,
    "1e308",
    "1E3",
    "NaN",
    "Infinity",
    "1,5",
    "1.250,50",
    "٣",
    "²",
    "１２",
    "abc",
    "p:abc",
    "c:-1",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "../../etc/passwd",
    "2026-02-30",
    "31-12-2026",
    "99999-12-31",
    "x" * 100_000,
    "é" * 5_000,
]
hostile = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
ENCODINGS = ("multipart", "urlencoded", "json", "text")

ERROR_MARKERS = ('role="alert"', 'class="error', "message-error", "message-warning", "errorlist", "field-error")


# ---------------------------------------------------------------------- reading forms
@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)  # name -> default (hidden values, first option)


class FormParser(HTMLParser):
    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page_url, a.get("action") or self.page_url)
            self._current = Form(urlsplit(action).path, (a.get("method") or "get").lower())
            self.forms.append(self._current)
        elif self._current is not None and a.get("name") and a.get("name") != "csrfmiddlewaretoken":
            if tag in ("input", "textarea", "button"):
                if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                    self._current.fields.setdefault(a["name"], "")
                else:
                    self._current.fields.setdefault(a["name"], a.get("value", ""))
            elif tag == "select":
                self._select = a["name"]
                self._current.fields.setdefault(a["name"], "")
        if tag == "option" and self._select and self._current is not None and not self._current.fields[self._select]:
            self._current.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_on(html: str, page_url: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms


# ---------------------------------------------------------------------- the world's tables
def project_models() -> list:  # type: ignore[type-arg]
    return [m for m in apps.get_models() if m.__module__.startswith("crossroads.") and not m._meta.proxy]


def row_counts(models: list) -> dict[str, int]:  # type: ignore[type-arg]
    return {m._meta.label: m._default_manager.count() for m in models}


def send(client, method: str, target: str, payload: dict[str, str], encoding: str):  # type: ignore[no-untyped-def]
    if method == "get":
        return client.get(target, payload)
    if encoding == "multipart":
        return client.post(target, payload)
    if encoding == "urlencoded":
        return client.post(target, urlencode(payload), content_type="application/x-www-form-urlencoded")
    if encoding == "json":
        return client.post(target, json.dumps(payload), content_type="application/json")
    return client.post(target, "\n".join(f"{k}={v}" for k, v in payload.items()), content_type="text/plain")


def shows_a_message(response) -> bool:  # type: ignore[no-untyped-def]
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/json"):
        body = json.loads(response.content or b"{}")
        return bool(body.get("error") or body.get("errors"))
    if not content_type.startswith("text/html"):
        return True  # a file or plain-text answer carries its own text
    text = response.content.decode("utf-8", "replace")
    return any(marker in text for marker in ERROR_MARKERS)


def error_messages(response) -> list[str]:  # type: ignore[no-untyped-def]
    from django.contrib.messages import constants, get_messages

    request = getattr(response, "wsgi_request", None)
    if request is None or not hasattr(request, "_messages"):
        return []
    return [str(m) for m in get_messages(request) if m.level >= constants.WARNING]


# ---------------------------------------------------------------------- discovery
def first_allowed_actor(expect: dict[str, str]) -> str | None:
    return next((a for a in PREFERRED_ACTORS if expect.get(a) == OK), None)


def discover(world) -> list[tuple[str, Form]]:  # type: ignore[no-untyped-def]
    """(actor, form) for every form found on the matrix's pages, plus POST endpoints whose form was not found on
    a page (their matrix payload's names are used)."""
    found: dict[tuple[str, str], tuple[str, Form]] = {}
    posts: list[tuple[str, str, dict]] = []
    clients: dict[str, object] = {}
    for route in routes():
        if route.route.startswith(("admin/", "i18n/")):
            continue
        for case in matrix_for(route) or []:
            actor = first_allowed_actor(case.expect)
            if actor is None:
                continue
            target = case.url(world.ids)
            if case.method == "POST":
                posts.append((actor, target, case.data(world.ids) if case.data else {}))
                continue
            client = clients.setdefault(actor, actor_client(world, actor))
            with transaction.atomic():
                response = client.get(target)  # type: ignore[attr-defined]
                transaction.set_rollback(True)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            for form in forms_on(response.content.decode("utf-8", "replace"), target):
                if form.action.startswith(SKIPPED_ACTIONS) or not form.fields:
                    continue
                found.setdefault((form.method, form.action), (actor, form))
    for actor, target, data in posts:
        if ("post", target) not in found:
            found[("post", target)] = (actor, Form(target, "post", {k: str(v) for k, v in data.items()} or {"x": ""}))
    return sorted(found.values(), key=lambda item: (item[1].action, item[1].method))


# ---------------------------------------------------------------------- the tests
SETTINGS = settings(
    max_examples=EXAMPLES_PER_FORM,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def probe(client, form: Form, payload: dict[str, str], encoding: str, models) -> str | None:  # type: ignore[no-untyped-def]
    """One hostile request; the problem found, or None."""
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    try:
        with transaction.atomic():
            before = row_counts(models)
            try:
                response = send(client, form.method, form.action, payload, encoding)
            except Exception as exc:  # the test client re-raises what became a 500
                transaction.set_rollback(True)
                return f"500 {type(exc).__name__}: {str(exc)[:300]}"
            after = row_counts(models)
            transaction.set_rollback(True)
    finally:
        client.cookies.clear()
        for key, value in cookies.items():
            client.cookies[key] = value
    status = response.status_code
    if status >= 500:
        return f"{status} server error"
    errors = error_messages(response)
    refused = 400 <= status < 500 or (form.method == "post" and status == 200) or (300 <= status < 400 and errors)
    if refused and before != after:
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        return f"{status}: rows written by a refused request {changed}"
    if form.method == "post" and (status in (400, 409, 422) or status == 200) and not shows_a_message(response):
        return f"{status}: refused without a message"
    return None


def _describe(payload: dict[str, str]) -> dict[str, str]:
    return {k: (v if len(v) <= 40 else f"{v[:20]}...({len(v)} chars)") for k, v in payload.items()}


def form_run(client, actor: str, form: Form, models, findings: dict[tuple, str]):  # type: ignore[no-untyped-def]
    """The hypothesis run for one form: a hostile value in some of its fields, in one of the encodings."""
    names = sorted(form.fields)

    @SETTINGS
    @given(
        changed=st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=len(names)),
        values=st.lists(hostile, min_size=len(names), max_size=len(names)),
        encoding=st.sampled_from(ENCODINGS),
    )
    def run(changed, values, encoding):  # type: ignore[no-untyped-def]
        payload = dict(form.fields)
        for name, value in zip(names, values, strict=True):
            if name in changed:
                payload[name] = value
        problem = probe(client, form, payload, encoding, models)
        if problem:
            # One line per endpoint, encoding and kind of problem, with the first payload that showed it.
            kind = problem.split(":")[0] + (problem.split(":")[1] if problem.startswith("500") else "")
            findings.setdefault(
                (form.method, form.action, encoding, kind),
                f"{form.method.upper()} {form.action} as {actor} ({encoding}) {_describe(payload)}: {problem}",
            )

    return run


def test_no_form_breaks_on_hostile_input(world):
    models = project_models()
    targets = discover(world)
    assert len(targets) >= 30, [f.action for _a, f in targets]
    clients: dict[str, object] = {}
    findings: dict[tuple, str] = {}

    for actor, form in targets:
        client = clients.setdefault(actor, actor_client(world, actor))
        form_run(client, actor, form, models, findings)()

    unique = sorted(findings.values())
    assert not unique, f"{len(unique)} problems:\n" + "\n".join(unique)


API_PARAMS = ("for", "q", "seek", "country", "province", "theme", "size", "nace", "trl_min", "trl_max")
# The open data's own parameters (pagination and the public filters).
API_PARAMS += ("page", "page_size", "year", "status", "call")


def _file_download(response) -> bool:  # type: ignore[no-untyped-def]
    """The open data's CSV and the keep.eu workbook answer a file when the request is valid (refusals stay JSON)."""
    return response.status_code == 200 and response.get("Content-Disposition", "").startswith("attachment")


def api_run(client, target: str, route: str, findings: list[str]):  # type: ignore[no-untyped-def]
    """The hypothesis run for one API endpoint: hostile query values, a malformed id, other methods."""
    with_id = "<" in route

    @settings(
        max_examples=EXAMPLES_PER_API,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        params=st.dictionaries(st.sampled_from(API_PARAMS), hostile, max_size=4),
        bad_id=st.sampled_from(["0", "-1", "9" * 25, "abc", "%00", "٣", "1.5", "null"]),
        method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    )
    def run(params, bad_id, method):  # type: ignore[no-untyped-def]
        urls = [target]
        if with_id:
            # The id is the last number of the path (or, for a slug, the last part): replace it with a malformed one.
            parts = target.split("/")
            numbered = [i for i, part in enumerate(parts) if part and (part.isdigit() or len(part) == 32)]
            index = max(numbered) if numbered else max(i for i, part in enumerate(parts) if part)
            urls.append("/".join([*parts[:index], bad_id, *parts[index + 1 :]]))
        query = urlencode(params, doseq=True)
        for url in urls:
            with transaction.atomic():
                try:
                    response = client.generic(method, url, query if method != "GET" else "", QUERY_STRING=query)
                except Exception as exc:
                    findings.append(f"{method} {url} {params}: 500 {type(exc).__name__}: {str(exc)[:300]}")
                    transaction.set_rollback(True)
                    continue
                transaction.set_rollback(True)
            if response.status_code >= 500:
                findings.append(f"{method} {url} {params}: {response.status_code}")
            elif not response.get("Content-Type", "").startswith("application/json") and not _file_download(response):
                findings.append(
                    f"{method} {url}: {response.status_code} answered {response.get('Content-Type')}, not JSON"
                )

    return run


def test_no_api_endpoint_breaks_on_hostile_input(world):
    findings: list[str] = []
    targets = []
    for route in routes():
        if route.route.startswith("api/v1/") and "openapi" not in route.route:
            for case in matrix_for(route) or []:
                actor = first_allowed_actor(case.expect)
                if actor is not None:
                    targets.append((actor, case.url(world.ids), route.route))
    assert len(targets) >= 5
    clients: dict[str, object] = {}

    for actor, target, route in targets:
        client = clients.setdefault(actor, actor_client(world, actor))
        api_run(client, target, route, findings)()

    unique = sorted(set(findings))
    assert not unique, f"{len(unique)} problems:\n" + "\n".join(unique)
