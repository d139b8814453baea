"""The OpenAPI 3 description of the JSON API (/api/v1), served at /api/v1/openapi.json.

Kept as Python data next to the code it describes so that one review sees both; the schemathesis test
(tests/security/test_api_schemathesis.py) sends generated requests to the real views and checks every answer
against this description, so the two cannot drift apart unnoticed. Money is a decimal string ("35000.00"), never a
float; dates are ISO 8601."""

from __future__ import annotations

from typing import Any

API_VERSION = "1.0.0"

_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "Why the request was refused, in the caller's language."},
        "fields": {
            "type": "object",
            "description": "Per query parameter, what is wrong with the value sent (400 only).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}
_MONEY = {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]+)?$", "description": "Euro amount as a decimal string."}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json({"$ref": "#/components/schemas/Error"}, description)


_UNAUTHENTICATED = _error("Not logged in (no session cookie, or an expired one).")
_FORBIDDEN = _error("Logged in, but the role or a conflict of interest does not allow this.")

_SUGGESTION = {
    "type": "object",
    "required": ["key", "score", "mutual", "title", "anonymous", "company", "country", "province", "summary"],
    "properties": {
        "key": {"type": "string", "description": "c:<company id> or p:<profile reference>."},
        "score": {"type": "number", "description": "Match score, higher is better."},
        "mutual": {"type": "boolean", "description": "Both sides seek what the other offers."},
        "title": {"type": "string"},
        "anonymous": {"type": "boolean", "description": "The company's name is hidden from the caller."},
        "company": {"type": ["string", "null"], "description": "Legal name, null when anonymous."},
        "country": {"type": "string"},
        "province": {"type": "string"},
        "summary": {"type": "string"},
        "reasons": {"type": "array", "items": {"type": "string"}},
    },
}

_PROFILE = {
    "type": "object",
    "required": [
        "id",
        "key",
        "title",
        "offers",
        "seeks",
        "idea",
        "themes",
        "anonymous",
        "company",
        "country",
        "status",
    ],
    "properties": {
        "id": {"type": "string", "description": "The profile's opaque public reference (not a database id)."},
        "key": {"type": "string", "description": "p:<id>, as in the suggestions."},
        "title": {"type": "string"},
        "offers": {"type": "array", "items": {"type": "string"}},
        "seeks": {"type": "array", "items": {"type": "string"}},
        "idea": {"type": "string"},
        "themes": {"type": "array", "items": {"type": "string"}},
        "trl": {"type": ["integer", "null"], "description": "Technology readiness level (1-9)."},
        "anonymous": {"type": "boolean"},
        "company": {
            "type": ["object", "null"],
            "description": "Null when the profile is anonymous to the caller.",
            "properties": {"name": {"type": "string"}, "city": {"type": "string"}, "id": {"type": "integer"}},
        },
        "country": {"type": "string"},
        "province": {"type": "string"},
        "status": {"type": "string", "enum": ["draft", "published", "expired"]},
    },
}

_ASSIGNMENT = {
    "type": "object",
    "required": ["id", "call", "status", "due_date", "application"],
    "properties": {
        "id": {"type": "integer"},
        "call": {"type": "string", "description": "Code of the call."},
        "status": {"type": "string"},
        "due_date": {"type": ["string", "null"], "format": "date"},
        "application": {
            "type": ["object", "null"],
            "description": "Null until the assessor declared no conflict, and whenever a conflict is known.",
            "properties": {"id": {"type": "integer"}, "title": {"type": "string"}},
        },
    },
}

_ASSIGNED_APPLICATION = {
    "type": "object",
    "required": ["id", "title", "acronym", "sections", "partners", "scores"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "acronym": {"type": "string"},
        "sections": {"type": "object", "additionalProperties": {"type": "string"}},
        "partners": {"type": "array", "items": {"type": "string"}},
        "scores": {
            "type": "object",
            "description": "Criterion code -> [score as a decimal string, justification].",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        },
    },
}

_RANKING_ENTRY = {
    "type": "object",
    "required": ["application", "status", "rank", "weighted_score", "requested", "granted", "reserve_position"],
    "properties": {
        "application": {"type": "integer"},
        "status": {
            "type": "string",
            "enum": ["funded", "reduced", "reserve", "below_threshold", "not_scored", "ineligible"],
        },
        "rank": {"type": ["integer", "null"]},
        "weighted_score": {"type": ["string", "null"]},
        "requested": _MONEY,
        "granted": _MONEY,
        "reserve_position": {"type": ["integer", "null"]},
        "reasons": {"type": "array", "items": {"type": "string"}},
    },
}

