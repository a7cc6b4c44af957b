"""The read-only API against a real dashboard server on loopback (`python -m ros.ui.launch`, as deployed): every
resource in JSON and CSV with the model's own figures, unknowns as null, refusals in the reader's language, the
OpenAPI document, the human page and the rate limit."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
import requests

from ros.api.resources import RESOURCES
from ros.data import series
from ros.data.snapshot import load_snapshot
from ros.model import allocation, milestones, progress
from ros.model.targets import recompute, region_data
from ros.records.scenario import Scenario
from tests.support.progress import write_refreshed
from tests.support.server import start_app

NAMES = [r.name for r in RESOURCES]
SVG = "{http://www.w3.org/2000/svg}"


def _svg_texts(response: requests.Response) -> list[str]:
    """The texts of an SVG answer in document order (it must be well-formed XML)."""
    assert response.headers["content-type"] == "image/svg+xml"
    return [e.text or "" for e in ET.fromstring(response.text).iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API's base URL on a real server whose rate limit the tests here never reach."""
    for base in start_app(tmp_path_factory.mktemp("api"), {"ROS_OFFLINE": "1", "ROS_API_BURST": "10000"}):
        yield f"{base}/api/v1"


def _get(url: str, **params: str) -> requests.Response:
    return requests.get(url, params=params, timeout=30)


def _csv(response: requests.Response) -> list[list[str]]:
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_targets_are_the_models_figures_for_the_links_parameters(api: str) -> None:
    query = {"woningen": "80000", "sleutel": "dwellings", "vorm": "s_curve", "startjaar": "2026"}
    answer = _get(f"{api}/targets", **query).json()
    expected = recompute(region_data(load_snapshot()), Scenario.model_validate(query).target_settings()).table()
    homes = {row["code"]: row["homes"] for row in answer["rows"]}
    assert homes == {str(c): int(h) for c, h in zip(expected["code"], expected["homes"], strict=True)}
    assert homes["twente"] == 80_000
    assert answer["parameters"] | query == answer["parameters"]
    assert answer["parameters"]["eindjaar"] == "2050"
    assert answer["data_version"]["label"] == "data/"
    assert [s["id"] for s in answer["sources"]] == ["cbs_85984ned", "cbs_81955ned"]
    assert answer["columns"]["homes"] == "Woningen"


def test_default_targets_in_both_formats(api: str) -> None:
    rows = {row["code"]: row for row in _get(f"{api}/targets").json()["rows"]}
    assert (rows["GM0141"]["homes"], rows["GM0141"]["population"]) == (8002, 74317)
    assert (rows["twente"]["homes"], rows["twente"]["residents"]) == (69_000, 100_000)
    dutch, english = _csv(_get(f"{api}/targets", format="csv")), _csv(_get(f"{api}/targets", format="csv", lang="en"))
    assert dutch[0][:4] == ["CBS-code", "Naam", "Deel", "Woningen"]
    assert english[0][:4] == ["CBS code", "Name", "Share", "Homes"]
    almelo = next(r for r in english if r[0] == "GM0141")
    assert (almelo[1], almelo[3], almelo[9]) == ("Almelo", "8002", "74317")
    assert english[-1][:2] + english[-1][3:5] == ["twente", "twente", "69000", "100000"]


def test_one_municipality_by_code_or_name(api: str) -> None:
    targets = _get(f"{api}/targets", gemeente="Hengelo (O.)", woningen="80000").json()
    expected = recompute(region_data(load_snapshot()), Scenario(homes_total=80000).target_settings()).table()
    hengelo = expected[expected["code"] == "GM0164"].iloc[0]
    assert [(r["code"], r["homes"]) for r in targets["rows"]] == [("GM0164", int(hengelo["homes"]))]
    assert targets["parameters"]["gemeente"] == "GM0164"
    realised = _get(f"{api}/realised", gemeente="gm0164").json()["rows"]
    assert [r["year"] for r in realised] == list(range(2012, 2021))
    assert {r["name"] for r in realised} == {"Hengelo"}
    population = _csv(_get(f"{api}/population", gemeente="Hengelo", format="csv", lang="en"))
    assert len(population) == 2
    assert population[1][:2] == ["GM0164", "Hengelo"]


