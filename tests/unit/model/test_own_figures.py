"""Own figures: parsing Dutch counts, checking rows with Dutch messages, reading uploads safely, CBS side by side."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from ros.model import own_figures as of
from ros.model import progress


@pytest.fixture(scope="module")
def names(snapshot) -> dict[str, str]:
    frame = snapshot["municipalities"].sort_values("name")
    return dict(zip(frame["code"], frame["name"], strict=True))


@pytest.mark.parametrize(
    ("text", "signed", "value"),
    [
        ("1234", False, 1234),
        ("1.234", False, 1234),
        ("1 234", False, 1234),
        ("316.0", False, 316),
        (" ", False, None),
        ("-120", True, -120),
        ("−120", True, -120),
        (None, False, None),
        (float("nan"), False, None),
        (0, False, 0),
    ],
)
def test_parse_count(text, signed, value) -> None:
    assert of.parse_count(text, signed=signed) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "mag niet negatief zijn"),
        ("1,5", "geen geheel aantal"),
        ("veel", "geen geheel aantal"),
        ("200000", "meer dan 100.000"),
    ],
)
def test_parse_count_refuses(text, message) -> None:
    with pytest.raises(ValueError, match=message):
        of.parse_count(text)


def test_a_file_in_the_template_form_is_read_by_code_or_name(names) -> None:
    data = (
        b"code;gemeente;jaar;nieuwbouw;sloop;netto\n"
        b"GM0153;Enschede;2025;316;469;0\n"
        b";Hengelo;2025;1.204;;1.100\n"
        b"GM0141;Almelo;2025;;;\n"
    )
    result = of.load_upload("eigen.csv", data, names)
    assert result.ok, result.issues
    assert of.records(result.frame) == [
        {"code": "GM0153", "year": 2025, "new_construction": 316, "demolition": 469, "net_change": 0},
        {"code": "GM0164", "year": 2025, "new_construction": 1204, "demolition": None, "net_change": 1100},
    ]


def test_every_problem_is_named_by_row_and_column(names) -> None:
    data = (
        b"gemeente,jaar,nieuwbouw,sloop,netto\nAtlantis,2025,10,,\nEnschede,1990,10,,\n"
        b"Enschede,2025,-3,,\nEnschede,2025,5,,\nEnschede,2025,6,,\n"
    )
    result = of.load_upload("x.csv", data, names)
    assert not result.ok
    assert result.frame.empty
    assert [i.message for i in result.issues] == [
        "Rij 2, kolom 'gemeente': 'Atlantis' is geen Twentse gemeente (gebruik een code zoals GM0153 of de naam).",
        "Rij 3, kolom 'jaar': 1990 valt buiten 2012–2100.",
        "Rij 4, kolom 'nieuwbouw': het aantal mag niet negatief zijn (gekregen: '-3').",
        "Rij 5, kolom 'jaar': Enschede staat voor 2025 al in rij 4.",
        "Rij 6, kolom 'jaar': Enschede staat voor 2025 al in rij 4.",
    ]


def test_excel_upload_and_row_limit_before_parsing(names) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "jaar", "netto"])
    sheet.append(["GM0153", 2025, -40])
    buffer = io.BytesIO()
    book.save(buffer)
    result = of.load_upload("eigen.xlsx", buffer.getvalue(), names)
    assert of.records(result.frame) == [
        {"code": "GM0153", "year": 2025, "new_construction": None, "demolition": None, "net_change": -40}
    ]
    many = "code,jaar,netto\n" + "GM0153,2025,1\n" * (of.MAX_ROWS + 5)
    assert (
        of.load_upload("veel.csv", many.encode(), names).issues[0].message == "Het bestand heeft meer dan 2.000 regels."
    )


def test_template_and_editor_round_trip(names) -> None:
    template = of.template(names, 2025)
    assert list(template.columns) == ["code", "gemeente", "jaar", "nieuwbouw", "sloop", "netto"]
    assert len(template) == 14
    assert template["netto"].isna().all()
    assert of.check_own_figures(template, names).frame.empty  # empty rows are skipped, not zeros
    figures = of.from_records(
        [{"code": "GM0153", "year": 2025, "new_construction": 316, "demolition": 469, "net_change": 0}]
    )
    edited = of.editor_frame(figures, names)
    assert of.records(of.check_own_figures(edited, names).frame) == of.records(figures)


def test_comparison_shows_cbs_and_own_side_by_side(snapshot) -> None:
    cbs = progress.cbs_years(snapshot["new_construction"], None)
    own = of.from_records(
        [{"code": "GM0153", "year": 2020, "new_construction": 480, "demolition": None, "net_change": 703}]
    )
    row = of.comparison(cbs, own).iloc[0]
    assert (row["new_construction_cbs"], row["new_construction_own"], row["new_construction_used"]) == (500, 480, "cbs")
    assert pd.isna(row["net_change_cbs"])
    assert row["net_change_used"] == "eigen"


def test_own_figures_travel_with_the_scenario_file_store_and_workbook(region, tmp_path, snapshot) -> None:
    import openpyxl as xl

    from ros.model import targets
    from ros.present.workbook import scenario_workbook
    from ros.records import scenario as sc
    from ros.records.scenario_store import ScenarioStore

    figures = [{"code": "GM0153", "year": 2025, "new_construction": 316, "demolition": 469, "net_change": 0}]
    chosen = sc.Scenario(own_figures=figures)
    assert sc.from_json(sc.to_json(chosen)).own_figures == chosen.own_figures
    assert "eigen_opgave" not in sc.to_query(chosen)  # a table is never put in a link
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    record = store.save("Met eigen opgave", "Planner", sc.to_json(chosen), sc.VERSION)
    payload = store.get(record.id).payload
    assert payload is not None
    assert sc.from_json(payload).own_figures[0].net_change == 0
    book = xl.load_workbook(
        __import__("io").BytesIO(
            scenario_workbook(
                chosen,
                targets.recompute(region, chosen.target_settings()),
                "nl",
                snapshot["sources"],
            )
        )
    )
    sheet = book["Eigen opgave"]
    assert [c.value for c in sheet[2]][:5] == ["GM0153", 2025, 316, 469, 0]
    with pytest.raises(ValueError, match=re.escape("veld 'eigen_opgave.0.code': 'GM0363' is geen Twentse gemeente")):
        sc.from_json({"eigen_opgave": [{"code": "GM0363", "year": 2025}]})
    with pytest.raises(ValueError, match="meer dan één keer"):
        sc.from_json({"eigen_opgave": figures * 2})


def test_municipality_names_as_people_write_them(names) -> None:
    assert of.municipality_code(None, "Hengelo (O.)", names) == "GM0164"
    assert of.municipality_code("gm0153", None, names) == "GM0153"
    assert of.municipality_code("", "gemeente Rijssen Holten", names) == "GM1742"
