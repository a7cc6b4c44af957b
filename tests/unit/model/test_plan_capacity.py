"""Plan capacity against what is still to build: coverage, the 130 % rule of thumb, gaps, uploads by phase."""

from __future__ import annotations

import pandas as pd
import pytest

from ros.model import plan_capacity as pc


@pytest.fixture(scope="module")
def names(snapshot) -> dict[str, str]:
    frame = snapshot["municipalities"].sort_values("name")
    return dict(zip(frame["code"], frame["name"], strict=True))


def test_coverage_of_the_shipped_2021_list_against_the_whole_target(snapshot, names) -> None:
    capacity = pc.shipped_capacity(snapshot["plan_capacity"])
    order = list(names)
    targets = dict.fromkeys(order, 1000)
    table = pc.coverage_table(capacity, targets, {}, order).set_index("code")
    enschede = table.loc["GM0153"]
    assert (enschede["capacity"], enschede["hard"], enschede["basis"], enschede["to_build"]) == (
        4999,
        1299,
        "whole_target",
        1000,
    )
    assert enschede["coverage"] == pytest.approx(4.999)
    assert (enschede["rule_capacity"], enschede["gap"], enschede["gap_rule"]) == (1300, 0, 0)
    twente = table.loc["twente"]
    assert (twente["target"], twente["capacity"], twente["hard"], twente["soft"]) == (14_000, 19_558, 7_929, 11_629)
    assert (twente["rule_capacity"], twente["gap"], twente["gap_rule"]) == (18_200, 0, 0)


@pytest.mark.usefixtures("snapshot")
def test_realised_homes_reduce_what_is_still_to_build() -> None:
    capacity = pd.DataFrame({"code": ["GM0158"], "hard": [104], "soft": [387], "total": [491]}).astype(
        {"hard": "Int64", "soft": "Int64", "total": "Int64"}
    )
    table = pc.coverage_table(capacity, {"GM0158": 1000}, {"GM0158": 300}, ["GM0158"]).set_index("code")
    row = table.loc["GM0158"]
    assert (row["basis"], row["to_build"], row["rule_capacity"], row["gap"], row["gap_rule"]) == (
        "remaining",
        700,
        910,
        209,
        419,
    )
    assert row["coverage"] == pytest.approx(491 / 700)


@pytest.mark.usefixtures("snapshot")
def test_unknown_capacity_stays_unknown() -> None:
    capacity = pd.DataFrame({"code": ["GM0158"], "hard": [pd.NA], "soft": [pd.NA], "total": [pd.NA]}).astype(
        {"hard": "Int64", "soft": "Int64", "total": "Int64"}
    )
    table = pc.coverage_table(capacity, {"GM0158": 1000, "GM0141": 10}, {}, ["GM0158", "GM0141"])
    assert table["coverage"].isna().all()
    assert table["gap"].isna().all()
    assert table.set_index("code").loc["twente", "capacity"] is pd.NA


def test_uploaded_list_by_phase(names) -> None:
    data = (
        b"gemeente;onherroepelijk;in voorbereiding;in ontwikkeling;potentieel\n"
        b"Enschede;1.500;2.000;800;1.200\nHengelo;900;100;;0\n"
    )
    checked, issues = pc.load_upload("capaciteit.csv", data, names)
    assert issues == ()
    result = pc.uploaded_capacity(checked).set_index("code")
    assert (result.loc["GM0153", "hard"], result.loc["GM0153", "soft"], result.loc["GM0153", "total"]) == (
        1500,
        4000,
        5500,
    )
    assert result.loc["GM0164", "hard"] == 900
    assert result.loc["GM0164", "total"] is pd.NA  # one phase empty


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"code,onherroepelijk\nGM0153,1\n", "Kolom 'in_voorbereiding' ontbreekt."),
        (b"code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel,extra\n", "Kolom 'extra' is onbekend"),
        (
            b"code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel\nGM9999,1,1,1,1\n",
            "Rij 2, kolom 'code': 'GM9999' is geen Twentse gemeente",
        ),
        (
            b"code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel\nGM0153,-1,1,1,1\n",
            "Rij 2, kolom 'onherroepelijk': het aantal mag niet negatief zijn",
        ),
        (b"code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel\n", "De tabel bevat geen regels."),
    ],
)
def test_bad_capacity_lists_are_refused_in_dutch(data, message, names) -> None:
    checked, issues = pc.load_upload("c.csv", data, names)
    assert checked.empty
    assert message in issues[0].message


def test_capacity_refusals_read_in_each_language(names) -> None:
    _, issues = pc.load_upload("c.csv", b"code,onherroepelijk\nGM0153,veel\n", names)
    assert [i.text("nl") for i in issues] == [
        "Kolom 'in_voorbereiding' ontbreekt.",
        "Kolom 'in_ontwikkeling' ontbreekt.",
        "Kolom 'potentieel' ontbreekt.",
    ]
    assert next(i.text("en") for i in issues) == "Column 'in_voorbereiding' is missing."
    _, issues = pc.load_upload("c.pdf", b"x", names)
    assert issues[0].message == (
        "Dit soort bestand wordt niet gelezen; kies een bestand dat eindigt op .csv, .txt, .xlsx, .xlsm."
    )
    assert issues[0].text("en").endswith("choose a file ending in .csv, .txt, .xlsx, .xlsm.")