def test_realised_homes_keep_unknown_measures_unknown(api: str) -> None:
    answer = _get(f"{api}/realised").json()
    assert len(answer["rows"]) == len(load_snapshot()["new_construction"]) == 14 * 9
    almelo_2012 = answer["rows"][0]
    assert almelo_2012 == {
        "code": "GM0141",
        "name": "Almelo",
        "year": 2012,
        "months": 12,
        "new_construction": 54,
        "demolition": None,
        "net_change": None,
        "status": "definitief",
    }
    rows = _csv(_get(f"{api}/realised", format="csv", lang="en"))
    assert rows[0] == ["CBS code", "Name", "Year", "Months", "New construction", "Demolition", "Net addition", "Status"]
    assert rows[1] == ["GM0141", "Almelo", "2012", "12", "54", "", "", "definitief"]


def test_population_on_both_reference_dates(api: str) -> None:
    answer = _get(f"{api}/population").json()
    almelo = answer["rows"][0]
    assert almelo == {
        "code": "GM0141",
        "name": "Almelo",
        "population": 74317,
        "reference_date": "2024-01-01",
        "population_now": 75158,
        "reference_date_now": "2026-01-01",
        "status_now": "voorlopig",
    }
    assert [s["id"] for s in answer["sources"]] == ["cbs_85984ned", "cbs_37230ned"]
    rows = _csv(_get(f"{api}/population", format="csv"))
    assert rows[0][:3] == ["CBS-code", "Naam", "Inwoners 1-1-2024"]
    assert rows[1] == ["GM0141", "Almelo", "74317", "2024-01-01", "75158", "2026-01-01", "voorlopig"]


def test_milestones_have_their_status_on_the_stand_date(api: str) -> None:
    answer = _get(f"{api}/milestones", stand="2026-06-01").json()
    expected = milestones.timeline(load_snapshot()["milestones"], date(2026, 6, 1))
    assert [(r["id"], r["status"]) for r in answer["rows"]] == list(
        zip(expected["id"], expected["status"], strict=True)
    )
    woondeal = answer["rows"][0]
    assert (woondeal["id"], woondeal["start_date"], woondeal["end"], woondeal["days_to_start"]) == (
        "woondeal_twente",
        "2022-12-21",
        None,
        -1258,
    )
    assert answer["parameters"] == {"stand": "2026-06-01"}
    rows = _csv(_get(f"{api}/milestones", stand="2026-06-01", format="csv", lang="en"))
    assert rows[1][:6] == ["woondeal_twente", "2022-12-21", "", "2022-12-21", "2022-12-21", "done"]


def test_sources_and_version(api: str) -> None:
    data = load_snapshot()
    sources = _get(f"{api}/sources").json()
    assert len(sources["rows"]) == len(data["sources"])
    cbs = next(r for r in sources["rows"] if r["id"] == "cbs_85984ned")
    assert (cbs["publisher"], cbs["licence"]) == ("CBS", "CC BY 4.0")
    version = _get(f"{api}/version").json()
    tables = {r["id"]: r for r in version["rows"]}
    assert tables["municipalities"]["rows"] == 14
    assert tables["new_construction"] == {"id": "new_construction", "rows": 126, "source_id": "cbs_81955ned"}
    assert version["data_version"] == {
        "label": "data/",
        "kind": "shipped",
        "fetched_at": None,
        "fingerprint": data.version.fingerprint,
    }
    assert _csv(_get(f"{api}/version", format="csv", lang="en"))[0] == ["Id", "Rows", "Source"]


