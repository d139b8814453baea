"""Issue 12: every page each demo role can reach, every e-mail the demo flow sends and every PDF's HTML, in Dutch and
in English, read as finished text: no internal code, no "None", no empty bullet, no Python dict or list.

One run over the whole demo (loading it takes a minute); all offenders are listed at once (page, language, text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import override

from .demo_flow import decide_the_demo_call
from .visible import Codes, dutch_vocabulary, known_codes, offences, visible_text

pytestmark = pytest.mark.django_db
LANGUAGES = ("nl", "en")
PER_URL = 2  # objects per URL with an argument: enough to see each page's pattern, fast enough for CI
NOT_OPENED: set[str] = set()  # named URLs with arguments the test cannot fill (tokens, POST-only actions)
NOT_PAGES = ("admin", "api", "healthz", "openapi", "export", "template", "pdf", "letter", "set_language", "logout")


# -- the demo, taken through its flow, with its e-mails and PDFs caught ------------------------------------------


class Recorder:
    """Stands for the notification task: keeps what would be composed (composer, parameters)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def enqueue(self, *, composer: str, recipients: list[list[str]], params: dict[str, Any], once: str = "") -> None:
        self.calls.append((composer, params))


class PrintedHTML:
    """Stands for WeasyPrint: keeps the HTML of every PDF the platform prints."""

    printed: list[str] = []

    def __init__(self, *, string: str, **kwargs: Any) -> None:
        self.printed.append(string)

    def write_pdf(self, *args: Any, **kwargs: Any) -> bytes:
        return b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def demo(monkeypatch, django_capture_on_commit_callbacks) -> tuple[Recorder, list[str]]:  # type: ignore[no-untyped-def]
    import weasyprint

    from crossroads.core import notifications

    recorder = Recorder()
    PrintedHTML.printed = []
    monkeypatch.setattr(notifications, "send_notification", recorder)
    monkeypatch.setattr(weasyprint, "HTML", PrintedHTML)
    problems: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        decide_the_demo_call(problems)
    return recorder, problems


# -- the pages ---------------------------------------------------------------------------------------------------


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for item in resolver.url_patterns:
        if isinstance(item, URLResolver):
            inner = ":".join(filter(None, [namespace, item.namespace or ""]))
            yield from _patterns(item, inner)
        elif item.name:
            yield (f"{namespace}:{item.name}" if namespace else item.name), item


def _first(queryset: Any, *more: Any) -> list[Any]:
    seen: dict[Any, Any] = {}
    for source in (queryset, *more):
        for item in source[:PER_URL]:
            seen.setdefault(item.pk, item)
    return list(seen.values())[: PER_URL + 1]


