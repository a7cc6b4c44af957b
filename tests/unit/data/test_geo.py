"""ros.data.geo: the PDOK downloader against a local server that answers like the OGC API, the disk cache, the
local-file setting and every refusal. The payload is built at test time from the shared development boundaries
(ROS_TEST_BOUNDARIES, never copied into the repository) plus synthetic neighbours outside Twente."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ros.data import geo
from ros.data.catalog import TWENTE_CODES
from tests.support.boundaries import boundaries_file

YEAR = 2024


def _square(lon: float, lat: float, size: float = 0.05) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


# Neighbours that PDOK's bounding box also returns; they must be filtered out.
NEIGHBOURS = (
    ("GM0177", "Raalte", 6.30, 52.35),
    ("GM0160", "Hardenberg", 6.55, 52.52),
    ("GM1859", "Berkelland", 6.55, 52.10),
)


@pytest.fixture(scope="module")
def shared_boundaries() -> dict:
    """The shared development file (read at test time); the tests are skipped without it."""
    return json.loads(Path(boundaries_file()).read_text(encoding="utf-8"))


def api_features(shared: dict, year: int = YEAR) -> list[dict]:
    """Twente and neighbour features as PDOK sends them (statcode, statnaam, jaarcode, full precision)."""
    features = []
    for number, feature in enumerate(shared["features"]):
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "id": number + 1,
                "properties": {
                    "statcode": props["statcode"],
                    "statnaam": props["statnaam"],
                    "jrstatcode": f"{year}{props['statcode']}",
                    "jaarcode": year,
                    "rubriek": "gemeente",
                    "id": number + 1,
                },
                "geometry": copy.deepcopy(feature["geometry"]),
            }
        )
    for code, name, lon, lat in NEIGHBOURS:
        properties = {"statcode": code, "statnaam": name, "jrstatcode": f"{year}{code}", "jaarcode": year}
        features.append({"type": "Feature", "id": code, "properties": properties, "geometry": _square(lon, lat)})
    return features


class FakePdok:
    """A local HTTP server answering like PDOK's items endpoint; `mode` chooses the answer."""

    def __init__(self) -> None:
        self.mode = "pages"
        self.features: list[dict] = []
        self.requests: list[str] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                api.requests.append(self.path)
                status, body = api.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", "application/geo+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/collections/gemeente_gegeneraliseerd/items"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def page(self, features: list[dict], next_href: str | None) -> bytes:
        links = [{"rel": "self", "href": self.url, "type": "application/geo+json"}]
        if next_href:
            links.append({"rel": "next", "href": next_href, "type": "application/geo+json"})
        envelope = {"type": "FeatureCollection", "links": links, "numberReturned": len(features), "features": features}
        return json.dumps(envelope).encode()

    def answer(self, path: str) -> tuple[int, bytes]:
        cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("cursor")
        if self.mode in ("500", "404"):
            return int(self.mode), json.dumps({"code": "Error", "description": "failure"}).encode()
        if self.mode == "slow":
            time.sleep(2)
            return 200, self.page(self.features, None)
        if self.mode == "malformed":
            return 200, b'{"type": "FeatureCollection", "features": [ {"type": '
        if self.mode == "not_geojson":
            return 200, json.dumps({"type": "Feature", "hello": "world"}).encode()
        if self.mode == "loop":
            return 200, self.page(self.features[:1], f"{self.url}?f=json&cursor=again")
        half = len(self.features) // 2
        if cursor:  # the second page
            return 200, self.page(self.features[half:], None)
        return 200, self.page(self.features[:half], f"{self.url}?f=json&limit=1000&cursor=Mjk%3D")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def pdok(shared_boundaries: dict) -> Iterator[FakePdok]:
    server = FakePdok()
    server.features = api_features(shared_boundaries)
    yield server
    server.close()


def fetch(server: FakePdok, cache_dir: Path, year: int = YEAR, timeout: float = 5.0) -> geo.Boundaries:
    return geo.load_boundaries(year, file=None, cache_dir=cache_dir, url=server.url, offline=False, timeout=timeout)


def codes(boundaries: geo.Boundaries) -> set[str]:
    assert boundaries.geojson is not None
    return {f["properties"]["code"] for f in boundaries.geojson["features"]}