_RANKING = {
    "type": "object",
    "required": ["call", "budget", "allocated", "remaining", "policy", "funding_line", "entries"],
    "properties": {
        "call": {"type": "string"},
        "budget": _MONEY,
        "allocated": _MONEY,
        "remaining": _MONEY,
        "policy": {"type": "string"},
        "funding_line": {"type": ["integer", "null"]},
        "entries": {"type": "array", "items": {"$ref": "#/components/schemas/RankingEntry"}},
    },
}

_ID = {"type": "integer", "minimum": 1}


# ---------------------------------------------------------------------------------------------- open data
# Read-only, no login (security: []): the contracted projects of the public whitelist and the opened calls, as
# JSON and CSV; and the keep.eu export, for programme staff only. See docs/open-data.md.

_DATE = {"type": "string", "format": "date"}
_MOMENT = {"type": "string", "format": "date-time", "description": "ISO 8601 with its offset (Brussels time)."}
_THEME = {
    "type": "object",
    "required": ["code", "name_nl", "name_en"],
    "properties": {"code": {"type": "string"}, "name_nl": {"type": "string"}, "name_en": {"type": "string"}},
}
_PUBLIC_PARTNER = {
    "type": "object",
    "required": ["name", "role", "country", "municipality", "nuts3"],
    "properties": {
        "name": {"type": "string", "description": "The company's name with its legal form."},
        "role": {"type": "string", "enum": ["lead", "partner"]},
        "country": {"type": "string", "description": "ISO 3166-1 alpha-2 (BE, NL)."},
        "municipality": {"type": "string"},
        "nuts3": {"type": "string", "description": "NUTS 2021 level-3 code; empty when unknown."},
    },
}
_PUBLIC_PROJECT = {
    "type": "object",
    "required": [
        "reference",
        "slug",
        "url",
        "api_url",
        "title",
        "acronym",
        "call",
        "status",
        "start_date",
        "end_date",
        "grant",
        "themes",
        "partners",
        "summary",
        "story",
        "results",
        "story_language",
        "published_at",
    ],
    "properties": {
        "reference": {"type": "string", "description": "The agreement's reference, stable."},
        "slug": {"type": "string", "description": "The reference in lower case: the project's address."},
        "url": {"type": ["string", "null"], "description": "The public page of the project."},
        "api_url": {"type": "string"},
        "title": {"type": "string"},
        "acronym": {"type": "string"},
        "call": {"type": "string", "description": "Code of the call."},
        "status": {"type": "string", "enum": ["running", "finished"]},
        "start_date": _DATE,
        "end_date": _DATE,
        "grant": _MONEY,
        "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
        "partners": {"type": "array", "items": {"$ref": "#/components/schemas/PublicPartner"}},
        "summary": {"type": "string", "description": "Approved by the secretariat; empty until then."},
        "story": {"type": "string"},
        "results": {"type": "string"},
        "story_language": {"type": "string"},
        "published_at": {**_MOMENT, "type": ["string", "null"]},
    },
}
_PUBLIC_CALL = {
    "type": "object",
    "required": ["code", "title_nl", "title_en", "status", "opens_at", "closes_at", "budget", "themes"],
    "properties": {
        "code": {"type": "string"},
        "title_nl": {"type": "string"},
        "title_en": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "closed"]},
        "opens_at": _MOMENT,
        "closes_at": _MOMENT,
        "budget": _MONEY,
        "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
    },
}


def _page_of(schema: str) -> dict[str, Any]:
    link = {"type": ["string", "null"], "description": "Absolute address of the page, null when there is none."}
    return {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0, "description": "Matches in all pages."},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": 100},
            "next": link,
            "previous": link,
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
        },
    }