def _arguments(user: Any) -> dict[str, Callable[[], list[dict[str, Any]]]]:
    """For each URL with arguments, the demo objects to open it with: the user's own first, then any (the page must
    then answer 403 or 404, which is not read)."""
    from crossroads.applications.models import Application, Attachment, Partner
    from crossroads.assessment.models import Assignment, Decision, Objection
    from crossroads.companies.models import Company, DeMinimisAid, Establishment, FinancialYear
    from crossroads.matching.models import CooperationProfile, ExpressionOfInterest, Introduction
    from crossroads.programme.models import Call

    mine = {"memberships__user": user} if user else {"pk": None}
    companies = _first(Company.objects.filter(**mine).order_by("pk"), Company.objects.order_by("pk"))
    own = Application.objects.filter(partners__company__memberships__user=user) if user else Application.objects.none()
    applications = _first(own.distinct().order_by("pk"), Application.objects.order_by("-pk"))
    calls = list(Call.objects.order_by("-pk")[:PER_URL])
    company_ids = [c.pk for c in companies]

    def children(model: Any) -> list[dict[str, Any]]:
        return [
            {"pk": o.company_id, "item_pk": o.pk} for o in model.objects.filter(company_id__in=company_ids)[:PER_URL]
        ]

    by_company = [{"pk": c.pk} for c in companies]
    by_application = [{"pk": a.pk} for a in applications]
    by_call = [{"call_id": c.pk} for c in calls]
    by_assessed = [{"application_id": a.pk} for a in applications]
    profiles = _first(
        CooperationProfile.objects.filter(company__memberships__user=user)
        if user
        else CooperationProfile.objects.none(),
        CooperationProfile.objects.order_by("pk"),
    )
    by_profile = [{"ref": p.ref} for p in profiles]
    decisions = [{"decision_id": d.pk} for d in Decision.objects.order_by("pk")]
    return {
        "companies:detail": lambda: by_company,
        "companies:edit": lambda: by_company,
        "companies:establishment_add": lambda: by_company,
        "companies:figures_add": lambda: by_company,
        "companies:aid_add": lambda: by_company,
        "companies:holding_add": lambda: by_company,
        "companies:invite": lambda: by_company,
        "companies:establishment_edit": lambda: children(Establishment),
        "companies:figures_edit": lambda: children(FinancialYear),
        "companies:aid_edit": lambda: children(DeMinimisAid),
        "matching:profile_create": lambda: [{"company_pk": str(c.pk)} for c in companies],
        "matching:profile_detail": lambda: by_profile,
        "matching:profile_edit": lambda: by_profile,
        "matching:profile_status": lambda: by_profile,
        "matching:interest_answer": lambda: [
            {"pk": str(i.pk)} for i in ExpressionOfInterest.objects.order_by("pk")[:PER_URL]
        ],
        "matching:introduction_answer": lambda: [{"pk": str(i.pk)} for i in Introduction.objects.order_by("pk")[:1]],
        "matching:introduction_update": lambda: [{"pk": str(i.pk)} for i in Introduction.objects.order_by("pk")[:1]],
        "applications:call_detail": lambda: [{"code": c.code} for c in calls],
        "applications:start": lambda: [{"code": c.code} for c in calls],
        "applications:detail": lambda: by_application,
        "applications:shared": lambda: by_application,
        "applications:partner_add": lambda: by_application,
        "applications:submit": lambda: by_application,
        "applications:withdraw": lambda: by_application,
        "applications:invite_full": lambda: by_application,
        "applications:copy": lambda: by_application,
        "applications:attachment_upload": lambda: by_application,
        "applications:partner": lambda: [
            {"pk": p.application_id, "partner_pk": p.pk}
            for p in Partner.objects.filter(application__in=[a.pk for a in applications])
        ],
        "applications:attachment": lambda: [
            {"pk": a.application_id, "attachment_pk": a.pk}
            for a in Attachment.objects.filter(application__in=[a.pk for a in applications])[:PER_URL]
        ],
        "assessment:call": lambda: by_call,
        "assessment:assignment": lambda: by_call,
        "assessment:ranking": lambda: by_call,
        "assessment:meeting": lambda: by_call,
        "assessment:decisions": lambda: by_call,
        "assessment:decision_take": _decision_pages,
        "assessment:screening": lambda: by_assessed,
        "assessment:consolidation": lambda: by_assessed,
        "assessment:override": lambda: by_assessed,
        "assessment:assignment_detail": lambda: [
            {"assignment_id": a.pk}
            for a in _first(
                Assignment.objects.filter(assessor=user) if user else Assignment.objects.none(),
                Assignment.objects.order_by("pk"),
            )
        ],
        "assessment:decision_detail": lambda: decisions,
        "assessment:grant_renounce": lambda: decisions[:1],
        "assessment:objection_resolve": lambda: [{"objection_id": o.pk} for o in Objection.objects.order_by("pk")],
        "programme:call_edit": lambda: by_call,
        "programme:call_preview": lambda: by_call,
        "programme:call_document_add": lambda: by_call,
        **_grant_arguments(user),
    }


