"""The API described twice from one declaration (`ros.api.resources.RESOURCES`): an OpenAPI 3.1 document for
programs and a short HTML page for people, both in Dutch or English. The scenario parameters' types, bounds and
choices come from the `Scenario` model's own JSON schema, so the description follows the links' catalogue."""

from __future__ import annotations

from html import escape
from typing import Any

from ros.api.resources import CHART_PARAMETERS, CHART_PATH, MUNICIPALITY, RESOURCES, Resource
from ros.base import config
from ros.base.i18n import translate
from ros.model.progress import MEASURES
from ros.records.scenario import Scenario

_SETTINGS = Scenario.model_json_schema(by_alias=True)["properties"]
_MUNICIPALITY = {"type": "string", "examples": ["GM0153", "Enschede"]}


def _schema(name: str) -> dict[str, Any]:
    """A scenario parameter's schema as a query string carries it (no title; a date or null becomes a date)."""
    schema = {k: v for k, v in _SETTINGS[name].items() if k != "title"}
    if "anyOf" in schema:
        schema = next(s for s in schema.pop("anyOf") if s.get("type") != "null") | schema
        schema.pop("default", None)
    return schema


def _parameters(resource: Resource, lang: str) -> list[dict[str, Any]]:
    common = [
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"},
         "description": translate(lang, "api.param_format")},
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": list(config.LANGUAGES), "default": "nl"},
         "description": translate(lang, "api.param_lang")},
    ]  # fmt: skip
    own = [
        {"name": p, "in": "query", "schema": _schema(p) if p in _SETTINGS else _MUNICIPALITY}
        for p in resource.parameters
    ]
    return common + own


def _responses(lang: str) -> dict[str, Any]:
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {
        "200": {
            "description": translate(lang, "api.response_ok"),
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Answer"}},
                "text/csv": {"schema": {"type": "string"}},
            },
        },
        "400": {"description": translate(lang, "api.response_bad"), "content": error},
        "429": {"description": translate(lang, "api.response_limit"), "content": error},
    }


_COMPONENTS = {
    "schemas": {
        "Answer": {
            "type": "object",
            "required": ["resource", "data_version", "sources", "parameters", "columns", "rows"],
            "properties": {
                "resource": {"type": "string"},
                "data_version": {
                    "type": "object",
                    "properties": {
                        "label": {"type": "string"},
                        "kind": {"type": "string", "enum": ["shipped", "refreshed", "pinned"]},
                        "fetched_at": {"type": ["string", "null"], "format": "date-time"},
                        "fingerprint": {"type": "string"},
                    },
                },
                "sources": {"type": "array", "items": {"type": "object"}},
                "parameters": {"type": "object", "additionalProperties": {"type": "string"}},
                "columns": {"type": "object", "additionalProperties": {"type": "string"}},
                "rows": {"type": "array", "items": {"type": "object"}},
            },
        },
        "Error": {
            "type": "object",
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {"status": {"type": "integer"}, "message": {"type": "string"}},
                }
            },
        },
    }
}


def _chart_operation(lang: str) -> dict[str, Any]:
    """The SVG chart: the language, the municipality and the Voortgang page's measure."""
    language = _parameters(RESOURCES[0], lang)[1]
    own = [
        {"name": MUNICIPALITY, "in": "query", "required": True, "schema": _MUNICIPALITY},
        {"name": "maat", "in": "query", "schema": {"type": "string", "enum": list(MEASURES), "default": MEASURES[1]}},
    ]
    responses = _responses(lang)
    responses["200"] = {
        "description": translate(lang, "api.resource_chart"),
        "content": {"image/svg+xml": {"schema": {"type": "string"}}},
    }
    return {"operationId": "realised_chart", "summary": translate(lang, "api.resource_chart"),
            "parameters": [language, *own], "responses": responses}  # fmt: skip


def document(lang: str) -> dict[str, Any]:
    """The OpenAPI 3.1 document of the API in `lang`."""
    paths = {
        f"/{r.name}": {
            "get": {
                "operationId": r.name,
                "summary": translate(lang, f"api.resource_{r.name}"),
                "parameters": _parameters(r, lang),
                "responses": _responses(lang),
            }
        }
        for r in RESOURCES
    }
    paths[CHART_PATH] = {"get": _chart_operation(lang)}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": translate(lang, "api.title"),
            "version": "1",
            "description": translate(lang, "api.description"),
            "license": {"name": "EUPL-1.2 (code)", "identifier": "EUPL-1.2"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": _COMPONENTS,
    }


def page(lang: str, base: str) -> str:
    """A short HTML page for people: what each resource holds, an example link in JSON and CSV, and the rules."""
    items = []
    for r in RESOURCES:
        link = f"{base}/{r.name}?lang={lang}"
        params = f" <small>({escape(', '.join(r.parameters))})</small>" if r.parameters else ""
        items.append(
            f"<li><code>/{r.name}</code>{params}: {escape(translate(lang, f'api.resource_{r.name}'))} "
            f'<a href="{escape(link)}">JSON</a> · <a href="{escape(link)}&amp;format=csv">CSV</a></li>'
        )
    chart = f"{base}{CHART_PATH}?gemeente=GM0153&lang={lang}"
    items.append(
        f"<li><code>{CHART_PATH}</code> <small>({', '.join(CHART_PARAMETERS)})</small>: "
        f'{escape(translate(lang, "api.resource_chart"))} <a href="{escape(chart)}">SVG</a></li>'
    )
    rules = translate(
        lang, "api.page_rules", rate=f"{config.api_rate_per_minute():g}", burst=config.api_burst(), base=base
    )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(translate(lang, 'api.title'))}</title></head><body>"
        f"<h1>{escape(translate(lang, 'api.title'))}</h1>"
        f"<p>{escape(translate(lang, 'api.description'))}</p>"
        f"<h2>{escape(translate(lang, 'api.page_resources'))}</h2><ul>{''.join(items)}</ul>"
        f"<h2>{escape(translate(lang, 'api.page_rules_title'))}</h2><p>{escape(rules)}</p>"
        f'<p><a href="{escape(base)}/openapi.json?lang={lang}">OpenAPI</a></p></body></html>'
    )
