"""OData v4 (datasets.cbs.nl/odata/v1/CBS/{table}): our own small reader, with CBS's codes kept.

A v4 table answers `Properties` (title, modification date, status), `Dimensions` (name and kind), `MeasureCodes`,
one `{Dimension}Codes` list per dimension (periods with their status) and `Observations` in long format: one row
per cell with `Measure` and `Value`, and no row at all for a cell without a figure. Lists come in pages linked by
`@odata.nextLink`. We resolve measures by their declared code only, never by title, and turn the observations into
one row per combination of dimension keys with a field per measure code, the shape the v3 data set has.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import requests

from ros.data.cbs_service import CbsError, Service, quoted, transport
from ros.data.cbs_tables import TableSpec

MAX_PAGES = 10_000


class V4:
    """OData v4 of one service address."""

    protocol = "v4"

    def __init__(self, service: Service) -> None:
        self.service = service
        self.base = service.v4_url.rstrip("/")

    def _get(self, table: str, url: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        with transport(table, self.base, self.service.timeout):
            response = requests.get(url, params=params, timeout=self.service.timeout)
            response.raise_for_status()
            body = response.json()
            if not isinstance(body, dict):
                raise ValueError(url)
            return body

    def _values(self, table: str, entity: str, params: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        """Every row of one list, following `@odata.nextLink` until the last page."""
        url: str | None = f"{self.base}/{table}/{entity}"
        found: list[dict[str, Any]] = []
        seen: set[str] = set()
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise CbsError(table, "bad_response", url=self.base, detail=f"{entity} @odata.nextLink")
            seen.add(url)
            body = self._get(table, url, params)
            page = body.get("value")
            if not isinstance(page, list) or not all(isinstance(row, dict) for row in page):
                raise CbsError(table, "bad_response", url=self.base, detail=entity)
            found += page
            url, params = body.get("@odata.nextLink"), None
        return found

    def info(self, table: str) -> dict[str, str]:
        """Title, Modified, Status and Description from Properties."""
        body = self._get(table, f"{self.base}/{table}/Properties")
        if "Title" not in body:
            raise CbsError(table, "bad_response", url=self.base, detail="Properties")
        return {
            "Title": str(body.get("Title") or ""),
            "Modified": str(body.get("Modified") or ""),
            "Status": str(body.get("Status") or ""),
            "Description": str(body.get("Description") or ""),
        }

    def dimensions(self, table: str) -> dict[str, str]:
        """Dimensions by Identifier with their Kind."""
        found = self._values(table, "Dimensions")
        with transport(table, self.base, self.service.timeout):
            return {str(d["Identifier"]): str(d.get("Kind", "")) for d in found}

    def published_measures(self, table: str) -> dict[str, str]:
        """MeasureCodes by Identifier with their Title."""
        found = self._values(table, "MeasureCodes")
        with transport(table, self.base, self.service.timeout):
            return {str(m["Identifier"]): str(m.get("Title", "")) for m in found}

    def measures(self, spec: TableSpec) -> dict[str, str]:
        """Each needed measure by its declared code."""
        published = self.published_measures(spec.id)
        for measure in spec.measures:
            if measure.code not in published:
                raise CbsError(
                    spec.id,
                    "code_missing",
                    measure=measure.code,
                    title=measure.title,
                    found=", ".join(published) or "—",
                )
        return {measure.column: measure.code for measure in spec.measures}

    def codes(self, table: str, dimension: str) -> list[dict[str, Any]]:
        """The dimension's code list as Key, Title and Status."""
        found = self._values(table, f"{dimension}Codes")
        with transport(table, self.base, self.service.timeout):
            return [
                {"Key": str(c["Identifier"]), "Title": str(c.get("Title", "")), "Status": c.get("Status")}
                for c in found
            ]

    def rows(self, table: str, keys: Mapping[str, list[str]], measures: list[str]) -> list[dict[str, Any]]:
        """Observations for the keys and measures, one row per combination of dimension keys."""
        clauses = [quoted("Measure", measures), *(quoted(name, values) for name, values in keys.items())]
        observations = self._values(table, "Observations", {"$filter": " and ".join(clauses)})
        with transport(table, self.base, self.service.timeout):
            return self._wide(observations, keys)

    @staticmethod
    def _wide(observations: list[dict[str, Any]], keys: Mapping[str, list[str]]) -> list[dict[str, Any]]:
        """Long observations as one row per combination of the asked keys with a field per measure code; a
        combination without any observation (all its cells empty) still gets its row, as v3 gives it; no
        observations at all is no rows."""
        if not observations:
            return []
        wide: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = {}
        for cell in observations:
            where = tuple((name, cell[name]) for name in keys)
            row = wide.setdefault(where, dict(where))
            value = cell.get("Value")
            row[str(cell["Measure"])] = cell.get("StringValue") if value is None else value
        for combination in itertools.product(*keys.values()):
            where = tuple(zip(keys, combination, strict=True))
            wide.setdefault(where, dict(where))
        return list(wide.values())
