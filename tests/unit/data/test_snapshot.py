"""Loading and validating the shipped snapshot; each broken-file case gives its documented message."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from ros.base.config import data_dir
from ros.data.catalog import CATALOG, TWENTE_CODES
from ros.data.snapshot import load_snapshot, sources_of
from ros.data.validation import DataError


def test_shipped_snapshot_has_the_fourteen_municipalities_and_reference_totals(snapshot) -> None:
    municipalities = snapshot["municipalities"]
    assert set(municipalities["code"]) == TWENTE_CODES
    assert municipalities["population"].sum() == 640_806
    assert municipalities["dwellings"].sum() == 288_025
    assert municipalities["households"].sum() == 288_234
    assert snapshot["population_2026"]["population"].sum() == 646_449
    assert municipalities["reference_date"].unique().tolist() == [date(2024, 1, 1)]


def test_hengelo_keeps_its_cbs_name_but_displays_as_hengelo(snapshot) -> None:
    row = snapshot["municipalities"].set_index("code").loc["GM0164"]
    assert (row["name"], row["cbs_name"]) == ("Hengelo", "Hengelo (O.)")


def test_new_construction_totals_per_year_match_cbs(snapshot) -> None:
    per_year = snapshot["new_construction"].groupby("year")["new_dwellings"].sum().to_dict()
    assert per_year == {
        2012: 1383,
        2013: 1445,
        2014: 1340,
        2015: 1326,
        2016: 1664,
        2017: 1966,
        2018: 1811,
        2019: 2041,
        2020: 1719,
    }


def test_targets_keep_their_exact_wording(snapshot) -> None:
    targets = snapshot["targets"].set_index("id")
    assert targets.loc["ros_homes_2050", "value"] == 69_000
    assert "minstens 69.000 nieuwe woningen" in targets.loc["ros_homes_2050", "wording"]
    assert targets.loc["ros_residents_2050", "comparator"] == "more_than"
    assert targets.loc["woondeal_homes_2030", "value"] == 14_100
    assert targets.loc["cities_population_2050", "baseline"] == 319_113


def test_every_row_points_to_a_listed_source(snapshot) -> None:
    known = set(snapshot["sources"]["id"])
    for dataset in CATALOG:
        if dataset.optional and dataset.name not in snapshot:
            continue
        frame = snapshot[dataset.name]
        for column in [c for c in frame.columns if c.endswith("source_id")]:
            assert set(frame[column].dropna()) <= known, dataset.name


def test_sources_of_a_dataset_lists_only_its_sources(snapshot) -> None:
    assert set(sources_of(snapshot, "municipalities")["id"]) == {"cbs_85984ned", "cbs_wijkenbuurten_2024"}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to break."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    (
        "municipalities.csv",
        "GM0141,Almelo,Almelo,74317",
        "GM0141,Almelo,Almelo,-74317",
        "municipalities.csv, regel 2: veld 'population' mag niet negatief zijn",
    ),
    (
        "municipalities.csv",
        "GM0141,Almelo,Almelo,74317",
        "GM0141,Almelo,Almelo,veel",
        "municipalities.csv, regel 2: veld 'population' is geen geheel getal",
    ),
    (
        "municipalities.csv",
        "GM0147,Borne",
        "GM0141,Borne",
        "municipalities.csv, regel 3: GM0141 komt vaker dan één keer voor (sleutel: code)",
    ),
    (
        "municipalities.csv",
        "GM0147,Borne",
        "GM147,Borne",
        "municipalities.csv, regel 3: veld 'code' heeft niet de vorm",
    ),
    (
        "municipalities.csv",
        "GM0147,Borne",
        "GM9999,Borne",
        "municipalities.csv, regel 3: 'GM9999' is geen Twentse gemeente",
    ),
    (
        "municipalities.csv",
        "2024-01-01,69.41",
        "2024-13-01,69.41",
        "municipalities.csv, regel 2: veld 'reference_date' is geen geldige datum",
    ),
    (
        "population_2026.csv",
        "cbs_37230ned\nGM0147",
        "onbekende_bron\nGM0147",
        "population_2026.csv, regel 2: bron 'onbekende_bron' staat niet in sources.csv",
    ),
    (
        "population_2026.csv",
        "voorlopig,cbs_37230ned\nGM0147",
        "misschien,cbs_37230ned\nGM0147",
        "population_2026.csv, regel 2: veld 'status' is geen toegestane waarde",
    ),
    (
        "sources.csv",
        "Gemeente Almelo,2025,",
        "Gemeente Almelo,2025-02-30,",
        "sources.csv, regel 2: veld 'date' is ongeldig",
    ),
    (
        "targets.csv",
        "woningen,2050,twente",
        "woningen,2050,overal",
        "targets.csv, regel 2: veld 'scope' heeft niet de vorm",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN, ids=[b[3][:45] for b in BROKEN])
def test_a_broken_file_names_file_line_and_problem(
    data_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _replace(data_copy / file, old, new)
    with pytest.raises(DataError) as error:
        load_snapshot(data_copy)
    assert str(error.value).startswith(message)


def test_a_rule_across_fields_gives_its_own_message(data_copy: Path) -> None:
    _replace(data_copy / "budget.csv", "102000", "")
    with pytest.raises(DataError, match=r"budget\.csv, regel \d+: status 'onbekend' hoort bij een leeg bedrag"):
        load_snapshot(data_copy)


def test_a_missing_municipality_is_named(data_copy: Path) -> None:
    path = data_copy / "plan_capacity.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("GM0189")), encoding="utf-8")
    with pytest.raises(DataError, match=r"plan_capacity.csv: gemeente\(n\) GM0189 ontbreken"):
        load_snapshot(data_copy)


def test_a_missing_file_is_named(data_copy: Path) -> None:
    (data_copy / "targets.csv").unlink()
    with pytest.raises(DataError, match=re.escape("targets.csv: bestand ontbreekt")):
        load_snapshot(data_copy)


def test_a_missing_column_is_named(data_copy: Path) -> None:
    _replace(data_copy / "parties.csv", "id,name,kind,source_id", "id,naam,kind,source_id")
    with pytest.raises(DataError, match=re.escape("parties.csv: kolom(men) name ontbreken")):
        load_snapshot(data_copy)


def test_an_unknown_column_is_named(data_copy: Path) -> None:
    _replace(data_copy / "parties.csv", "id,name,kind,source_id\n", "id,name,kind,source_id,extra\n")
    with pytest.raises(DataError, match=r"parties.csv: kolom\(men\) extra onbekend"):
        load_snapshot(data_copy)


def test_a_file_in_another_encoding_is_refused(data_copy: Path) -> None:
    path = data_copy / "sources.csv"
    path.write_bytes(
        path.read_text(encoding="utf-8").replace("Vindplaats", "Vindplaats").encode("utf-8") + "é".encode("latin-1")
    )
    with pytest.raises(DataError, match=re.escape("sources.csv: niet te lezen als UTF-8 CSV")):
        load_snapshot(data_copy)
