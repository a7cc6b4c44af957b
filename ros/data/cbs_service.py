"""Where the CBS open-data services are and what goes wrong talking to them: addresses, timeout, the failure type.

CBS serves StatLine through two protocols: OData v3 (ROS_CBS_URL, default https://opendata.cbs.nl, read through
`cbsodata`) and OData v4 (ROS_CBS_V4_URL, default https://datasets.cbs.nl/odata/v1/CBS, read by `ros.data.cbs_v4`).
ROS_CBS_PROTOCOLS says which to try, in order (default v4, then v3). Every transport or format failure of either
becomes a `CbsError` that names the table and the problem, so the refresh can stop with one clear message.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

import requests

from ros.base.i18n import translate
from ros.data.cbs_tables import TableSpec

PROTOCOLS = ("v4", "v3")


def seconds(value: float, lang: str) -> str:
    """A timeout as people write it: 0,5 in Dutch, 0.5 in English."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


class CbsError(Exception):
    """A refresh step that failed on one CBS table; `message(lang)` says which table and what went wrong."""

    def __init__(self, table: str, problem: str, **details: Any) -> None:
        super().__init__(f"{table}: {problem} {details}")
        self.table, self.problem, self.details = table, problem, details

    def message(self, lang: str = "nl") -> str:
        """One paragraph naming the table and the problem (on each protocol tried), in `lang`."""
        details = dict(self.details)
        if isinstance(timeout := details.get("seconds"), float | int):
            details["seconds"] = seconds(float(timeout), lang)
        for protocol in PROTOCOLS:
            if isinstance(cause := details.get(protocol), CbsError):
                details[protocol] = cause.message(lang)
        return translate(lang, f"refresh.error_{self.problem}", table=self.table, **details)


@dataclass(frozen=True)
class Service:
    """Where to reach CBS: the v3 and v4 addresses (an empty one is not tried) and the timeout per request."""

    url: str
    timeout: float
    v4_url: str = ""

    @property
    def protocols(self) -> tuple[str, ...]:
        """The protocols to try for each table, in order: v4 first when it has an address, then v3."""
        return tuple(p for p, address in (("v4", self.v4_url), ("v3", self.url)) if address)

    def address(self, protocol: str) -> str:
        """The base address of `protocol`."""
        return self.v4_url if protocol == "v4" else self.url

    @property
    def host(self) -> str:
        """Host, port and path of the v3 service as `cbsodata` wants its catalog_url (without the scheme)."""
        parts = urlsplit(self.url)
        return (parts.netloc + parts.path).rstrip("/")

    @property
    def https(self) -> bool:
        """Whether the v3 service is reached over https."""
        return urlsplit(self.url).scheme != "http"


def quoted(dimension: str, keys: list[str]) -> str:
    """An OData filter clause that keeps `keys` of `dimension` (the same form in v3 and v4)."""
    return "(" + " or ".join(f"{dimension} eq '{key}'" for key in keys) + ")"


@contextmanager
def transport(table: str, url: str, timeout: float) -> Iterator[None]:
    """Turn every transport or format failure inside the block into a CbsError naming `table` and `url`."""
    try:
        yield
    except requests.Timeout:
        raise CbsError(table, "timeout", url=url, seconds=timeout) from None
    except requests.ConnectionError as error:
        text = str(error)
        dns = any(s in text for s in ("NameResolution", "Name or service not known", "getaddrinfo", "nodename"))
        raise CbsError(table, "dns" if dns else "network", url=url) from None
    except requests.HTTPError as error:
        response = getattr(error.__cause__, "response", None)
        response = error.response if response is None else response
        status = getattr(response, "status_code", "?")
        raise CbsError(table, "http", url=url, status=status) from None
    except (requests.RequestException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CbsError(table, "bad_response", url=url, detail=type(error).__name__) from None


class Reader(Protocol):
    """One protocol's view of a table, in the same shapes for v3 and v4 (keys exactly as CBS spells them)."""

    protocol: str
    service: Service

    def info(self, table: str) -> dict[str, str]:
        """Title, Modified, Status and Description of the table."""
        ...

    def dimensions(self, table: str) -> dict[str, str]:
        """Each dimension's name → its kind: Dimension, GeoDimension or TimeDimension."""
        ...

    def published_measures(self, table: str) -> dict[str, str]:
        """Each measure's key (v3) or code (v4) → its title."""
        ...

    def measures(self, spec: TableSpec) -> dict[str, str]:
        """Our column → the table's measure key or code; CbsError `measure_missing` when one is gone."""
        ...

    def codes(self, table: str, dimension: str) -> list[dict[str, Any]]:
        """The entries of one dimension: Key (padding kept), Title and Status."""
        ...

    def rows(self, table: str, keys: Mapping[str, list[str]], measures: list[str]) -> list[dict[str, Any]]:
        """Data rows for the given dimension keys, one per cell combination, one field per measure; a cell CBS
        leaves empty is absent or empty."""
        ...
