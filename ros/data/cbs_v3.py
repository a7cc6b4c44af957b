"""OData v3 through `cbsodata`: a table's metadata and data set with CBS's own keys.

We use only `get_info`, `get_meta` and `download_data` (its `get_data` replaces keys by titles). Measures are looked
up in DataProperties by key stem and title, never by their numbered suffix. The service refuses a query of more than
10.000 rows, so a large request is split along its longest list of keys.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import cbsodata

from ros.data.cbs_service import CbsError, Service, quoted, transport
from ros.data.cbs_tables import TableSpec

ROW_LIMIT = 10_000


@contextmanager
def _scheme(service: Service) -> Iterator[None]:
    """Let cbsodata use the service's scheme for the duration of one call (its option is module-wide)."""
    before = cbsodata.options.use_https
    cbsodata.options.use_https = service.https
    try:
        yield
    finally:
        cbsodata.options.use_https = before


def _stem(key: str) -> str:
    """A measure key without its numbered suffix: `Nieuwbouw_2` → `Nieuwbouw`."""
    return re.sub(r"_\d+$", "", key)


def filter_parts(keys: Mapping[str, list[str]], limit: int) -> list[dict[str, list[str]]]:
    """`keys` split along its longest list so that no part asks for more than `limit` cells."""
    total = math.prod(len(v) for v in keys.values())
    if total <= limit:
        return [dict(keys)]
    longest = max(keys, key=lambda name: len(keys[name]))
    others = total // len(keys[longest])
    size = max(1, limit // others)
    return [{**keys, longest: keys[longest][i : i + size]} for i in range(0, len(keys[longest]), size)]


class V3:
    """OData v3 of one service address."""

    protocol = "v3"

    def __init__(self, service: Service) -> None:
        self.service = service
        self._properties: dict[str, list[dict[str, Any]]] = {}

    def _call(self, table: str, fetch: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with _scheme(self.service), transport(table, self.service.url, self.service.timeout):
            return fetch(*args, catalog_url=self.service.host, timeout=self.service.timeout, **kwargs)

    def _data_properties(self, table: str) -> list[dict[str, Any]]:
        if table not in self._properties:
            found = self._call(table, cbsodata.get_meta, table, "DataProperties")
            if not isinstance(found, list):
                raise CbsError(table, "bad_response", url=self.service.url, detail="DataProperties")
            self._properties[table] = found
        return self._properties[table]

    def info(self, table: str) -> dict[str, str]:
        """Title, Modified, Status and Description from TableInfos."""
        info = self._call(table, cbsodata.get_info, table) or {}
        return {
            "Title": str(info.get("Title") or ""),
            "Modified": str(info.get("Modified") or ""),
            "Status": str(info.get("Status") or info.get("OutputStatus") or ""),
            "Description": " ".join(str(info.get(k) or "") for k in ("ShortDescription", "Description")).strip(),
        }

    def dimensions(self, table: str) -> dict[str, str]:
        """Dimensions from DataProperties."""
        kinds = ("Dimension", "GeoDimension", "TimeDimension")
        return {str(p["Key"]): str(p["Type"]) for p in self._data_properties(table) if p.get("Type") in kinds}

    def published_measures(self, table: str) -> dict[str, str]:
        """Topics from DataProperties."""
        return {
            str(p["Key"]): str(p.get("Title", ""))
            for p in self._data_properties(table)
            if p.get("Type") == "Topic" and p.get("Key")
        }

    def measures(self, spec: TableSpec) -> dict[str, str]:
        """Each needed measure by key stem and a word of its title."""
        topics = self.published_measures(spec.id)
        found: dict[str, str] = {}
        for measure in spec.measures:
            by_key = [key for key in topics if _stem(key) == measure.stem]
            matches = [key for key in by_key if measure.title in topics[key].lower()]
            if len(matches) != 1:
                raise CbsError(
                    spec.id,
                    "measure_missing",
                    measure=measure.stem,
                    title=measure.title,
                    found=", ".join(by_key) or "—",
                )
            found[measure.column] = matches[0]
        return found

    def codes(self, table: str, dimension: str) -> list[dict[str, Any]]:
        """The dimension's entity set."""
        entries = self._call(table, cbsodata.get_meta, table, dimension)
        if not isinstance(entries, list):
            raise CbsError(table, "bad_response", url=self.service.url, detail=dimension)
        return entries

    def rows(self, table: str, keys: Mapping[str, list[str]], measures: list[str]) -> list[dict[str, Any]]:
        """The untyped data set, asked for in parts of at most 10.000 rows."""
        found: list[dict[str, Any]] = []
        for part in filter_parts(keys, ROW_LIMIT):
            data = self._call(
                table,
                cbsodata.download_data,
                table,
                typed=False,
                filters=" and ".join(quoted(name, values) for name, values in part.items()),
                select=[*part, *measures],
            )
            # cbsodata 1.3.5 drops the set it was asked for and downloads the other: either has codes as keys.
            rows = (data.get("UntypedDataSet") or data.get("TypedDataSet")) if isinstance(data, dict) else None
            found += rows or []
        return found
