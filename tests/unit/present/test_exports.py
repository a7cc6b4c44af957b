"""CSV and Excel downloads: readable, complete, and never running formula text."""

import io

import openpyxl
import pandas as pd

from ros.base.columns import header
from ros.present.exports import (
    csv_bytes,
    dutch_csv_bytes,
    excel_bytes,
    localise,
    neutralise,
    sheet_name,
)


def test_formula_text_is_neutralised_numbers_are_not() -> None:
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert neutralise("+31") == "'+31"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("Almelo") == "Almelo"
    assert neutralise(-5) == -5


def test_csv_keeps_accents_and_neutralises_cells() -> None:
    frame = pd.DataFrame({"naam": ["Één", "=1+1"], "aantal": [1, -2]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == ["naam,aantal", "Één,1", "'=1+1,-2"]


def test_excel_has_one_sheet_per_frame_with_values_and_safe_text() -> None:
    data = excel_bytes({"Gemeenten: 1/1": pd.DataFrame({"a": [1, 2]}), "Bronnen": pd.DataFrame({"t": ["=cmd"]})})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Gemeenten_ 1_1", "Bronnen"]
    assert [c.value for c in book["Gemeenten_ 1_1"]["A"]] == ["a", 1, 2]
    assert book["Bronnen"]["A2"].value == "'=cmd"
    assert book["Bronnen"]["A2"].data_type == "s"


def test_sheet_names_are_short_and_unique() -> None:
    taken: set[str] = set()
    first = sheet_name("Een heel lange naam van een tabel met veel woorden", taken)
    second = sheet_name("Een heel lange naam van een tabel met veel woorden", taken)
    assert len(first) <= 31
    assert len(second) <= 31
    assert first != second


def test_dutch_csv_uses_semicolons_decimal_commas_and_screen_rounding() -> None:
    frame = localise(
        pd.DataFrame(
            {
                "name": ["Hengelo", "=x;y"],
                "share": [0.12345, None],
                "per_year": [344.4, 2654.6],
                "pace_ratio": [1.64, float("nan")],
                "reached_year": pd.array([2061, None], "Int64"),
                "homes": [8_943, -12],
            }
        ),
        "nl",
    )
    data = dutch_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == [
        "Naam;Deel;Woningen per jaar nodig;Tempo (× gem. 2012–2020);Doel af in tempo 2012–2020 (jaar);Woningen",
        "Hengelo;12,3%;344;1,6;2061;8943",
        '"\'=x;y";;2655;;;-12',
    ]


def test_plain_csv_keeps_full_precision_and_commas() -> None:
    text = csv_bytes(pd.DataFrame({"share": [0.12345], "per_year": [344.4]})).decode("utf-8-sig")
    assert text.splitlines() == ["share,per_year", "0.12345,344.4"]


def test_excel_cells_have_number_formats_and_percentages_stay_fractions() -> None:
    frame = localise(
        pd.DataFrame(
            {
                "name": ["Hengelo"],
                "share": [0.1234],
                "homes": [8_943],
                "year": [2050],
                "per_1000": [105.26],
                "per_year_delta": [12.5],
            }
        ),
        "nl",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(excel_bytes({"Blad": frame})))["Blad"]
    assert [c.value for c in sheet[1]] == [
        "Naam",
        "Deel",
        "Woningen",
        "Jaar",
        "Woningen per 1.000 inwoners",
        "Woningen per jaar nodig (verschil)",
    ]
    assert [(c.value, c.number_format) for c in sheet[2][1:]] == [
        (0.1234, "0.0%"),
        (8_943, "#,##0"),
        (2050, "0"),
        (105.26, "#,##0.0"),
        (12.5, "#,##0"),
    ]


def test_every_exported_domain_column_has_a_header_in_both_languages(region, snapshot) -> None:
    from ros.model.comparison import target_differences
    from ros.model.targets import TargetSettings, recompute

    base, other = recompute(region, TargetSettings()), recompute(region, TargetSettings(homes_total=80_000))
    frames = [
        target_differences(base, other),
        base.table(),
        base.yearly_frame(),
        base.region_path(),
        *(snapshot[name] for name in snapshot),
    ]
    for lang in ("nl", "en"):
        missing = {c for f in frames for c in f.columns if header(c, lang) == c}
        assert missing == set(), lang
    assert header("homes_base", "nl") == "Woningen (basis)"
    assert header("per_1000_delta", "en") == "Homes per 1,000 inhabitants (difference)"
    assert header("growth_2040", "nl") == "Inwoners erbij eind 2040 (raming)"