_PAGINATION = [
    {
        "name": "page",
        "in": "query",
        "description": "From 1 (default 1). Past the last page: an empty `results`. 0, negative or not a number: 400.",
        "schema": {"type": "integer", "minimum": 1},
    },
    {
        "name": "page_size",
        "in": "query",
        "description": "1 to 100 (default 20); anything else: 400.",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
]
_PROJECT_FILTERS = [
    {"name": "q", "in": "query", "description": "Free text (at most 200 characters).", "schema": {"type": "string"}},
    {"name": "theme", "in": "query", "description": "Code of a theme.", "schema": {"type": "string"}},
    {"name": "country", "in": "query", "description": "A partner's country (BE, NL).", "schema": {"type": "string"}},
    {"name": "call", "in": "query", "description": "Code of the call.", "schema": {"type": "string"}},
    {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["", "running", "finished"]}},
    {
        "name": "year",
        "in": "query",
        "description": "Projects running at some time in that year (2000-2100).",
        "schema": {"type": "integer"},
    },
]
_CSV = {"description": "", "content": {"text/csv": {"schema": {"type": "string"}}}}
_BAD_QUERY = _error("A parameter is not valid (see `fields`), or the query is too long.")


def _csv(description: str) -> dict[str, Any]:
    return {**_CSV, "description": description}


def _open(
    operation: str, summary: str, parameters: list, responses: dict[str, Any], *, staff: bool = False
) -> dict[str, Any]:
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "tags": ["open data"],
            "security": [{"session": []}] if staff else [],
            "parameters": parameters,
            "responses": responses,
        }
    }


