"""Open data (v1): the contracted projects and the calls of the programme, as JSON and CSV, read-only, no login.

Everything a project shows comes from the one whitelist, `selectors.public.PublicProject`: this module only turns
it into JSON and CSV, so no field can become public here. Calls show once their window has opened (open or closed);
a call whose window has not opened yet is still a draft the secretariat may change (`CallStatus.DRAFT`).

Every answer is JSON, errors included (`{"error", "fields"}` in the caller's language), except the CSV files.
Pagination is strict: `page` and `page_size` must be whole numbers of at least 1, `page_size` at most 100; anything
else is a 400 naming the parameter. A page past the last one is an empty list (200), so a client that walks
`next` until it is null never sees an error. Money is a decimal string ("35000.00"), dates ISO 8601, moments ISO
8601 with their offset in Brussels time. See docs/open-data.md.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crossroads.core import clock
from crossroads.core.spreadsheets import csv_writer
from crossroads.programme.models import Call

from .selectors.public import PublicProject, public_project, public_project_page, public_projects

MAX_QUERY_STRING = 4096  # the longest honest query (every filter filled) is far shorter
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
CACHE_SECONDS = 300  # public, identical for everyone: proxies and browsers may keep it five minutes
PROJECT_STATUSES = ("running", "finished")


class ProjectFilters(forms.Form):
    """The public list's filters (as on /projects/) and the pagination of the API."""

    q = forms.CharField(required=False, max_length=200, strip=True)
    theme = forms.SlugField(required=False, max_length=50)
    country = forms.RegexField(
        required=False, regex=r"^[A-Za-z]{2}$", error_messages={"invalid": gettext_lazy("Use a two-letter code.")}
    )
    call = forms.SlugField(required=False, max_length=50)
    status = forms.ChoiceField(required=False, choices=[("", "")] + [(s, s) for s in PROJECT_STATUSES])
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["q"],
            "theme": data["theme"],
            "country": data["country"].upper(),
            "call": data["call"],
            "status": data["status"],
            "year": data["year"],
        }


class CallFilters(forms.Form):
    page = forms.IntegerField(required=False, min_value=1)
    page_size = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)


# ---------------------------------------------------------------------------------------------- answers


