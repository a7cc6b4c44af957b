"""Municipal boundaries of the 14 Twente municipalities for the map.

The boundaries are CBS's generalised municipal boundaries (CBS Gebiedsindelingen, on Kadaster's Bestuurlijke
Gebieden), fetched at run time from PDOK's OGC API Features, collection `gemeente_gegeneraliseerd`, for one
chosen year (`datetime=<year>-07-01`, checked again on the client through `jaarcode`). The API also returns
neighbouring municipalities inside the bounding box; only the 14 Twente codes are kept. After a successful
download the filtered FeatureCollection is cached on disk (one file per year) and used from then on without the
network. A local GeoJSON (`ROS_BOUNDARIES_FILE`) replaces PDOK entirely. Coordinates are rounded to 5 decimals
(about 1 m), which keeps the map payload small. Nothing here raises to the page: every failure becomes a
`Boundaries` without geometry and a one-line Dutch `problem`, and the map then falls back to tiles.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import shape

from ros.base import config
from ros.base.i18n import translate
from ros.data.catalog import TWENTE_CODES

SOURCE_ID = "pdok_gebiedsindelingen"
# Twente's bounding box in lon/lat (CRS84) with a small margin; PDOK also returns the neighbours it touches.
TWENTE_BBOX = (6.30, 52.10, 7.10, 52.52)
DECIMALS = 5
PAGE_LIMIT = 1000
MAX_PAGES = 20  # a cursor that never ends is refused rather than followed forever
MAX_RESPONSE_BYTES = 50 * 1024 * 1024

JSONObject = dict[str, Any]  # a parsed JSON object: a GeoJSON collection, a feature, its properties or geometry


@dataclass(frozen=True)
class Boundaries:
    """The boundaries for the map, where they came from, and what went wrong if they are missing."""

    geojson: JSONObject | None
    origin: str  # "file" | "cache" | "pdok" | "none"
    year: int
    problem: str | None
    source_id: str = SOURCE_ID
    # The catalogue key and values of `problem`, so the UI can show it in the chosen language.
    problem_key: str | None = None
    problem_values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """The boundary settings as the environment has them at call time (see ros/base/config.py)."""

    file: str | None
    cache_dir: Path
    url: str
    offline: bool


def settings() -> Settings:
    """The boundary settings of `ros.base.config` now, so that tests and deployments can change them."""
    return Settings(
        file=config.boundaries_file(), cache_dir=config.cache_dir(), url=config.pdok_url(), offline=config.offline()
    )


class BoundaryError(Exception):
    """A reason why boundaries cannot be used: a catalogue key (`geo.<key>`) and its values."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def cache_path(cache_dir: Path, year: int) -> Path:
    """The cache file of one year's filtered boundaries."""
    return Path(cache_dir) / f"twente_gemeenten_{year}.geojson"


def load_boundaries(
    year: int = 2024,
    *,
    file: str | None = None,
    cache_dir: Path | None = None,
    url: str = config.DEFAULT_PDOK_URL,
    offline: bool = False,
    timeout: float = 10.0,
) -> Boundaries:
    """The 14 municipal boundaries of `year`: from `file` if set, else the disk cache in `cache_dir` (none when
    None), else PDOK (then cached). `settings()` gives the deployment's arguments."""
    try:
        if file:
            return Boundaries(_read_file(Path(file), year), "file", year, None)
        cached = None if cache_dir is None else _read_cache(cache_path(cache_dir, year), year)
        if cached is not None:
            return Boundaries(cached, "cache", year, None)
        if offline:
            raise BoundaryError("problem_offline")
        geojson = download(year, url=url, timeout=timeout)
        if cache_dir is not None:
            _write_cache(cache_path(cache_dir, year), geojson)
        return Boundaries(geojson, "pdok", year, None)
    except BoundaryError as error:
        dutch = {k: str(v).replace(".", ",") if isinstance(v, float) else v for k, v in error.values.items()}
        text = f"{translate('nl', 'geo.' + error.key, **dutch)} {translate('nl', 'geo.fallback')}"
        return Boundaries(None, "none", year, text, problem_key=f"geo.{error.key}", problem_values=error.values)


def download(year: int, *, url: str = config.DEFAULT_PDOK_URL, timeout: float = 10.0) -> JSONObject:
    """Fetch every page of `year`'s municipalities in Twente's bounding box from PDOK and keep the 14."""
    query = {
        "f": "json",
        "limit": PAGE_LIMIT,
        "datetime": f"{year}-07-01T00:00:00Z",
        "bbox": ",".join(str(v) for v in TWENTE_BBOX),
    }
    next_url: str | None = f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(query)}"
    features: list[JSONObject] = []
    seen: set[str] = set()
    while next_url:
        if next_url in seen or len(seen) >= MAX_PAGES:
            raise BoundaryError("problem_paging", pages=len(seen))
        seen.add(next_url)
        page = _get_json(next_url, timeout)
        if page.get("type") != "FeatureCollection" or not isinstance(page.get("features"), list):
            raise BoundaryError("problem_malformed")
        features.extend(page["features"])
        links = [link for link in page.get("links") or [] if isinstance(link, dict)]
        next_url = next((link.get("href") for link in links if link.get("rel") == "next"), None)
    _check_year(features, year)
    return normalise({"type": "FeatureCollection", "features": features}, year)