def _open_data_paths() -> dict[str, Any]:
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    keep_eu = {
        "401": _UNAUTHENTICATED,
        "403": _error("Logged in, but only programme staff export for keep.eu (or the second factor is missing)."),
    }
    return {
        "/api/v1/open/projects/": _open(
            "open_projects",
            "Contracted projects (public fields only), newest start first.",
            [*_PROJECT_FILTERS, *_PAGINATION],
            {"200": _json(_page_of("PublicProject"), "One page of projects."), "400": _BAD_QUERY},
        ),
        "/api/v1/open/projects.csv": _open(
            "open_projects_csv",
            "The same projects as CSV (all matches, one row per project).",
            _PROJECT_FILTERS,
            {"200": _csv("UTF-8 with a byte-order mark, comma-separated."), "400": _BAD_QUERY},
        ),
        "/api/v1/open/projects/{slug}/": _open(
            "open_project",
            "One contracted project.",
            [
                {
                    "name": "slug",
                    "in": "path",
                    "required": True,
                    "description": "The project's reference in lower case (`slug` of a project).",
                    "schema": {"type": "string", "pattern": "^[a-z0-9-]{1,40}$"},
                }
            ],
            {
                "200": _json({"$ref": "#/components/schemas/PublicProject"}, "The project."),
                "400": _error("The query is too long."),
                "404": _error("No public project with this reference."),
            },
        ),
        "/api/v1/open/calls/": _open(
            "open_calls",
            "Calls whose window has opened (open or closed), newest first; never a draft.",
            _PAGINATION,
            {"200": _json(_page_of("PublicCall"), "One page of calls."), "400": _BAD_QUERY},
        ),
        "/api/v1/open/calls.csv": _open(
            "open_calls_csv",
            "The same calls as CSV.",
            [],
            {"200": _csv("UTF-8 with a byte-order mark, comma-separated."), "400": _error("The query is too long.")},
        ),
        "/api/v1/open/keep-eu.xlsx": _open(
            "open_keep_eu_xlsx",
            "Contracted projects in keep.eu's shape, one row per partner (programme staff only).",
            [],
            {"200": {"description": "The workbook.", "content": {xlsx: {"schema": {"type": "string"}}}}, **keep_eu},
            staff=True,
        ),
        "/api/v1/open/keep-eu.csv": _open(
            "open_keep_eu_csv",
            "The keep.eu export as CSV (programme staff only).",
            [],
            {"200": _csv("UTF-8 with a byte-order mark, comma-separated."), **keep_eu},
            staff=True,
        ),
    }


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI 3.1 document of /api/v1 (a fresh dict each call: callers may change it)."""
    secured = [{"session": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CrossRoads API",
            "version": API_VERSION,
            "description": "Matchmaking suggestions and profiles for companies, advisers and the secretariat; "
            "assignments for assessors and the ranking for the secretariat. Authenticated with the session "
            "cookie of a normal login (staff: with the second factor passed). The same permission checks and "
            "the same anonymity as the pages apply. Open data (/api/v1/open/) needs no login: the contracted "
            "projects' public fields and the calls, as JSON and CSV (see docs/open-data.md).",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "sessionid"}},
            "schemas": {
                "Error": _ERROR,
                "Suggestion": _SUGGESTION,
                "Profile": _PROFILE,
                "Assignment": _ASSIGNMENT,
                "AssignedApplication": _ASSIGNED_APPLICATION,
                "RankingEntry": _RANKING_ENTRY,
                "Ranking": _RANKING,
                "Theme": _THEME,
                "PublicPartner": _PUBLIC_PARTNER,
                "PublicProject": _PUBLIC_PROJECT,
                "PublicCall": _PUBLIC_CALL,
            },
        },
        "security": secured,
        "paths": {
            "/api/v1/matching/suggestions": {
                "get": {
                    "operationId": "matching_suggestions",
                    "summary": "Partner suggestions for one of the caller's companies or profiles, or a search.",
                    "tags": ["matching"],
                    "parameters": [
                        {
                            "name": "for",
                            "in": "query",
                            "description": "c:<company id> or p:<profile reference> of the caller's own; default: "
                            "the first of them. Anything else answers 404.",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "q",
                            "in": "query",
                            "description": "Free text (500 characters used).",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "seek",
                            "in": "query",
                            "description": "One of the searcher's 'seeks' lines.",
                            "schema": {"type": "string"},
                        },
                        {
                            "name": "country",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "province",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "theme",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "size",
                            "in": "query",
                            "schema": {"type": "array", "items": {"type": "string"}},
                            "style": "form",
                            "explode": True,
                        },
                        {
                            "name": "nace",
                            "in": "query",
                            "description": "Comma-separated NACE code prefixes.",
                            "schema": {"type": "string"},
                        },
                        {"name": "trl_min", "in": "query", "schema": {"type": "integer"}},
                        {"name": "trl_max", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["for", "query", "results"],
                                "properties": {
                                    "for": {"type": "string"},
                                    "query": {"type": "string"},
                                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/Suggestion"}},
                                },
                            },
                            "Up to ten suggestions, best first.",
                        ),
                        "400": _error("A filter value is not valid (see `fields`), or the query is too long."),
                        "401": _UNAUTHENTICATED,
                        "403": _FORBIDDEN,
                        "404": _error("`for` is not one of the caller's companies or profiles."),
                    },
                }
            },
            "/api/v1/matching/profiles/{ref}": {
                "get": {
                    "operationId": "matching_profile",
                    "summary": "A cooperation profile; the company is named only to those who may know it.",
                    "tags": ["matching"],
                    "parameters": [
                        {
                            "name": "ref",
                            "in": "path",
                            "required": True,
                            "description": "The profile's public reference (the `id` of a profile, or a suggestion's "
                            "key without `p:`).",
                            "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                        }
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Profile"}, "The profile."),
                        "400": _error("The query is too long."),
                        "401": _UNAUTHENTICATED,
                        "403": _FORBIDDEN,
                        "404": _error("No such profile, or not one the caller may see."),
                    },
                }
            },
            "/api/v1/assessment/assignments/": {
                "get": {
                    "operationId": "assessment_assignments",
                    "summary": "The caller's own assignments (assessors only).",
                    "tags": ["assessment"],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["assignments"],
                                "properties": {
                                    "assignments": {
                                        "type": "array",
                                        "items": {"$ref": "#/components/schemas/Assignment"},
                                    }
                                },
                            },
                            "The assignments; an application the assessor may not open has no title.",
                        ),
                        "401": _UNAUTHENTICATED,
                        "403": _FORBIDDEN,
                    },
                }
            },
            "/api/v1/assessment/assignments/{assignment_id}/application/": {
                "get": {
                    "operationId": "assessment_assignment_application",
                    "summary": "The application of one of the caller's assignments, after declaring no conflict.",
                    "tags": ["assessment"],
                    "parameters": [{"name": "assignment_id", "in": "path", "required": True, "schema": _ID}],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/AssignedApplication"}, "The application."),
                        "401": _UNAUTHENTICATED,
                        "403": _FORBIDDEN,
                        "404": _error("Not one of the caller's assignments."),
                    },
                }
            },
            "/api/v1/assessment/calls/{call_id}/ranking/": {
                "get": {
                    "operationId": "assessment_ranking",
                    "summary": "The ranking of a call under its rules (secretariat only).",
                    "tags": ["assessment"],
                    "parameters": [{"name": "call_id", "in": "path", "required": True, "schema": _ID}],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Ranking"}, "The ranking, best first."),
                        "401": _UNAUTHENTICATED,
                        "403": _FORBIDDEN,
                        "404": _error("No such call."),
                        "409": _error("The ranking cannot be computed yet (for example: scores are missing)."),
                    },
                }
            },
            **_open_data_paths(),
        },
    }