def _decision_pages() -> list[dict[str, Any]]:
    """Per frozen ranking, the first application still to decide (the form) and the first decided one."""
    from crossroads.assessment.models import Decision, Ranking
    from crossroads.assessment.selectors import frozen_entries

    found = []
    for ranking in Ranking.objects.filter(superseded_at__isnull=True).order_by("pk"):
        decided = set(Decision.objects.filter(ranking=ranking).values_list("application_id", flat=True))
        entries = [e.application for e in frozen_entries(ranking)]
        for pick in (
            next((a for a in entries if a not in decided), None),
            next((a for a in entries if a in decided), None),
        ):
            if pick is not None:
                found.append({"call_id": ranking.call_id, "application_id": pick})
    return found


def _grant_arguments(user: Any) -> dict[str, Callable[[], list[dict[str, Any]]]]:
    """The follow-up's pages: the demo's running agreement, its claims (one paid, one waiting), payments, versions,
    coaching and surveys."""
    from crossroads.grants.models import (
        Agreement,
        AgreementPartner,
        Amendment,
        ClaimLine,
        CostClaim,
        FollowUpSurvey,
        Payment,
        ReportingPeriod,
    )

    agreements = [{"pk": a.pk} for a in Agreement.objects.order_by("pk")[:PER_URL]]
    claims = [{"pk": c.pk} for c in CostClaim.objects.order_by("pk")[:PER_URL]]
    members = [{"pk": m.pk} for m in AgreementPartner.objects.order_by("pk")[:PER_URL]]
    return {
        "grants:detail": lambda: agreements,
        "grants:amendments": lambda: agreements,
        "grants:amendment_new": lambda: [
            {"pk": a["pk"], "kind": kind} for a in agreements for kind in ("budget_shift", "extension")
        ],
        "grants:amendment_decide": lambda: [{"pk": a.pk} for a in Amendment.objects.order_by("pk")[:PER_URL]],
        "grants:coaching": lambda: agreements,
        "grants:indicators": lambda: agreements,
        "grants:settle": lambda: agreements,
        "grants:bank_account": lambda: members,
        "grants:report": lambda: [{"pk": p.pk} for p in ReportingPeriod.objects.order_by("pk")[:PER_URL]],
        "grants:claim": lambda: claims,
        "grants:verify": lambda: claims,
        "grants:claim_line": lambda: [
            {"pk": line.claim_id, "line_pk": line.pk} for line in ClaimLine.objects.order_by("pk")[:PER_URL]
        ],
        "grants:payment": lambda: [{"pk": p.pk} for p in Payment.objects.order_by("pk")[:PER_URL]],
        "grants:survey": lambda: [{"pk": s.pk} for s in FollowUpSurvey.objects.order_by("pk")[:PER_URL]],
        # The public side of the same project: its page and the story the consortium wrote.
        "showcase:project": lambda: [{"slug": a.reference.lower()} for a in Agreement.objects.order_by("pk")[:PER_URL]],
        "showcase:story": lambda: agreements,
        "insights:csv": lambda: [{"chart": "funnel"}],
    }


def _urls(user: Any) -> tuple[list[str], list[str]]:
    """The pages to open, and the named URLs with arguments this test does not know how to fill (reported)."""
    table = _arguments(user)
    urls, unknown = [], []
    for name, pattern in _patterns(get_resolver()):
        if any(part in name for part in NOT_PAGES) or str(pattern.pattern).startswith(("admin", "api")):
            continue
        if not pattern.pattern.regex.groupindex and not pattern.pattern.converters:
            try:
                urls.append(reverse(name))
            except Exception:
                continue
        elif name in table:
            urls.extend(reverse(name, kwargs=kwargs) for kwargs in table[name]())
        else:
            unknown.append(name)
    return list(dict.fromkeys(urls)), unknown