def _get_json(url: str, timeout: float) -> JSONObject:
    """One GET answered with JSON; network trouble, error statuses and bad JSON become a BoundaryError."""
    request = urllib.request.Request(url, headers={"Accept": "application/geo+json, application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise BoundaryError("problem_http", status=error.code) from error
    except TimeoutError as error:
        raise BoundaryError("problem_timeout", seconds=_seconds(timeout)) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise BoundaryError("problem_timeout", seconds=_seconds(timeout)) from error
        raise BoundaryError("problem_network", reason=str(error.reason)) from error
    except OSError as error:
        raise BoundaryError("problem_network", reason=str(error)) from error
    if len(body) > MAX_RESPONSE_BYTES:
        raise BoundaryError("problem_malformed")
    try:
        page = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BoundaryError("problem_malformed") from error
    if not isinstance(page, dict):
        raise BoundaryError("problem_malformed")
    return page


def _seconds(timeout: float) -> int | float:
    """A timeout as it reads best: 10 rather than 10.0."""
    return int(timeout) if float(timeout).is_integer() else float(timeout)


def _feature_year(properties: JSONObject) -> int | None:
    """The boundary year a feature states (`jaarcode`, our `year`, else the prefix of `jrstatcode`), or None."""
    value = properties.get("jaarcode", properties.get("year"))
    if value is None and isinstance(properties.get("jrstatcode"), str) and properties["jrstatcode"][:4].isdigit():
        value = properties["jrstatcode"][:4]
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _check_year(features: list[JSONObject], year: int, required: bool = True) -> None:
    """Refuse features of another year (PDOK must answer with the year asked for; `required` refuses no year)."""
    found = {_feature_year(f.get("properties") or {}) for f in features if isinstance(f, dict)}
    wrong = sorted(str(y) for y in found if y != year and (y is not None or required))
    if wrong:
        shown = ", ".join("?" if y == "None" else y for y in wrong)
        raise BoundaryError("problem_wrong_year", found=shown, year=year)


def _round(coordinates: Any) -> Any:
    """Coordinates (nested lists) rounded to DECIMALS places."""
    if isinstance(coordinates, list | tuple) and coordinates and isinstance(coordinates[0], int | float):
        return [round(float(c), DECIMALS) for c in coordinates[:2]]
    return [_round(part) for part in coordinates]


def _code(properties: JSONObject) -> str | None:
    return properties.get("code") or properties.get("statcode")


def _name(properties: JSONObject) -> str | None:
    return properties.get("name") or properties.get("naam") or properties.get("statnaam")


def normalise(collection: JSONObject, year: int) -> JSONObject:
    """The 14 Twente features of a FeatureCollection with properties code/name/year, id = code, rounded
    coordinates; refuses missing or duplicate municipalities and invalid geometries."""
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        raise BoundaryError("problem_malformed")
    kept: dict[str, JSONObject] = {}
    for feature in collection["features"]:
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            raise BoundaryError("problem_malformed")
        code = _code(feature["properties"])
        if code not in TWENTE_CODES:
            continue
        if code in kept:
            raise BoundaryError("problem_duplicate", codes=code)
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise BoundaryError("problem_invalid_geometry", codes=code)
        try:
            geometry = {"type": geometry["type"], "coordinates": _round(geometry["coordinates"])}
        except (KeyError, TypeError, ValueError) as error:
            raise BoundaryError("problem_invalid_geometry", codes=code) from error
        properties = {"code": code, "name": _name(feature["properties"]) or code, "year": year}
        kept[code] = {"type": "Feature", "id": code, "properties": properties, "geometry": geometry}
    missing = sorted(TWENTE_CODES - set(kept))
    if missing:
        raise BoundaryError("problem_missing", count=len(missing), codes=", ".join(missing))
    invalid = [code for code, feature in kept.items() if not _valid(feature["geometry"])]
    if invalid:
        raise BoundaryError("problem_invalid_geometry", codes=", ".join(sorted(invalid)))
    return {"type": "FeatureCollection", "features": [kept[code] for code in sorted(kept)]}


def _valid(geometry: JSONObject) -> bool:
    """True when shapely reads the geometry as a valid, non-empty (multi)polygon."""
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, IndexError, AttributeError):
        return False
    return polygon.is_valid and not polygon.is_empty


def _read_json_file(path: Path) -> object:
    """A JSON file's content (any JSON value: the caller checks its shape); unreadable or not JSON gives a
    BoundaryError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BoundaryError("problem_file_missing", path=str(path)) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BoundaryError("problem_file_invalid", path=str(path)) from error


def _read_file(path: Path, year: int) -> JSONObject:
    """The configured local file, normalised; a stated year other than `year` is refused."""
    collection = _read_json_file(path)
    if not isinstance(collection, dict) or not isinstance(collection.get("features"), list):
        raise BoundaryError("problem_file_invalid", path=str(path))
    features = [f for f in collection["features"] if isinstance(f, dict)]
    twente = [f for f in features if _code(f.get("properties") or {}) in TWENTE_CODES]
    _check_year(twente, year, required=False)
    return normalise(collection, year)


def _read_cache(path: Path, year: int) -> JSONObject | None:
    """The cached boundaries of `year`, or None when there is no usable cache (a broken cache is ignored)."""
    if not path.exists():
        return None
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        _check_year(collection["features"], year)
        return normalise(collection, year)
    except (OSError, ValueError, KeyError, TypeError, BoundaryError):
        return None


def _write_cache(path: Path, geojson: JSONObject) -> None:
    """Store the filtered boundaries atomically; a cache that cannot be written only costs a later download."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(payload(geojson), encoding="utf-8")
        partial.replace(path)
    except OSError:
        return


def payload(geojson: JSONObject) -> str:
    """The GeoJSON as compact JSON text (what the cache holds and, roughly, what the map sends)."""
    return json.dumps(geojson, separators=(",", ":"), ensure_ascii=False)
