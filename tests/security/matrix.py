"""The authorization matrix: for every URL pattern of the project, how to build a concrete URL in the security
world (tests/security/conftest.py) and what each actor gets. The outcome classes:

- OK: the page (2xx), or a redirect to a page that is not a login or second-factor page; for a form POST also a
  400/409 re-render with the errors (the request was let in and refused on its content, not on who sent it);
- LOGIN: a redirect to the login page (the site's or the admin's), or 401 from the JSON API;
- FORBIDDEN: 403, a page that says why;
- NOT_FOUND: 404, for objects of other companies (their existence is not revealed);
- MFA: the staff member who did not pass the second factor is kept at the login / second-factor pages (a redirect
  to /accounts/login/, /accounts/2fa/ or the admin login; 401/403 from the API);
- ADMIN: inside the Django admin (page, redirect inside the admin, or the admin's own 403/404 per model permission);
- REACHABLE: anything but a server error (allauth pages whose answer depends on the session's state).

Expectations state the intended rules (each app's permissions.py), not what the code happens to do: a row that
fails is a defect to fix in the view, not in this table."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import ACTORS

OK, LOGIN, FORBIDDEN, NOT_FOUND, MFA, ADMIN, REACHABLE = "ok", "login", "403", "404", "mfa", "admin", "reachable"
SERVER_ERROR, NOT_ALLOWED = "500", "405"

APPLICANTS = ("applicant_a", "applicant_b", "partner", "lead")
ADVISERS = ("adviser_region", "adviser_other")
ASSESSORS = ("assessor_assigned", "assessor_unassigned", "assessor_conflicted")
MANAGERS = ("secretariat", "admin")
LOGGED_IN = tuple(a for a in ACTORS if a not in ("anonymous", "staff_no_mfa"))


@dataclass(frozen=True)
class Case:
    url: Callable[[dict[str, Any]], str]
    expect: dict[str, str]
    method: str = "GET"
    data: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    api: bool = False
    label: str = ""


def rule(default: str, *, anonymous: str = LOGIN, staff_no_mfa: str = MFA, **groups: tuple[str, ...]) -> dict:
    """Expected outcome per actor: `default` for every logged-in actor, then `ok=(...)`, `forbidden=(...)`,
    `not_found=(...)` for the named actors."""
    names = {"ok": OK, "forbidden": FORBIDDEN, "not_found": NOT_FOUND, "login": LOGIN, "admin": ADMIN}
    out = {actor: default for actor in LOGGED_IN}
    for group, actors in groups.items():
        for actor in actors:
            assert actor in LOGGED_IN, actor
            out[actor] = names[group]
    out["anonymous"] = anonymous
    out["staff_no_mfa"] = staff_no_mfa
    return out


# Public pages are the same for everyone; a staff member halfway through the login sees what anyone sees.
PUBLIC = rule(OK, anonymous=OK, staff_no_mfa=OK)
ANY_USER = rule(OK)
SECRETARIAT_ONLY = rule(FORBIDDEN, ok=MANAGERS)
ASSESSOR_ONLY = rule(FORBIDDEN, ok=ASSESSORS)
MATCHMAKING = rule(OK, forbidden=(*ASSESSORS, "finance"))
# Company A: its members, the adviser of its region and the secretariat see it; nobody else learns it exists.
COMPANY_A_VIEW = rule(NOT_FOUND, ok=("applicant_a", "adviser_region", *MANAGERS))
COMPANY_A_EDIT = rule(NOT_FOUND, ok=("applicant_a", *MANAGERS), forbidden=("adviser_region",))
# Application X: its partners and the secretariat.
APPLICATION_VIEW = rule(NOT_FOUND, ok=("lead", "partner", *MANAGERS))
APPLICATION_LEAD = rule(NOT_FOUND, ok=("lead",), forbidden=("partner", *MANAGERS))
APPLICATION_PARTNERS = rule(NOT_FOUND, ok=("lead", "partner"), forbidden=MANAGERS)


def url(name: str, *keys: str) -> Callable[[dict[str, Any]], str]:
    return lambda ids: reverse(name, args=[ids[k] for k in keys])


def path(text: str) -> Callable[[dict[str, Any]], str]:
    return lambda ids: text.format(**ids)


def cases(*items: Case) -> list[Case]:
    return list(items)


MATRIX: dict[str, list[Case]] = {
    # ------------------------------------------------------------------ core
    "core:home": cases(Case(url("core:home"), PUBLIC)),
    "core:dashboard": cases(Case(url("core:dashboard"), ANY_USER)),
    "core:healthz": cases(Case(url("core:healthz"), PUBLIC)),
    "core:openapi": cases(Case(url("core:openapi"), PUBLIC, api=True)),
    "set_language": cases(Case(path("/i18n/setlang/"), PUBLIC, method="POST", data=lambda ids: {"language": "en"})),
    # ------------------------------------------------------------------ companies
    "companies:list": cases(Case(url("companies:list"), ANY_USER)),
    "companies:create": cases(Case(url("companies:create"), rule(OK, forbidden=(*ASSESSORS, "finance")))),
    "companies:detail": cases(Case(url("companies:detail", "company_a"), COMPANY_A_VIEW)),
    "companies:edit": cases(Case(url("companies:edit", "company_a"), COMPANY_A_EDIT)),
    "companies:establishment_add": cases(Case(url("companies:establishment_add", "company_a"), COMPANY_A_EDIT)),
    "companies:establishment_edit": cases(
        Case(url("companies:establishment_edit", "company_a", "establishment_a"), COMPANY_A_EDIT)
    ),
    "companies:figures_add": cases(Case(url("companies:figures_add", "company_a"), COMPANY_A_EDIT)),
    "companies:figures_edit": cases(Case(url("companies:figures_edit", "company_a", "figures_a"), COMPANY_A_EDIT)),
    "companies:aid_add": cases(Case(url("companies:aid_add", "company_a"), COMPANY_A_EDIT)),
    "companies:aid_edit": cases(Case(url("companies:aid_edit", "company_a", "aid_a"), COMPANY_A_EDIT)),
    "companies:holding_add": cases(Case(url("companies:holding_add", "company_a"), COMPANY_A_EDIT)),
    "companies:child_delete": cases(
        Case(path("/companies/{company_a}/aid/{aid_a}/delete/"), COMPANY_A_EDIT, method="POST"),
    ),
    "companies:invite": cases(Case(url("companies:invite", "company_a"), COMPANY_A_EDIT)),
    "companies:invitation_accept": cases(Case(url("companies:invitation_accept", "invitation_token"), ANY_USER)),
    "companies:import_upload": cases(Case(url("companies:import_upload"), rule(FORBIDDEN, ok=(*ADVISERS, *MANAGERS)))),
    "companies:import_template": cases(
        Case(url("companies:import_template"), rule(FORBIDDEN, ok=(*ADVISERS, *MANAGERS)))
    ),
    # An import batch is its author's only.
    "companies:import_preview": cases(
        Case(url("companies:import_preview", "batch"), rule(NOT_FOUND, ok=("adviser_region",)))
    ),
    "companies:import_commit": cases(
        Case(url("companies:import_commit", "batch"), rule(NOT_FOUND, ok=("adviser_region",)), method="POST")
    ),
    # ------------------------------------------------------------------ matchmaking
    "matching:find": cases(Case(url("matching:find"), MATCHMAKING)),
    "matching:my_profiles": cases(Case(url("matching:my_profiles"), ANY_USER)),
    # Only members create a profile for a company; others who may see A are told why, the rest get 404.
    "matching:profile_create": cases(
        Case(
            url("matching:profile_create", "company_a"),
            rule(NOT_FOUND, ok=("applicant_a",), forbidden=("adviser_region", *MANAGERS)),
        )
    ),
    "matching:profile_detail": cases(
        Case(url("matching:profile_detail", "profile_a"), rule(OK, not_found=(*ASSESSORS, "finance")))
    ),
    "matching:profile_edit": cases(
        Case(
            url("matching:profile_edit", "profile_a"),
            rule(FORBIDDEN, ok=("applicant_a",), not_found=(*ASSESSORS, "finance")),
        )
    ),
    "matching:profile_status": cases(
        Case(
            url("matching:profile_status", "profile_a"),
            rule(NOT_FOUND, ok=("applicant_a",)),
            method="POST",
            data=lambda ids: {"status": "draft"},
        )
    ),
    # Interest is company to company: every applicant with a company may open the form; staff have none.
    "matching:interest_create": cases(
        Case(path("/partners/interest/p:{profile_a}/"), rule(FORBIDDEN, ok=APPLICANTS)),
    ),
    "matching:interests": cases(Case(url("matching:interests"), ANY_USER)),
    "matching:interest_answer": cases(
        Case(
            url("matching:interest_answer", "interest"),
            rule(NOT_FOUND, ok=("applicant_a",)),
            method="POST",
            data=lambda ids: {"answer": "decline"},
        )
    ),
    "matching:saved_searches": cases(Case(url("matching:saved_searches"), ANY_USER)),
    "matching:saved_search_create": cases(
        Case(url("matching:saved_search_create"), MATCHMAKING, method="POST", data=lambda ids: {"name": "x"})
    ),
    "matching:saved_search_delete": cases(
        Case(url("matching:saved_search_delete", "saved_search"), rule(NOT_FOUND, ok=("applicant_a",)), method="POST")
    ),
    "matching:adviser_matches": cases(
        Case(url("matching:adviser_matches"), rule(FORBIDDEN, ok=(*ADVISERS, *MANAGERS)))
    ),
    # The adviser must see company A (their region); B is across the border.
    "matching:introduction_create": cases(
        Case(
            url("matching:introduction_create", "company_a", "company_partner"),
            rule(FORBIDDEN, ok=("adviser_region", *MANAGERS), not_found=("adviser_other",)),
        )
    ),
    # The introduction of company A and the partner: each of them answers; nobody else learns it exists.
    "matching:introduction_answer": cases(
        Case(url("matching:introduction_answer", "introduction"), rule(NOT_FOUND, ok=("applicant_a", "partner"))),
    ),
    "matching:introduction_update": cases(
        Case(
            url("matching:introduction_update", "introduction"),
            rule(NOT_FOUND, ok=("adviser_region", *MANAGERS)),
            method="POST",
            data=lambda ids: {"status": "met"},
        )
    ),
    # ------------------------------------------------------------------ calls and applications
    "applications:calls": cases(Case(url("applications:calls"), PUBLIC)),
    # The interest of B in A's profile (still pending in this world: A and B are let in and told why not yet).
    "applications:start_from_interest": cases(
        Case(url("applications:start_from_interest", "interest"), rule(NOT_FOUND, ok=("applicant_a", "applicant_b"))),
        Case(
            url("applications:start_from_interest", "interest"),
            rule(NOT_FOUND, ok=("applicant_a", "applicant_b")),
            method="POST",
        ),
    ),
    "applications:call_detail": cases(Case(url("applications:call_detail", "call_code"), PUBLIC)),
    "applications:call_document": cases(Case(url("applications:call_document", "call_code", "call_document"), PUBLIC)),
    # Starting for company A: its member; other applicants name a company that is not theirs (404); staff have
    # no company (403).
    "applications:start": cases(
        Case(
            url("applications:start", "call_code"),
            rule(FORBIDDEN, ok=("applicant_a",), not_found=("applicant_b", "lead", "partner")),
            method="POST",
            data=lambda ids: {"lead": ids["company_a"], "title": "Nieuw"},
        )
    ),
    "applications:mine": cases(Case(url("applications:mine"), ANY_USER)),
    "applications:detail": cases(Case(url("applications:detail", "application"), APPLICATION_VIEW)),
    "applications:shared": cases(
        Case(url("applications:shared", "application"), APPLICATION_LEAD, method="POST", data=lambda ids: {})
    ),
    "applications:partner_add": cases(
        Case(url("applications:partner_add", "application"), APPLICATION_LEAD, method="POST")
    ),
    "applications:partner": cases(
        Case(url("applications:partner", "application", "lead_partner"), APPLICATION_VIEW),
    ),
    "applications:partner_join_decide": cases(
        Case(
            url("applications:partner_join_decide", "application", "invited_partner"),
            APPLICATION_LEAD,
            method="POST",
            data=lambda ids: {"decision": "refuse"},
        )
    ),
    "applications:submit": cases(Case(url("applications:submit", "application"), APPLICATION_VIEW, method="POST")),
    "applications:wp_add": cases(Case(url("applications:wp_add", "application"), APPLICATION_LEAD, method="POST")),
    "applications:wp_delete": cases(
        Case(path("/applications/{application}/work-packages/1/delete/"), APPLICATION_LEAD, method="POST")
    ),
    # Who may withdraw is the service's question (the lead, before the deadline), answered with a message.
    "applications:withdraw": cases(Case(url("applications:withdraw", "application"), APPLICATION_VIEW, method="POST")),
    "applications:invite_full": cases(
        Case(
            url("applications:invite_full", "application"),
            rule(NOT_FOUND, ok=MANAGERS, forbidden=("lead", "partner")),
            method="POST",
        )
    ),
    "applications:copy": cases(
        Case(
            url("applications:copy", "application"),
            APPLICATION_LEAD,
            method="POST",
            data=lambda ids: {"call": ids["call_code"]},
        )
    ),
    "applications:attachment_upload": cases(
        Case(url("applications:attachment_upload", "application"), APPLICATION_PARTNERS, method="POST")
    ),
    "applications:attachment": cases(
        Case(url("applications:attachment", "application", "attachment"), APPLICATION_VIEW)
    ),
    "applications:submission_pdf": cases(Case(path("/applications/{application}/submissions/1.pdf"), APPLICATION_VIEW)),
    # The invitation token is the secret: any logged-in user holding it sees the join page.
    "applications:partner_join": cases(Case(url("applications:partner_join", "join_token"), ANY_USER)),
    # ------------------------------------------------------------------ assessment (secretariat)
    "assessment:call": cases(Case(url("assessment:call", "call"), SECRETARIAT_ONLY)),
    "assessment:override": cases(
        Case(
            url("assessment:override", "application"),
            SECRETARIAT_ONLY,
            method="POST",
            data=lambda ids: {"reason": "Twee beoordelaars volstaan hier."},
        )
    ),
    "assessment:screening": cases(Case(url("assessment:screening", "application"), SECRETARIAT_ONLY)),
    "assessment:assignment": cases(Case(url("assessment:assignment", "call"), SECRETARIAT_ONLY)),
    "assessment:assignment_action": cases(
        Case(
            url("assessment:assignment_action", "call"),
            SECRETARIAT_ONLY,
            method="POST",
            data=lambda ids: {"action": "nothing"},
        )
    ),
    "assessment:consolidation": cases(Case(url("assessment:consolidation", "application"), SECRETARIAT_ONLY)),
    "assessment:ranking": cases(Case(url("assessment:ranking", "call"), SECRETARIAT_ONLY)),
    "assessment:ranking_freeze": cases(Case(url("assessment:ranking_freeze", "call"), SECRETARIAT_ONLY, method="POST")),
    "assessment:ranking_unfreeze": cases(
        Case(url("assessment:ranking_unfreeze", "call"), SECRETARIAT_ONLY, method="POST")
    ),
    "assessment:meeting": cases(Case(url("assessment:meeting", "call"), SECRETARIAT_ONLY)),
    "assessment:ranking_export": cases(Case(url("assessment:ranking_export", "call"), SECRETARIAT_ONLY)),
    "assessment:decisions": cases(Case(url("assessment:decisions", "call"), SECRETARIAT_ONLY)),
    "assessment:decision_take": cases(
        Case(url("assessment:decision_take", "call", "application"), SECRETARIAT_ONLY),
        Case(
            url("assessment:decision_take", "call", "application"),
            SECRETARIAT_ONLY,
            method="POST",
            data=lambda ids: {"outcome": "reject", "reasons": "Not mine to decide.", "language": "nl"},
            label="only the secretariat records a decision",
        ),
    ),
    "assessment:objection_resolve": cases(
        Case(url("assessment:objection_resolve", "objection"), SECRETARIAT_ONLY, method="POST")
    ),
    "assessment:grant_renounce": cases(
        Case(url("assessment:grant_renounce", "decision"), SECRETARIAT_ONLY, method="POST")
    ),
    # ------------------------------------------------------------------ assessment (assessors)
    "assessment:my_assignments": cases(Case(url("assessment:my_assignments"), ASSESSOR_ONLY)),
    "assessment:my_assignments_export": cases(Case(url("assessment:my_assignments_export"), ASSESSOR_ONLY)),
    "assessment:assessor_profile": cases(Case(url("assessment:assessor_profile"), ASSESSOR_ONLY)),
    "assessment:assignment_detail": cases(
        Case(
            url("assessment:assignment_detail", "assignment"),
            rule(FORBIDDEN, ok=("assessor_assigned",), not_found=("assessor_unassigned", "assessor_conflicted")),
            label="assigned assessor's assignment",
        ),
        Case(
            url("assessment:assignment_detail", "assignment_conflicted"),
            rule(FORBIDDEN, not_found=("assessor_assigned", "assessor_unassigned")),
            label="conflicted assessor's own assignment",
        ),
    ),
    # ------------------------------------------------------------------ assessment (applicants)
    # A decision is its application's: whoever may not see the application learns nothing, not even that the
    # decision exists (404, as for the application itself).
    "assessment:decision_detail": cases(Case(url("assessment:decision_detail", "decision"), APPLICATION_VIEW)),
    "assessment:decision_letter": cases(Case(url("assessment:decision_letter", "decision"), APPLICATION_VIEW)),
    # ------------------------------------------------------------------ JSON API
    "matching_api:api_suggestions": cases(Case(url("matching_api:api_suggestions"), MATCHMAKING, api=True)),
    "matching_api:api_profile": cases(
        Case(url("matching_api:api_profile", "profile_a"), rule(OK, forbidden=(*ASSESSORS, "finance")), api=True)
    ),
    "assessment_api:assignments": cases(Case(url("assessment_api:assignments"), ASSESSOR_ONLY, api=True)),
    "assessment_api:assignment_application": cases(
        Case(
            url("assessment_api:assignment_application", "assignment"),
            rule(FORBIDDEN, ok=("assessor_assigned",), not_found=("assessor_unassigned", "assessor_conflicted")),
            api=True,
            label="assigned assessor's assignment",
        ),
        Case(
            url("assessment_api:assignment_application", "assignment_conflicted"),
            rule(FORBIDDEN, not_found=("assessor_assigned", "assessor_unassigned")),
            api=True,
            label="conflicted assessor's own assignment",
        ),
    ),
    # ------------------------------------------------------------------ privacy
    "privacy:notice": cases(Case(url("privacy:notice"), PUBLIC)),
    "privacy:my_data": cases(Case(url("privacy:my_data"), ANY_USER)),
    "privacy:erase": cases(Case(url("privacy:erase"), ANY_USER)),
    "privacy:erased": cases(Case(url("privacy:erased"), PUBLIC)),
    "privacy:requests": cases(Case(url("privacy:requests"), SECRETARIAT_ONLY)),
    # No such request: the secretariat learns that (404); anyone else is refused before the lookup.
    "privacy:request_erase": cases(
        Case(path("/privacy/requests/0/erase/"), rule(FORBIDDEN, not_found=MANAGERS), method="POST")
    ),
    "assessment_api:ranking": cases(Case(url("assessment_api:ranking", "call"), SECRETARIAT_ONLY, api=True)),
    # ------------------------------------------------------------------ programme: calls managed by the secretariat
    "programme:call_list": cases(Case(url("programme:call_list"), SECRETARIAT_ONLY)),
    "programme:call_create": cases(Case(url("programme:call_create"), SECRETARIAT_ONLY)),
    "programme:call_edit": cases(Case(url("programme:call_edit", "call"), SECRETARIAT_ONLY)),
    "programme:call_preview": cases(Case(url("programme:call_preview", "call"), SECRETARIAT_ONLY)),
    "programme:call_document_add": cases(
        Case(url("programme:call_document_add", "call"), SECRETARIAT_ONLY, method="POST", data=lambda ids: {})
    ),
    # A document id that does not exist: nobody learns more than "not found".
    "programme:call_document_remove": cases(
        Case(path("/programme/calls/{call}/documents/999999/remove/"), rule(NOT_FOUND), method="POST")
    ),
}

# ---------------------------------------------------------------------- allauth (/accounts/*), by family
# Pages for signing in, signing up and recovering a password are public; pages that manage the account (e-mail,
# password, second factor) need a login. The staff member halfway through the login may reach the second-factor
# and login pages only.
ACCOUNT_PUBLIC = rule(OK, anonymous=OK, staff_no_mfa=REACHABLE)
ACCOUNT_MANAGE = rule(REACHABLE, anonymous=LOGIN, staff_no_mfa=MFA)
ACCOUNTS: dict[str, tuple[str, dict]] = {
    "account_login": ("/accounts/login/", ACCOUNT_PUBLIC),
    "account_logout": ("/accounts/logout/", rule(OK, anonymous=OK, staff_no_mfa=REACHABLE)),
    "account_inactive": ("/accounts/inactive/", ACCOUNT_PUBLIC),
    "account_signup": ("/accounts/signup/", ACCOUNT_PUBLIC),
    "account_reauthenticate": ("/accounts/reauthenticate/", ACCOUNT_MANAGE),
    "account_request_reauthentication_code": ("/accounts/reauthenticate/code/", ACCOUNT_MANAGE),
    "account_confirm_reauthentication_code": ("/accounts/reauthenticate/code/confirm/", ACCOUNT_MANAGE),
    "account_email": ("/accounts/email/", ACCOUNT_MANAGE),
    "account_email_verification_sent": ("/accounts/confirm-email/", ACCOUNT_PUBLIC),
    "account_change_password": ("/accounts/password/change/", ACCOUNT_MANAGE),
    "account_set_password": ("/accounts/password/set/", ACCOUNT_MANAGE),
    "account_reset_password": ("/accounts/password/reset/", ACCOUNT_PUBLIC),
    "account_confirm_login_code": ("/accounts/login/code/confirm/", rule(REACHABLE, anonymous=REACHABLE)),
    "account_confirm_email": ("/accounts/confirm-email/not-a-key/", ACCOUNT_PUBLIC),
    "account_reset_password_from_key_done": ("/accounts/password/reset/key/done/", ACCOUNT_PUBLIC),
    "account_reset_password_from_key": ("/accounts/password/reset/key/1-not-a-key/", ACCOUNT_PUBLIC),
    "account_reset_password_done": ("/accounts/password/reset/done/", ACCOUNT_PUBLIC),
    "mfa_index": ("/accounts/2fa/", ACCOUNT_MANAGE),
    "mfa_authenticate": ("/accounts/2fa/authenticate/", rule(REACHABLE, anonymous=REACHABLE, staff_no_mfa=OK)),
    "mfa_reauthenticate": ("/accounts/2fa/reauthenticate/", ACCOUNT_MANAGE),
    "mfa_activate_totp": ("/accounts/2fa/totp/activate/", ACCOUNT_MANAGE),
    "mfa_deactivate_totp": ("/accounts/2fa/totp/deactivate/", ACCOUNT_MANAGE),
    "mfa_view_recovery_codes": ("/accounts/2fa/recovery-codes/", ACCOUNT_MANAGE),
    "mfa_generate_recovery_codes": ("/accounts/2fa/recovery-codes/generate/", ACCOUNT_MANAGE),
    "mfa_download_recovery_codes": ("/accounts/2fa/recovery-codes/download/", ACCOUNT_MANAGE),
}
for _name, (_path, _expect) in ACCOUNTS.items():
    MATRIX[_name] = [Case(path(_path), _expect)]

# ---------------------------------------------------------------------- the Django admin, by family
# Only the secretariat and admins (staff with a passed second factor) get in; inside, the admin's own model
# permissions decide (403/404). Everyone else is sent to the admin's login page.
ADMIN_FAMILY = rule(LOGIN, admin=MANAGERS)
# The admin has no login form of its own: /admin/login/ sends everyone to the site's two-step login.
ADMIN_LOGIN = rule(LOGIN, anonymous=LOGIN)


def admin_case(route: str, name: str | None) -> Case:
    """A concrete URL for an admin route: object ids of the first row of the model (or of company A)."""

    def build(ids: dict[str, Any]) -> str:
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        from crossroads.companies.models import Company

        text = route
        if "(?P<app_label>" in text:
            return "/admin/programme/"
        if "(?P<url>" in text:
            return "/admin/no-such-page/"
        if "<path:content_type_id>" in text:
            return f"/admin/r/{ContentType.objects.get_for_model(Company).pk}/{ids['company_a']}/"
        if "<path:object_id>" in text or "<id>" in text:
            _admin, app_label, model_name, *_rest = text.split("/")
            first = apps.get_model(app_label, model_name).objects.order_by("pk").first()
            object_id = str(first.pk) if first else "999999"
            text = text.replace("<path:object_id>", object_id).replace("<id>", object_id)
        return "/" + text

    if name in ("admin:login", "admin_login"):
        return Case(build, ADMIN_LOGIN)
    if name == "admin:logout":  # POST only (a GET logs nobody out); the POST would end the test's own session
        return Case(build, rule(REACHABLE, anonymous=REACHABLE, staff_no_mfa=REACHABLE))
    return Case(build, ADMIN_FAMILY)


# ---------------------------------------------------------------------- walking the URL patterns
@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    callback: Any = field(compare=False)

    @property
    def key(self) -> str:
        return self.name or self.route


def routes(patterns: list | None = None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Every URL pattern of the project, with its full route and namespaced name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield Route(prefix + str(pattern.pattern), name, pattern.callback)


def _area_rows() -> None:
    """Later areas keep their rows beside this table, one module per area (tests/security/matrix_<area>.py)."""
    import importlib
    import pkgutil

    from tests import security

    for info in pkgutil.iter_modules(security.__path__):
        if info.name.startswith("matrix_") and info.name != "matrix":
            MATRIX.update(importlib.import_module(f"tests.security.{info.name}").ROWS)


_area_rows()


def matrix_for(route: Route) -> list[Case] | None:
    if route.key in MATRIX:
        return MATRIX[route.key]
    if route.route.startswith("admin/"):
        return [admin_case(route.route, route.name)]
    return None


def classify(status: int, location: str, *, method: str) -> str:
    if status >= 500:
        return SERVER_ERROR
    if 300 <= status < 400:
        target = urlsplit(location).path
        if target.startswith("/accounts/2fa/"):
            return MFA
        if target.startswith(("/accounts/login/", "/admin/login/")):
            return LOGIN
        return OK
    if status == 401:
        return LOGIN
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return NOT_FOUND
    if status == 405:
        return NOT_ALLOWED
    if 200 <= status < 300 or (method == "POST" and status in (400, 409)):
        return OK
    return str(status)


def matches(expected: str, got: str, *, api: bool, admin: bool) -> bool:
    if expected == REACHABLE:
        return got != SERVER_ERROR
    if expected == ADMIN:
        return got in (OK, FORBIDDEN, NOT_FOUND)
    if expected == MFA:
        return got in (MFA, LOGIN) or (api and got == FORBIDDEN)
    return expected == got