def max_decimals(coordinates: float | list[Any]) -> int:
    if isinstance(coordinates, float):
        text = repr(coordinates)
        return len(text.split(".")[1]) if "." in text and "e" not in text else 0
    if isinstance(coordinates, int):
        return 0
    return max(max_decimals(c) for c in coordinates)


def test_download_follows_next_link_filters_neighbours_and_caches(pdok: FakePdok, tmp_path: Path) -> None:
    result = fetch(pdok, tmp_path)

    assert (result.origin, result.problem, result.year) == ("pdok", None, 2024)
    assert result.source_id == "pdok_gebiedsindelingen"
    assert codes(result) == TWENTE_CODES
    assert result.geojson is not None
    assert len(result.geojson["features"]) == 14
    assert result.geojson is not None
    assert all(f["id"] == f["properties"]["code"] for f in result.geojson["features"])
    assert result.geojson is not None
    names = {f["properties"]["code"]: f["properties"]["name"] for f in result.geojson["features"]}
    assert names["GM0153"] == "Enschede"
    assert names["GM0164"] == "Hengelo (O.)"
    # Two requests: the first with the year, limit and bounding box; the second exactly the `next` link.
    assert len(pdok.requests) == 2
    first = urllib.parse.parse_qs(urllib.parse.urlsplit(pdok.requests[0]).query)
    assert first["datetime"] == ["2024-07-01T00:00:00Z"]
    assert first["limit"] == ["1000"]
    assert first["f"] == ["json"]
    assert [float(v) for v in first["bbox"][0].split(",")] == [6.30, 52.10, 7.10, 52.52]
    assert pdok.requests[1].endswith("?f=json&limit=1000&cursor=Mjk%3D")
    # Both pages contributed Twente features (the split is in the middle of the list).
    first_page_codes = {f["properties"]["statcode"] for f in pdok.features[: len(pdok.features) // 2]}
    assert first_page_codes & TWENTE_CODES
    assert TWENTE_CODES - first_page_codes
    # Coordinates are rounded to 5 decimals; the cache holds the same filtered collection.
    assert result.geojson is not None
    assert max_decimals([f["geometry"]["coordinates"] for f in result.geojson["features"]]) <= 5
    cached = json.loads(geo.cache_path(tmp_path, 2024).read_text(encoding="utf-8"))
    assert cached == result.geojson
    assert result.geojson is not None
    size = len(geo.payload(result.geojson).encode())
    print(f"boundaries payload: {size} bytes")
    assert 10_000 < size <= 150_000


def test_cache_is_used_without_the_network(pdok: FakePdok, tmp_path: Path) -> None:
    first = fetch(pdok, tmp_path)
    pdok.close()  # the server is gone: a second call must not need it

    second = fetch(pdok, tmp_path)
    offline = geo.load_boundaries(YEAR, file=None, cache_dir=tmp_path, url=pdok.url, offline=True)

    assert (second.origin, second.problem) == ("cache", None)
    assert second.geojson == first.geojson
    assert offline.origin == "cache"
    assert codes(offline) == TWENTE_CODES
    assert len(pdok.requests) == 2


def test_cache_of_another_year_is_not_used(pdok: FakePdok, tmp_path: Path) -> None:
    fetch(pdok, tmp_path)
    other = geo.load_boundaries(2023, file=None, cache_dir=tmp_path, url=pdok.url, offline=True)
    assert other.geojson is None
    assert other.problem_key == "geo.problem_offline"


def test_broken_cache_is_ignored_and_downloaded_again(pdok: FakePdok, tmp_path: Path) -> None:
    geo.cache_path(tmp_path, YEAR).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    result = fetch(pdok, tmp_path)
    assert result.origin == "pdok"
    assert codes(result) == TWENTE_CODES
    assert json.loads(geo.cache_path(tmp_path, YEAR).read_text(encoding="utf-8")) == result.geojson


@pytest.mark.parametrize("status", ["500", "404"])
def test_error_status_gives_a_dutch_problem_and_no_cache(pdok: FakePdok, tmp_path: Path, status: str) -> None:
    pdok.mode = status
    result = fetch(pdok, tmp_path)
    assert (result.geojson, result.origin) == (None, "none")
    assert result.problem == (
        f"Geen gemeentegrenzen: PDOK gaf een foutmelding (HTTP {status}). "
        "De kaart toont de gemeenten daarom als tegels."
    )
    assert result.problem_values == {"status": int(status)}
    assert not geo.cache_path(tmp_path, YEAR).exists()


def test_wrong_year_is_refused(pdok: FakePdok, tmp_path: Path, shared_boundaries: dict) -> None:
    pdok.features = api_features(shared_boundaries, year=2023)
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem is not None
    assert result.problem.startswith(
        "Geen gemeentegrenzen: de grenzen zijn van 2023, niet van het gevraagde jaar 2024."
    )
    assert not geo.cache_path(tmp_path, YEAR).exists()


def test_one_feature_of_another_year_is_enough_to_refuse(pdok: FakePdok, tmp_path: Path) -> None:
    pdok.features[3]["properties"]["jaarcode"] = 2019
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem_values == {"found": "2019", "year": 2024}


def test_timeout_gives_a_problem_with_dutch_decimal_comma(pdok: FakePdok, tmp_path: Path) -> None:
    pdok.mode = "slow"
    started = time.monotonic()
    result = fetch(pdok, tmp_path, timeout=0.5)
    assert time.monotonic() - started < 1.9
    assert result.geojson is None
    assert result.problem is not None
    assert result.problem.startswith("Geen gemeentegrenzen: PDOK antwoordde niet binnen 0,5 seconden.")
    assert result.problem_values == {"seconds": 0.5}


@pytest.mark.parametrize("mode", ["malformed", "not_geojson"])
def test_malformed_answer_gives_a_problem(pdok: FakePdok, tmp_path: Path, mode: str) -> None:
    pdok.mode = mode
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem is not None
    assert result.problem.startswith("Geen gemeentegrenzen: het antwoord van PDOK was geen bruikbare GeoJSON.")


def test_endless_paging_is_stopped(pdok: FakePdok, tmp_path: Path) -> None:
    pdok.mode = "loop"
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem_key == "geo.problem_paging"
    assert len(pdok.requests) == 2  # the first page and the repeated cursor, which is not followed again


def test_unreachable_server_gives_a_problem(tmp_path: Path) -> None:
    server = FakePdok()
    url = server.url
    server.close()
    result = geo.load_boundaries(YEAR, file=None, cache_dir=tmp_path, url=url, offline=False, timeout=2)
    assert result.geojson is None
    assert result.problem_key == "geo.problem_network"
    assert result.problem is not None
    assert result.problem.startswith("Geen gemeentegrenzen: PDOK was niet bereikbaar (")


def test_missing_municipality_is_refused(pdok: FakePdok, tmp_path: Path) -> None:
    pdok.features = [f for f in pdok.features if f["properties"]["statcode"] != "GM0183"]
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem is not None
    assert result.problem.startswith("Geen gemeentegrenzen: 1 Twentse gemeente(n) ontbreken (GM0183).")


def test_invalid_geometry_is_refused(pdok: FakePdok, tmp_path: Path) -> None:
    bowtie = [[[6.6, 52.3], [6.7, 52.4], [6.7, 52.3], [6.6, 52.4], [6.6, 52.3]]]
    target = next(f for f in pdok.features if f["properties"]["statcode"] == "GM0147")
    target["geometry"] = {"type": "Polygon", "coordinates": bowtie}
    result = fetch(pdok, tmp_path)
    assert result.geojson is None
    assert result.problem is not None
    assert result.problem.startswith("Geen gemeentegrenzen: de grens van GM0147 is geen geldige vorm.")


def test_offline_without_cache_or_file_explains_itself(pdok: FakePdok, tmp_path: Path) -> None:
    result = geo.load_boundaries(YEAR, file=None, cache_dir=tmp_path / "empty", url=pdok.url, offline=True)
    assert (result.geojson, result.origin, result.year) == (None, "none", 2024)
    assert result.problem == (
        "Geen gemeentegrenzen beschikbaar: de app werkt offline en er is nog geen opgeslagen kopie. "
        "De kaart toont de gemeenten daarom als tegels."
    )
    assert pdok.requests == []


@pytest.mark.usefixtures("shared_boundaries")
def test_local_file_replaces_pdok(tmp_path: Path) -> None:
    path = os.environ["ROS_TEST_BOUNDARIES"]
    result = geo.load_boundaries(YEAR, file=path, cache_dir=tmp_path, url="http://127.0.0.1:9/none", offline=False)
    assert (result.origin, result.problem) == ("file", None)
    assert codes(result) == TWENTE_CODES
    assert result.geojson is not None
    feature = next(f for f in result.geojson["features"] if f["id"] == "GM0164")
    assert feature["properties"] == {"code": "GM0164", "name": "Hengelo", "year": 2024}  # `naam` before `statnaam`
    assert max_decimals(feature["geometry"]["coordinates"]) <= 5
    assert not any(tmp_path.iterdir())  # a configured file is not copied into the cache


def test_local_file_with_only_statcode_and_statnaam(shared_boundaries: dict, tmp_path: Path) -> None:
    reduced = copy.deepcopy(shared_boundaries)
    for feature in reduced["features"]:
        feature["properties"] = {k: feature["properties"][k] for k in ("statcode", "statnaam")}
    path = tmp_path / "grenzen.geojson"
    path.write_text(json.dumps(reduced), encoding="utf-8")
    result = geo.load_boundaries(YEAR, file=str(path), cache_dir=tmp_path, offline=True)
    assert result.geojson is not None
    names = {f["id"]: f["properties"]["name"] for f in result.geojson["features"]}
    assert names["GM0164"] == "Hengelo (O.)"
    assert names["GM1742"] == "Rijssen-Holten"


@pytest.mark.usefixtures("shared_boundaries")
def test_local_file_of_another_year_is_refused(tmp_path: Path) -> None:
    result = geo.load_boundaries(2025, file=os.environ["ROS_TEST_BOUNDARIES"], cache_dir=tmp_path, offline=True)
    assert result.geojson is None
    assert result.problem_values == {"found": "2024", "year": 2025}


def test_missing_and_broken_local_file(tmp_path: Path) -> None:
    missing = geo.load_boundaries(YEAR, file=str(tmp_path / "nope.geojson"), cache_dir=tmp_path, offline=True)
    assert missing.geojson is None
    expected = r"Geen gemeentegrenzen: het bestand .*nope\.geojson \(ROS_BOUNDARIES_FILE\) bestaat niet"
    assert missing.problem is not None
    assert re.match(expected, missing.problem)
    broken = tmp_path / "kapot.geojson"
    broken.write_text("<html>not json</html>", encoding="utf-8")
    result = geo.load_boundaries(YEAR, file=str(broken), cache_dir=tmp_path, offline=True)
    assert result.geojson is None
    assert result.problem_key == "geo.problem_file_invalid"


def test_settings_are_read_at_call_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROS_BOUNDARIES_FILE", "/some/file.geojson")
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ROS_OFFLINE", "1")
    monkeypatch.setenv("ROS_PDOK_URL", "http://127.0.0.1:1/items")
    assert geo.settings() == geo.Settings("/some/file.geojson", tmp_path, "http://127.0.0.1:1/items", True)
    monkeypatch.delenv("ROS_BOUNDARIES_FILE")
    monkeypatch.setenv("ROS_OFFLINE", "0")
    assert (geo.settings().file, geo.settings().offline) == (None, False)


def test_problem_texts_exist_in_both_languages() -> None:
    from ros.base.i18n import catalogue

    keys = {k for k in catalogue("nl") if k.startswith("geo.problem_")}
    used = set(re.findall(r'BoundaryError\(\s*"(problem_\w+)"', Path(geo.__file__).read_text(encoding="utf-8")))
    assert {f"geo.{k}" for k in used} == keys
    assert keys <= set(catalogue("en"))


def test_ui_loader_reads_the_environment_at_call_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from ros.ui import data as ui

    ui._cached_boundaries.clear()
    monkeypatch.setenv("ROS_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ROS_OFFLINE", "1")
    monkeypatch.delenv("ROS_BOUNDARIES_FILE", raising=False)
    without = ui.boundaries()
    assert (without.geojson, without.origin, without.problem_key) == (None, "none", "geo.problem_offline")
    assert without.problem is not None
    assert without.problem.startswith("Geen gemeentegrenzen beschikbaar")
    path = os.environ.get("ROS_TEST_BOUNDARIES")
    if path:
        monkeypatch.setenv("ROS_BOUNDARIES_FILE", path)
        with_file = ui.boundaries()
        assert with_file.geojson is not None
        assert (with_file.origin, with_file.problem, len(with_file.geojson["features"])) == ("file", None, 14)
    ui._cached_boundaries.clear()
