"""The read-only HTTP API as a Starlette application, mounted at /api/v1 beside the pages in the dashboard's own
server (`app.py` hands `routes()` to `st.App`, so `make run` and every deployment carry it).

Each resource answers GET as JSON (the default) or CSV (`format=csv`), with headers and messages in Dutch or English
(`lang`); every answer names the data version in use and its sources (in the JSON body, and as `X-ROS-Data-Version`
and `X-ROS-Sources` headers, also on a CSV). Unknown values are `null` in JSON and an empty cell in CSV, never 0.
Requests are limited per client address (`ros.api.limits`, settings in `ros.base.config`); a refusal is a 4xx with a
message in the reader's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ros.api import limits, openapi
from ros.api.resources import (
    CHART_PATH,
    RESOURCES,
    Answer,
    ParameterError,
    Resource,
    realised_chart,
    snapshot,
    version_of,
)
from ros.base import config
from ros.base.columns import header
from ros.base.i18n import translate
from ros.present import exports

PREFIX = "/api/v1"
FORMATS = ("json", "csv")
COMMON = ("format", "lang")
OPEN = {"Access-Control-Allow-Origin": "*"}  # public, read-only data: any website may fetch it


def _lang(request: Request) -> str:
    """The reader's language: `lang` when it is nl or en, else Dutch (a bad value is refused by `_query`)."""
    value = request.query_params.get("lang", config.DEFAULT_LANGUAGE)
    return value if value in config.LANGUAGES else config.DEFAULT_LANGUAGE


def _error(status: int, text: str, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": text}}, status, headers={**OPEN, **(headers or {})})


def _query(request: Request, lang: str, formats: tuple[str, ...] = FORMATS) -> tuple[str, dict[str, str]]:
    """The format and the resource's own parameters; a repeated parameter or a bad format or language is refused."""
    repeated = sorted({k for k in request.query_params if len(request.query_params.getlist(k)) > 1})
    if repeated:
        raise ParameterError(translate(lang, "api.repeated_parameters", names=", ".join(repeated)))
    params = dict(request.query_params)
    if params.get("lang", config.DEFAULT_LANGUAGE) not in config.LANGUAGES:
        known = ", ".join(config.LANGUAGES)
        raise ParameterError(translate(lang, "api.bad_choice", name="lang", value=params["lang"], known=known))
    kind = params.get("format", formats[0])
    if kind not in formats:
        raise ParameterError(translate(lang, "api.bad_choice", name="format", value=kind, known=", ".join(formats)))
    return kind, {k: v for k, v in params.items() if k not in COMMON}


def _plain(value: Any) -> Any:
    """A cell as JSON: None for every kind of unknown, Python numbers, ISO dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating) and math.isnan(value):
        return None
    if isinstance(value, np.integer | np.bool_):
        return value.item()
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [{c: _plain(v) for c, v in zip(columns, row, strict=True)} for row in frame.itertuples(index=False)]


def _sources(ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The named sources with their title, publisher, date, reference and licence."""
    table = snapshot()["sources"].set_index("id")
    fields = ["title", "publisher", "date", "reference", "licence"]
    return [{"id": i, **{f: _plain(table.at[i, f]) for f in fields}} for i in ids if i in table.index]


def _headers(sources: tuple[str, ...]) -> dict[str, str]:
    """What every answer carries besides its body: the data version in use and the sources, and that anyone may read
    it."""
    return {**OPEN, "X-ROS-Data-Version": snapshot().version.label, "X-ROS-Sources": " ".join(sources)}


def _answer(resource: Resource, answer: Answer, kind: str, lang: str) -> Response:
    headers = _headers(answer.sources)
    if kind == "csv":
        body = exports.csv_bytes(exports.localise(answer.frame, lang))
        disposition = f'attachment; filename="ros-twente-{resource.name}-{lang}.csv"'
        return Response(
            body, media_type="text/csv; charset=utf-8", headers=headers | {"Content-Disposition": disposition}
        )
    document = {
        "resource": resource.name,
        "data_version": version_of(snapshot()),
        "sources": _sources(answer.sources),
        "parameters": dict(answer.parameters),
        "columns": {str(c): header(str(c), lang) for c in answer.frame.columns},
        "rows": _records(answer.frame),
    }
    return JSONResponse(document, headers=headers)


def _endpoint(resource: Resource) -> Any:
    def respond(request: Request) -> Response:
        lang = _lang(request)
        try:
            kind, params = _query(request, lang)
            answer = resource.build(params, lang)
        except ParameterError as refusal:
            return _error(400, refusal.text)
        return _answer(resource, answer, kind, lang)

    respond.__name__ = resource.name
    return respond


def _chart(request: Request) -> Response:
    lang = _lang(request)
    try:
        _, params = _query(request, lang, ("svg",))
        picture = realised_chart(params, lang)
    except ParameterError as refusal:
        return _error(400, refusal.text)
    return Response(picture.svg, media_type="image/svg+xml", headers=_headers(picture.sources))


def _openapi(request: Request) -> Response:
    return JSONResponse(openapi.document(_lang(request)), headers=OPEN)


def _page(request: Request) -> Response:
    return HTMLResponse(openapi.page(_lang(request), str(request.base_url).rstrip("/") + PREFIX))


def _http_error(request: Request, exc: Exception) -> Response:
    """A path the API does not have (404), a method other than GET (405), anything else, in the reader's language."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    key = {404: "api.not_found", 405: "api.read_only"}.get(status, "api.failed")
    return _error(status, translate(_lang(request), key, path=request.url.path))


class RateLimit:
    """Refuses a client address's request with 429 (and Retry-After) once its token bucket is empty."""

    def __init__(self, app: ASGIApp, bucket: limits.TokenBucket) -> None:
        self.app = app
        self.bucket = bucket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            wait = self.bucket.take(client[0] if client else "")
            if wait > 0:
                request = Request(scope)
                text = translate(_lang(request), "api.too_many", seconds=math.ceil(wait))
                await _error(429, text, {"Retry-After": str(math.ceil(wait))})(scope, receive, send)
                return
        await self.app(scope, receive, send)


def application() -> ASGIApp:
    """The API as its own application behind the rate limit (read from the configuration now)."""
    routes = [
        Route("/", _page, methods=["GET"]),
        Route("/openapi.json", _openapi, methods=["GET"]),
        *(Route(f"/{r.name}", _endpoint(r), methods=["GET"]) for r in RESOURCES),
        Route(CHART_PATH, _chart, methods=["GET"]),
    ]
    api = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    bucket = limits.TokenBucket(config.api_rate_per_minute(), config.api_burst())
    return RateLimit(api, bucket)


def routes() -> list[BaseRoute]:
    """The routes to hand to the dashboard's server: the API mounted at /api/v1."""
    return [Mount(PREFIX, app=application())]