def _read_pages(user: Any, language: str, codes: Codes, offenders: list[str]) -> int:
    who = user.email if user else "anonymous"
    if user is not None:
        user.language = language
        user.save(update_fields=["language"])
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    urls, unknown = _urls(user)
    NOT_OPENED.update(unknown)
    read = 0
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            offenders.append(f"{url} [{language}, {who}]: HTTP {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        text, empty_items = visible_text(response.content.decode())
        for found in offences(text, language, codes):
            offenders.append(f"{url} [{language}, {who}]: {found}")
        for before in empty_items:
            offenders.append(f"{url} [{language}, {who}]: empty bullet after “{before}”")
    return read


# -- the test ----------------------------------------------------------------------------------------------------


def _read_emails(recorder: Recorder, codes: Codes, offenders: list[str]) -> int:
    """Each e-mail the flow sent, composed again in both languages."""
    from django.utils.module_loading import import_string

    read = 0
    for composer, params in dict.fromkeys((c, repr(sorted(p.items()))) for c, p in recorder.calls):
        compose = import_string(composer)
        arguments = dict(eval(params))
        name = composer.rsplit(".", 1)[-1]
        for language in LANGUAGES:
            with override(language):
                email = compose(**arguments)
            read += 1
            for found in offences(f"{email.subject}\n{email.body}", language, codes):
                offenders.append(f"e-mail {name}({params}) [{language}]: {found}")
    return read


def _documents() -> list[tuple[str, str, str]]:
    """The HTML of each submission PDF and each decision letter, in both languages."""
    from crossroads.applications.models import Submission
    from crossroads.applications.pdf import submission_pdf_html
    from crossroads.assessment.letters import decision_letter_pdf
    from crossroads.assessment.models import Decision

    documents: list[tuple[str, str, str]] = []
    for submission in Submission.objects.order_by("pk"):
        for language in LANGUAGES:
            documents.append((f"submission PDF {submission.pk}", language, submission_pdf_html(submission, language)))
    for decision in Decision.objects.order_by("pk"):
        for language in LANGUAGES:
            decision.language = language
            PrintedHTML.printed = []
            decision_letter_pdf(decision)
            documents.extend((f"decision letter {decision.pk}", language, html) for html in PrintedHTML.printed)
    from crossroads.grants.models import Agreement, Payment
    from crossroads.grants.pdf_agreement import agreement_pdf_html
    from crossroads.grants.pdf_payment import payment_statement_html

    for language in LANGUAGES:
        for agreement in Agreement.objects.order_by("pk"):
            documents.append((f"grant agreement {agreement.pk}", language, agreement_pdf_html(agreement, language)))
        for payment in Payment.objects.order_by("pk"):
            documents.append(
                (f"payment statement {payment.pk}", language, payment_statement_html(payment, language=language))
            )
    from crossroads.core import clock
    from crossroads.insights.report import report_html
    from crossroads.programme.selectors import current_programme

    for language in LANGUAGES:
        year = clock.today_brussels().year
        documents.append(
            (f"programme report {year}", language, report_html(current_programme(), year, language=language))
        )
    return documents


def test_every_page_email_and_pdf_of_the_demo_reads_as_finished_text(demo) -> None:  # type: ignore[no-untyped-def]
    from crossroads.accounts.models import User
    from crossroads.companies.demo import DEMO_USERS

    recorder, offenders = demo
    codes = known_codes(dutch_vocabulary())
    assert {"cross_border", "consumables"} <= codes.anywhere | codes.dutch, "the list of codes is built from the code"

    users = [None, *User.objects.filter(email__in=[spec.email for spec in DEMO_USERS]).order_by("pk")]
    pages = sum(_read_pages(user, language, codes, offenders) for user in users for language in LANGUAGES)
    emails = _read_emails(recorder, codes, offenders)
    documents = _documents()
    for name, language, html in documents:
        text, empty_items = visible_text(html)
        offenders.extend(f"{name} [{language}]: {found}" for found in offences(text, language, codes))
        offenders.extend(f"{name} [{language}]: empty bullet after “{before}”" for before in empty_items)

    not_opened = ", ".join(sorted(NOT_OPENED))
    summary = f"{pages} pages, {emails} e-mails, {len(documents)} PDFs read (URLs not opened: {not_opened})"
    assert pages > 100 and emails > 0 and documents, summary
    assert not offenders, f"{summary}; {len(offenders)} offenders:\n" + "\n".join(offenders)