@pytest.mark.parametrize("kind", ["json", "csv"])
@pytest.mark.parametrize("name", NAMES)
def test_every_answer_names_its_data_version_and_sources(api: str, name: str, kind: str) -> None:
    response = _get(f"{api}/{name}", format=kind)
    assert response.status_code == 200
    assert response.headers["X-ROS-Data-Version"] == "data/"
    named = response.headers["X-ROS-Sources"].split()
    assert named
    assert set(named) <= set(load_snapshot()["sources"]["id"])
    if kind == "json":
        assert [s["id"] for s in response.json()["sources"]] == named


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        (
            "targets",
            {"sleutel": "x"},
            "Deze parameters kunnen niet worden gebruikt: sleutel=x. veld 'sleutel' is geen toegestane waarde "
            "(gekregen: 'x')",
        ),
        (
            "targets",
            {"sleutel": "x", "lang": "en"},
            "These parameters cannot be used: sleutel=x. field 'sleutel' is not an allowed value (got: 'x')",
        ),
        (
            "targets",
            {"startjaar": "2040", "eindjaar": "2030"},
            "Deze parameters kunnen niet worden gebruikt: eindjaar=2030. Het startjaar moet tussen 2020 en het "
            "eindjaar liggen",
        ),
        ("milestones", {"stand": "1999-01-01", "lang": "en"}, "These parameters cannot be used: stand=1999-01-01."),
        ("realised", {"jaar": "2020"}, "Onbekende parameter(s): jaar. Toegestaan naast format en lang: gemeente."),
        ("sources", {"gemeente": "GM0153"}, "Onbekende parameter(s): gemeente. Toegestaan naast format en lang: geen."),
        ("population", {"gemeente": "Amsterdam", "lang": "en"}, "Unknown municipality: ‘Amsterdam’."),
        ("population", {"format": "xml"}, "Ongeldige waarde voor format: ‘xml’. Kies uit: json, csv."),
        ("sources", {"lang": "fr"}, "Ongeldige waarde voor lang: ‘fr’. Kies uit: nl, en."),
    ],
)
def test_bad_parameters_are_refused_with_the_reason(api: str, path: str, params: dict, message: str) -> None:
    response = _get(f"{api}/{path}", **params)
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(message)


def test_repeated_parameters_missing_paths_and_writes_are_refused(api: str) -> None:
    repeated = requests.get(f"{api}/targets?woningen=1&woningen=2&lang=en", timeout=30)
    assert (repeated.status_code, repeated.json()["error"]["message"]) == (
        400,
        "Give each parameter once; given more than once: woningen.",
    )
    missing = _get(f"{api}/plans")
    assert (missing.status_code, missing.json()["error"]["message"]) == (
        404,
        "Deze API kent /api/v1/plans niet; zie /api/v1/ voor wat er is.",
    )
    write = requests.post(f"{api}/targets?lang=en", timeout=30)
    assert (write.status_code, write.json()["error"]["message"]) == (
        405,
        "This API is read-only: only GET is allowed (/api/v1/targets).",
    )


def test_a_municipalitys_chart_as_svg_with_its_source_line(api: str) -> None:
    response = _get(f"{api}/charts/realised.svg", gemeente="Enschede")
    texts = _svg_texts(response)
    built = load_snapshot()["new_construction"].query("code == 'GM0153'")
    values = [f"{v:,}".replace(",", ".") for v in built["new_dwellings"]]
    assert texts[0] == "Nieuwbouw per jaar in Enschede"
    count = len(built)
    assert texts[1 : 1 + 2 * count : 2] == values  # the value above each bar, then its year
    assert texts[2 : 2 + 2 * count : 2] == [str(y) for y in built["year"]]
    assert values[1] == "587"  # 2013
    assert " ".join(texts[1 + 2 * count :]) == (
        "Bron: CBS, Voorraad woningen en niet-woningen; mutaties, gebruiksfunctie, regio (81955NED). Gegevens: data/. "
        "ROS Twente-dashboard."
    )
    assert response.headers["X-ROS-Sources"] == "cbs_81955ned"
    assert re.search(
        r"<title id=\"t\">Nieuwbouw per jaar in Enschede</title><desc id=\"d\">.*2013: 587;", response.text
    )


def test_unknown_years_in_the_chart_are_named_never_drawn_as_zero(api: str) -> None:
    response = _get(f"{api}/charts/realised.svg", gemeente="GM0153", maat="net_change", lang="en")
    texts = _svg_texts(response)
    assert texts[0] == "Net additions per year in Enschede"
    assert texts.count("unknown") == 9
    assert len(ET.fromstring(response.text).findall(f"{SVG}rect")) == 1  # the background only: no bars


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"gemeente": "Amsterdam"}, "Onbekende gemeente: ‘Amsterdam’."),
        ({"maat": "net_change"}, "Onbekende gemeente: ‘’."),
        ({"gemeente": "GM0153", "maat": "sloop"}, "Ongeldige waarde voor maat: ‘sloop’. Kies uit: net_change,"),
        ({"gemeente": "GM0153", "format": "png"}, "Ongeldige waarde voor format: ‘png’. Kies uit: svg."),
    ],
)
def test_a_chart_with_bad_parameters_is_refused(api: str, params: dict, message: str) -> None:
    response = _get(f"{api}/charts/realised.svg", **params)
    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(message)


