"""The scenario ledger (ros/model/ledger.py): every refused input gets its own Dutch message naming row and column,
accepted input keeps unknown cells unknown, and files round-trip through CSV and Excel."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from ros.base.config import MAX_UPLOAD_BYTES
from ros.model import budget, ledger
from ros.present import budget as budget_words
from ros.present import exports

PARTIES = {"rijk": "Rijk", "GM0141": "Almelo", "GM0164": "Hengelo"}


def one_row(**cells: object) -> pd.DataFrame:
    """A one-row ledger (Almelo 2025, all amounts empty) with the given cells changed."""
    row = {
        "partij": "GM0141",
        "naam": "Almelo",
        "jaar": 2025,
        "toegezegd": None,
        "gefactureerd": None,
        "ontvangen": None,
        "besteed": None,
    } | cells
    return pd.DataFrame([row])


def messages(frame: pd.DataFrame, first_row: int = 1) -> list[str]:
    return [i.message for i in ledger.validate_ledger(frame, PARTIES, first_row=first_row).issues]


def test_the_empty_ledger_has_every_party_and_year_unknown(snapshot):
    names = dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True))
    book = ledger.empty_ledger(names)
    assert len(book) == 34
    assert list(book.columns) == list(ledger.COLUMNS)
    assert book[list(ledger.STATES)].isna().all().all()
    assert ledger.validate_ledger(book, names).ok


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"toegezegd": -5}, "Rij 1, kolom 'toegezegd': het bedrag mag niet negatief zijn (gekregen: -5)."),
        (
            {"gefactureerd": "-1,50"},
            "Rij 1, kolom 'gefactureerd': het bedrag mag niet negatief zijn (gekregen: '-1,50').",
        ),
        (
            {"ontvangen": 10.005},
            "Rij 1, kolom 'ontvangen': het bedrag heeft meer dan twee decimalen "
            "(gekregen: 10,005); gebruik hele centen.",
        ),
        (
            {"besteed": "12,3456"},
            "Rij 1, kolom 'besteed': het bedrag heeft meer dan twee decimalen "
            "(gekregen: '12,3456'); gebruik hele centen.",
        ),
        ({"toegezegd": "veel"}, "Rij 1, kolom 'toegezegd': 'veel' is geen bedrag in euro's."),
        ({"toegezegd": "1,23,4567"}, "Rij 1, kolom 'toegezegd': '1,23,4567' is geen bedrag in euro's."),
        ({"toegezegd": True}, "Rij 1, kolom 'toegezegd': True is geen bedrag in euro's."),
        ({"toegezegd": float("inf")}, "Rij 1, kolom 'toegezegd': inf is geen bedrag in euro's."),
        (
            {"toegezegd": 100, "gefactureerd": 150},
            "Rij 1, kolom 'gefactureerd': € 150,00 is hoger dan toegezegd (€ 100,00); "
            "een latere stap kan niet hoger zijn dan een eerdere.",
        ),
        (
            {"gefactureerd": 100, "ontvangen": "100,01"},
            "Rij 1, kolom 'ontvangen': € 100,01 is hoger dan gefactureerd (€ 100,00); "
            "een latere stap kan niet hoger zijn dan een eerdere.",
        ),
        (
            {"ontvangen": 50, "besteed": 60},
            "Rij 1, kolom 'besteed': € 60,00 is hoger dan ontvangen (€ 50,00); "
            "een latere stap kan niet hoger zijn dan een eerdere.",
        ),
        (
            {"toegezegd": 40, "besteed": 60},  # an unknown step in between does not hide the violation
            "Rij 1, kolom 'besteed': € 60,00 is hoger dan toegezegd (€ 40,00); "
            "een latere stap kan niet hoger zijn dan een eerdere.",
        ),
        (
            {"partij": "GM9999"},
            "Rij 1, kolom 'partij': 'GM9999' is geen van de 3 partijen (gebruik een code zoals GM0141 of rijk).",
        ),
        ({"partij": ""}, "Rij 1, kolom 'partij': de partij ontbreekt."),
        ({"jaar": 2027}, "Rij 1, kolom 'jaar': 2027 valt buiten de periode 2025–2026."),
        ({"jaar": "volgend jaar"}, "Rij 1, kolom 'jaar': 'volgend jaar' is geen jaartal; kies een jaar in 2025–2026."),
        ({"jaar": 2025.5}, "Rij 1, kolom 'jaar': 2025.5 valt buiten de periode 2025–2026."),
        ({"jaar": None}, "Rij 1, kolom 'jaar': het jaar ontbreekt."),
    ],
)
def test_every_refused_cell_has_a_dutch_message_with_row_and_column(cells, expected):
    assert messages(one_row(**cells)) == [expected]


def test_rows_in_a_file_are_numbered_as_in_a_spreadsheet():
    frame = pd.concat([one_row(), one_row(jaar=2026, toegezegd=-1)], ignore_index=True)
    assert messages(frame, first_row=2) == [
        "Rij 3, kolom 'toegezegd': het bedrag mag niet negatief zijn (gekregen: -1)."
    ]


def test_a_party_and_year_twice_is_refused():
    frame = pd.concat([one_row(toegezegd=1), one_row(partij="Almelo", toegezegd=2)], ignore_index=True)
    assert messages(frame) == ["Rij 2, kolom 'partij': Almelo staat voor 2025 al in rij 1."]


def test_several_problems_in_one_row_are_all_reported():
    found = messages(one_row(partij="x", toegezegd=-1, besteed="?"))
    assert [m.split(":")[0] for m in found] == [
        "Rij 1, kolom 'partij'",
        "Rij 1, kolom 'toegezegd'",
        "Rij 1, kolom 'besteed'",
    ]


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (one_row().drop(columns=["besteed"]), ["Kolom 'besteed' ontbreekt."]),
        (
            one_row(opmerking="x"),
            [
                "Kolom 'opmerking' is onbekend; toegestaan zijn: partij, naam, jaar, toegezegd, "
                "gefactureerd, ontvangen, besteed."
            ],
        ),
        (one_row().iloc[0:0], ["De tabel bevat geen regels."]),
    ],
)
def test_wrong_columns_and_empty_tables_are_refused(frame, expected):
    assert messages(frame) == expected


def test_accepted_input_keeps_empty_cells_unknown():
    result = ledger.validate_ledger(
        one_row(toegezegd="€ 1.234,56", gefactureerd="1234.56", ontvangen="1.000", besteed=""), PARTIES
    )
    assert result.ok
    row = result.frame[(result.frame["partij"] == "GM0141") & (result.frame["jaar"] == 2025)].iloc[0]
    assert (row["toegezegd"], row["gefactureerd"], row["ontvangen"]) == (1234.56, 1234.56, 1000.0)
    assert pd.isna(row["besteed"])
    assert len(result.frame) == 6
    assert result.frame["toegezegd"].notna().sum() == 1  # absent rows stay unknown
    assert ledger.known_count(result.frame) == 3


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("€ 1.234,56", Decimal("1234.56")),
        ("1234,5", Decimal("1234.5")),
        ("1,234.50", Decimal("1234.50")),
        ("102.000", Decimal("102000")),
        ("0", Decimal("0")),
        ("  7 ", Decimal("7")),
        ("", None),
        (None, None),
    ],
)
def test_amounts_in_dutch_and_english_notation(text, amount):
    assert ledger.parse_amount(text) == amount


def test_totals_count_unknowns_and_never_show_zero_for_them():
    result = ledger.validate_ledger(
        pd.concat([one_row(toegezegd=60_000), one_row(partij="rijk", toegezegd=40_000.5)]), PARTIES
    )
    totals = ledger.ledger_totals(result.frame).set_index(["jaar", "state"])
    assert totals.loc[(2025, "toegezegd"), "known_total"] == Decimal("100000.50")
    assert totals.loc[(2025, "toegezegd"), "unknown_count"] == 1
    assert totals.loc[(2025, "besteed"), "known_total"] is None
    view = budget_words.totals_view(result.frame, "nl").set_index("jaar")
    assert view.at["2025", "toegezegd"] == "€ 100.000,50 (2 bekend, 1 onbekend)"
    assert view.at["2026", "besteed"] == "onbekend (3 onbekend)"


def test_the_export_keeps_unknown_cells_empty_and_reads_back():
    result = ledger.validate_ledger(one_row(toegezegd=51_000, gefactureerd=25_500.25), PARTIES)
    export = ledger.export_ledger(result.frame)
    csv = exports.csv_bytes(export)
    text = csv.decode("utf-8-sig")
    assert text.splitlines()[0] == "partij,naam,jaar,toegezegd,gefactureerd,ontvangen,besteed"
    assert "rijk,Rijk,2025,,,," in text
    assert ",0.0" not in text
    assert ",0," not in text
    again = ledger.load_upload("kasboek.csv", csv, PARTIES)
    assert again.ok
    assert again.frame.equals(result.frame)
    workbook = exports.excel_bytes({"Kasboek": export})
    from_excel = ledger.load_upload("kasboek.xlsx", workbook, PARTIES)
    assert from_excel.ok
    assert from_excel.frame.equals(result.frame)


def test_a_semicolon_csv_with_english_headers_and_names_is_read():
    data = "party_id;name;year;toegezegd;gefactureerd;ontvangen;besteed\nAlmelo;Almelo;2026;€ 51.000;51.000,00;;\n"
    result = ledger.load_upload("kasboek.csv", data.encode("utf-8"), PARTIES)
    assert result.ok
    almelo_2026 = (result.frame["partij"] == "GM0141") & (result.frame["jaar"] == 2026)
    assert result.frame.loc[almelo_2026, "gefactureerd"].item() == 51_000


def test_a_refused_upload_names_the_spreadsheet_line():
    data = "partij,jaar,toegezegd,gefactureerd,ontvangen,besteed\nGM0141,2025,10,20,,\n"
    result = ledger.load_upload("kasboek.csv", data.encode(), PARTIES)
    assert [i.message for i in result.issues] == [
        "Rij 2, kolom 'gefactureerd': € 20,00 is hoger dan toegezegd (€ 10,00); "
        "een latere stap kan niet hoger zijn dan een eerdere."
    ]


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "kasboek.pdf",
            b"%PDF",
            "Dit soort bestand wordt niet gelezen; kies een bestand dat eindigt op .csv, .xlsx, .xlsm.",
        ),
        ("kasboek.csv", b"partij;jaar\x00\x00\x01", "Het bestand is geen leesbare tekst (CSV)."),
        ("kasboek.xlsx", b"geen excel", "Het Excel-bestand is niet te lezen. Sla het opnieuw op als .xlsx."),
        ("kasboek.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "Het bestand is groter dan 5 MB."),
    ],
)
def test_unreadable_files_are_refused_with_one_message(name, data, expected):
    result = ledger.load_upload(name, data, PARTIES)
    assert [i.message for i in result.issues] == [expected]
    assert result.frame[list(ledger.STATES)].isna().all().all()


def test_a_pledge_that_differs_from_the_decision_is_noted(snapshot):
    names = dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True))
    table = budget.budget_table(snapshot)
    book = ledger.empty_ledger(names)
    assert (
        budget_words.decision_notes(ledger.pledge_differences(book, table), "nl") == []
    )  # unknown is not a difference
    almelo = book["partij"] == "GM0141"
    book.loc[almelo, "toegezegd"] = [51_000.0, 51_000.0]
    assert budget_words.decision_notes(ledger.pledge_differences(book, table), "nl") == []
    book.loc[almelo, "toegezegd"] = [60_000.0, 50_000.0]
    assert budget_words.decision_notes(ledger.pledge_differences(book, table), "nl") == [
        "Almelo: toegezegd in dit kasboek samen € 110.000,00, in de gegevens besloten € 102.000,00."
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_downloaded_ledger_with_headers_in_the_ui_language_uploads_again(lang):
    result = ledger.validate_ledger(one_row(toegezegd=51_000, gefactureerd=25_500.25), PARTIES)
    export = exports.localise(ledger.export_ledger(result.frame), lang)
    assert (
        list(export.columns)[:4]
        == ({"nl": ["Partij", "Naam", "Jaar", "Toegezegd (€)"], "en": ["Party", "Name", "Year", "Pledged (€)"]}[lang])
    )
    for name, data in (
        ("kasboek.csv", exports.csv_bytes(export)),
        ("kasboek-nl.csv", exports.dutch_csv_bytes(export)),
        ("kasboek.xlsx", exports.excel_bytes({"Kasboek": export})),
    ):
        again = ledger.load_upload(name, data, PARTIES)
        assert again.ok, (name, again.issues)
        assert again.frame.equals(result.frame), name