def error(message: str, status: int, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


def _refused(request: HttpRequest) -> JsonResponse | None:
    if request.method not in ("GET", "HEAD"):
        response = error(_("Only GET is allowed here."), 405)
        response["Allow"] = "GET, HEAD"
        return response
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return error(_("The query is too long."), 400)
    return None


def _invalid(form: forms.Form) -> JsonResponse:
    fields = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    return error(_("Some values are not valid."), 400, fields)


def _public(response: HttpResponse) -> HttpResponse:
    """The same answer for everyone: cacheable, and never sniffed as another type."""
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Vary"] = "Accept-Language"
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _parsed(request: HttpRequest, form_class: type[forms.Form]) -> tuple[forms.Form | None, JsonResponse | None]:
    refused = _refused(request)
    if refused:
        return None, refused
    form = form_class(request.GET)
    if not form.is_valid():
        return None, _invalid(form)
    return form, None


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{urlencode(sorted(query.items()))}")


def paginate(request: HttpRequest, form: forms.Form, items: Sequence[Any], render: Callable[[Any], dict]) -> dict:
    """The envelope of a list held in memory (the calls)."""
    page, size = page_and_size(form)
    start = (page - 1) * size
    return envelope(request, page, size, len(items), items[start : start + size], render)


def page_and_size(form: forms.Form) -> tuple[int, int]:
    return form.cleaned_data["page"] or 1, form.cleaned_data["page_size"] or DEFAULT_PAGE_SIZE


def envelope(
    request: HttpRequest, page: int, size: int, count: int, rows: Sequence[Any], render: Callable[[Any], dict]
) -> dict:
    """The envelope every list answers with. A page past the end is empty; `previous` then points at the last
    page that has rows."""
    last = max((count + size - 1) // size, 1)
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "next": _page_link(request, page + 1) if page < last else None,
        "previous": _page_link(request, min(page - 1, last)) if page > 1 else None,
        "results": [render(item) for item in rows] if (page - 1) * size < count else [],
    }


# ---------------------------------------------------------------------------------------------- projects


def _theme(code: str, name_nl: str, name_en: str) -> dict[str, str]:
    return {"code": code, "name_nl": name_nl, "name_en": name_en}


def page_url(project: PublicProject, request: HttpRequest) -> str | None:
    """The project's public page (showcase), or None while the showcase does not serve one."""
    try:
        return request.build_absolute_uri(reverse("showcase:project", args=[project.slug]))
    except NoReverseMatch:
        return None


def project_json(project: PublicProject, request: HttpRequest) -> dict[str, Any]:
    return {
        "reference": project.reference,
        "slug": project.slug,
        "url": page_url(project, request),
        "api_url": request.build_absolute_uri(reverse("open_data:project", args=[project.slug])),
        "title": project.title,
        "acronym": project.acronym,
        "call": project.call_code,
        "status": project.status,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
        "grant": str(project.grant),
        "themes": [_theme(t.code, t.name_nl, t.name_en) for t in project.themes],
        "partners": [
            {
                "name": p.name,
                "role": "lead" if p.is_lead else "partner",
                "country": p.country,
                "municipality": p.municipality,
                "nuts3": p.nuts3,
            }
            for p in project.partners
        ],
        "summary": project.summary,
        "story": project.story,
        "results": project.results,
        "story_language": project.story_language,
        "published_at": timezone.localtime(project.published_at).isoformat() if project.published_at else None,
    }


def projects(request: HttpRequest) -> HttpResponse:
    form, refused = _parsed(request, ProjectFilters)
    if refused or form is None:
        return refused  # type: ignore[return-value]
    # Only the requested page is read from the database: the list can hold every project of the programme.
    page, size = page_and_size(form)
    rows, count = public_project_page(page=page, per_page=size, **form.filters())  # type: ignore[attr-defined]
    return _public(JsonResponse(envelope(request, page, size, count, rows, lambda p: project_json(p, request))))


def project(request: HttpRequest, slug: str) -> HttpResponse:
    refused = _refused(request)
    if refused:
        return refused
    found = public_project(slug)
    if found is None:
        return error(_("There is no public project with this reference."), 404)
    return _public(JsonResponse(project_json(found, request)))


PROJECT_COLUMNS = (
    "reference",
    "acronym",
    "title",
    "call",
    "status",
    "start_date",
    "end_date",
    "grant",
    "themes",
    "partners",
    "countries",
    "municipalities",
    "summary",
    "url",
)


def _project_row(project: PublicProject, request: HttpRequest) -> list[Any]:
    return [
        project.reference,
        project.acronym,
        project.title,
        project.call_code,
        project.status,
        project.start_date.isoformat(),
        project.end_date.isoformat(),
        str(project.grant),
        "; ".join(t.code for t in project.themes),
        "; ".join(p.name for p in project.partners),
        "; ".join(p.country for p in project.partners),
        "; ".join(p.municipality for p in project.partners),
        project.summary,
        page_url(project, request) or "",
    ]


def csv_response(filename: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> HttpResponse:
    """UTF-8 with a byte-order mark (so that Excel reads accents right), comma-separated, RFC 4180 quoting; every
    text cell neutralised by core.spreadsheets."""
    buffer = io.StringIO()
    writer = csv_writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _public(response)


def projects_csv(request: HttpRequest) -> HttpResponse:
    """Every matching project (no pagination: the file is the whole selection)."""
    form, refused = _parsed(request, ProjectFilters)
    if refused or form is None:
        return refused  # type: ignore[return-value]
    items = public_projects(**form.filters())  # type: ignore[attr-defined]
    return csv_response("crossroads-projects.csv", PROJECT_COLUMNS, [_project_row(p, request) for p in items])


# ---------------------------------------------------------------------------------------------- calls


def public_calls() -> list[Call]:
    """Calls whose window has opened, newest first; a call before its window is a draft and never shows."""
    return list(Call.objects.filter(opens_at__lte=clock.now()).prefetch_related("themes").order_by("-opens_at", "code"))


def call_json(call: Call) -> dict[str, Any]:
    return {
        "code": call.code,
        "title_nl": call.name_nl,
        "title_en": call.name_en,
        "status": str(call.status_at(clock.now())),
        "opens_at": timezone.localtime(call.opens_at).isoformat(),
        "closes_at": timezone.localtime(call.closes_at).isoformat(),
        "budget": str(call.budget),
        "themes": [_theme(t.code, t.name_nl, t.name_en) for t in call.themes.all()],
    }


def calls(request: HttpRequest) -> HttpResponse:
    form, refused = _parsed(request, CallFilters)
    if refused or form is None:
        return refused  # type: ignore[return-value]
    return _public(JsonResponse(paginate(request, form, public_calls(), call_json)))


CALL_COLUMNS = ("code", "title_nl", "title_en", "status", "opens_at", "closes_at", "budget", "themes")


def calls_csv(request: HttpRequest) -> HttpResponse:
    refused = _refused(request)
    if refused:
        return refused
    rows = []
    for call in public_calls():
        data = call_json(call)
        rows.append([*(data[column] for column in CALL_COLUMNS[:-1]), "; ".join(t["code"] for t in data["themes"])])
    return csv_response("crossroads-calls.csv", CALL_COLUMNS, rows)