def test_openapi_document_and_page_describe_every_resource(api: str) -> None:
    document = _get(f"{api}/openapi.json", lang="en").json()
    assert document["openapi"] == "3.1.0"
    assert sorted(document["paths"]) == sorted([*(f"/{n}" for n in NAMES), "/charts/realised.svg"])
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/targets"]["get"]["parameters"]}
    assert parameters["sleutel"]["enum"] == list(allocation.KEYS)
    assert (parameters["startjaar"]["minimum"], parameters["startjaar"]["maximum"]) == (2020, 2050)
    stand = document["paths"]["/milestones"]["get"]["parameters"][-1]
    assert stand == {"name": "stand", "in": "query", "schema": {"format": "date", "type": "string"}}
    page = _get(f"{api}/", lang="en")
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in page.text
    assert f'<a href="{api}/realised?lang=en&amp;format=csv">CSV</a>' in page.text
    assert "Per address on average 60 requests a minute, 10000 at once" in page.text


def test_the_rate_limit_per_address(tmp_path: object) -> None:
    env = {"ROS_OFFLINE": "1", "ROS_API_RATE_PER_MINUTE": "1", "ROS_API_BURST": "3"}
    # Bound to 127.0.0.1 as the systemd unit does, so the proxy's X-Forwarded-For is trusted (uvicorn's default).
    for base in start_app(tmp_path, env, "--server.address", "127.0.0.1"):  # type: ignore[arg-type]
        statuses = [_get(f"{base}/api/v1/version").status_code for _ in range(3)]
        refused = _get(f"{base}/api/v1/version", lang="en")
        assert statuses == [200, 200, 200]
        assert refused.status_code == 429
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= 60
        assert (
            refused.json()["error"]["message"] == f"Too many requests from this address; try again in {wait} seconds."
        )
        assert requests.get(f"{base}/_stcore/health", timeout=10).ok  # the pages are not limited
        # Behind the proxy (here: from 127.0.0.1) the address it forwards counts, each with its own bucket.
        forwarded = requests.get(f"{base}/api/v1/version", headers={"X-Forwarded-For": "192.0.2.7"}, timeout=30)
        assert forwarded.status_code == 200


def test_a_refreshed_version_is_served_with_its_running_year_and_statuses(tmp_path) -> None:
    data = write_refreshed(tmp_path / "v20261201")
    snap = load_snapshot(data, kind="pinned")
    expected = progress.cbs_years(series.new_construction(snap), snap["dwelling_changes"])
    env = {"ROS_OFFLINE": "1", "ROS_DATA_DIR": str(data), "ROS_API_BURST": "1000"}
    for base in start_app(tmp_path, env):
        answer = _get(f"{base}/api/v1/realised").json()
        assert answer["data_version"] | {"fingerprint": ""} == {
            "label": "v20261201",
            "kind": "pinned",
            "fetched_at": None,
            "fingerprint": "",
        }
        assert {"cbs_81955ned", "cbs_86098ned"} <= {s["id"] for s in answer["sources"]}
        got = {(r["code"], r["year"]): r for r in answer["rows"]}
        assert len(got) == len(expected)
        for row in expected.itertuples():
            shown = got[(row.code, row.year)]
            for measure in ("new_construction", "demolition", "net_change"):
                value = getattr(row, measure)
                assert shown[measure] == (None if pd.isna(value) else int(value)), (row.code, row.year, measure)
        assert got[("GM0153", 2026)] | {"name": ""} == {
            "code": "GM0153",
            "name": "",
            "year": 2026,
            "months": 9,
            "new_construction": 108,
            "demolition": 18,
            "net_change": 99,
            "status": "voorlopig",
        }
        assert got[("GM0153", 2020)]["net_change"] is None
        chart = _svg_texts(_get(f"{base}/api/v1/charts/realised.svg", gemeente="GM0153", maat="net_change"))
        last = chart.index("99*")  # 2026's net change, provisional
        assert chart[last + 1] == "2026"
        assert " ".join(chart[last + 2 :]).startswith(
            "* voorlopig (CBS); een open staaf is een voorlopig cijfer. 2026 t/m september. Bron: CBS, Voorraad"
        )
        csv_rows = _csv(_get(f"{base}/api/v1/realised", format="csv"))
        assert ["GM0153", "Enschede", "2026", "9", "108", "18", "99", "voorlopig"] in csv_rows
