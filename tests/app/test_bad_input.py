"""The catalogue of bad input (issue 7): uploads, edited tables, link parameters, scenario files and names.

Each case states what a user might feed the dashboard and the Dutch message that must come back. Domain functions
are called directly (fast); `test_page_*` files show on the pages that nothing the user had is lost.
"""

from __future__ import annotations

import io
import json
import re
import time
import zipfile
from collections.abc import Sequence

import openpyxl
import pandas as pd
import pytest

from ros.data import uploads
from ros.model import allocation, ledger, own_figures, plan_capacity
from ros.present.exports import excel_bytes
from ros.records import scenario as sc
from ros.records.errors import StoreError
from ros.records.scenario_file import parse_scenario_file
from ros.records.scenario_store import ScenarioStore
from scripts.hostile_upload import xlsx_bomb as xlsx_bomb_file
from scripts.hostile_upload import xlsx_entities


@pytest.fixture(scope="module")
def municipalities(snapshot) -> tuple[list[str], list[str]]:
    frame = snapshot["municipalities"].sort_values("name")
    return list(frame["code"]), list(frame["name"])


@pytest.fixture(scope="module")
def parties(snapshot) -> dict[str, str]:
    return dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True))


def _weights(codes: list[str], change: tuple[str, str] | None = None, extra: str = "") -> bytes:
    lines = [f"{code},1" for code in codes]
    if change:
        lines = [change[1] if line.startswith(change[0] + ",") else line for line in lines]
    return ("code,weight\n" + "\n".join(lines) + extra).encode()


def _xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WEIGHT_UPLOADS = {
    "wrong headers": (lambda _c: b"naam,waarde\nAlmelo,1", "Verwacht twee kolommen met de kopregel 'code,weight'"),
    "unknown code": (lambda c: _weights(c, extra="\nGM9999,1"), "'GM9999' is geen gemeente in deze regio"),
    "duplicate code": (lambda c: _weights(c, extra="\nGM0141,2"), "'GM0141' staat meer dan één keer in het bestand"),
    "negative weight": (lambda c: _weights(c, ("GM0141", "GM0141,-1")), "Het gewicht van Almelo is negatief"),
    "empty file": (lambda _c: b"", "Het bestand is leeg"),
    "header only": (lambda _c: b"code,weight\n", "Het gewicht ontbreekt voor"),
    "text in number column": (lambda c: _weights(c, ("GM0141", "GM0141,veel")), "Het gewicht van Almelo is geen getal"),
    "huge number": (lambda c: _weights(c, ("GM0141", "GM0141,1e400")), "Het gewicht van Almelo is geen getal"),
    "not a number (nan)": (lambda c: _weights(c, ("GM0141", "GM0141,nan")), "Het gewicht van Almelo is geen getal"),
    "all zero": (lambda c: _weights(c).replace(b",1", b",0"), "Alle gewichten zijn 0"),
    "missing municipality": (lambda c: _weights(c[:-1]), "Het gewicht ontbreekt voor: "),
    "excel file with formulas": (
        lambda c: _xlsx([["code", "weight"], *[[x, "=1+1"] for x in c]]),
        "Het bestand is geen leesbare tekst (CSV)",
    ),
    "binary garbage": (lambda _c: bytes(range(256)) * 10, "Het bestand is geen leesbare tekst (CSV)"),
    "20 MB file": (lambda _c: b"x" * (20 * 1024 * 1024), "Het bestand is groter dan 5 MB."),
    "exponent with a decimal comma": (
        lambda c: _weights(c, ("GM0141", 'GM0141,"1,5e3"')),
        "Het gewicht van Almelo is geen getal: '1,5e3'.",
    ),
    "html as municipality": (
        lambda c: _weights(c, extra="\n<script>alert(1)</script>,1"),
        "'<script>alert(1)</script>' is geen gemeente in deze regio",
    ),
}


@pytest.mark.parametrize("case", WEIGHT_UPLOADS, ids=list(WEIGHT_UPLOADS))
def test_bad_weights_upload(case: str, municipalities) -> None:
    build, message = WEIGHT_UPLOADS[case]
    with pytest.raises(allocation.AllocationError, match=re.escape(message)):
        allocation.read_weights_csv(build(municipalities[0]), *municipalities)


# Issue 23, point 2: a thousands separator in a weight (Dutch 1.850, English "1,850") was read as 1,85 and the page
# said "Gewichten geladen". A weight may be either, so it is refused naming the municipality, in both languages.
AMBIGUOUS_WEIGHTS = {
    "dutch thousands dot": ("gemeente;gewicht\n{rows};1\nAlmelo;1.850", "'1.850'"),
    "english thousands comma": ('municipality,weight\n{rows},1\nAlmelo,"1,850"', "'1,850'"),
}


@pytest.mark.parametrize("case", AMBIGUOUS_WEIGHTS, ids=list(AMBIGUOUS_WEIGHTS))
def test_a_weight_with_a_thousands_separator_is_refused_naming_the_row(case: str, municipalities) -> None:
    codes, names = municipalities
    template, typed = AMBIGUOUS_WEIGHTS[case]
    separator = ";" if ";" in template else ","
    others = f"{separator}1\n".join(n for n in names if n != "Almelo")
    with pytest.raises(allocation.AllocationError) as refused:
        allocation.read_weights_csv(template.format(rows=others).encode(), codes, names)
    assert refused.value.texts("nl") == [
        f"Het gewicht van Almelo is niet eenduidig: bedoelt u met {typed} 1.850 of 1,85? Schrijf duizendtallen "
        "zonder punt of komma (1850) en decimalen met een komma (1,85)."
    ]
    assert refused.value.texts("en") == [
        f"The weight of Almelo is ambiguous: does {typed} mean 1,850 or 1.85? Write thousands without a point or "
        "comma (1850) and decimals with a point (1.85)."
    ]


def test_weights_without_ambiguity_are_read_with_either_mark(municipalities) -> None:
    codes, names = municipalities
    rows = {"Almelo": "1.850,5", "Borne": "1,850.5", "Enschede": "1850", "Hengelo": "2,25", "Losser": "0.125"}
    lines = [f'{n};"{rows.get(n, "1")}"' for n in names]
    read = allocation.read_weights_csv(("gemeente;gewicht\n" + "\n".join(lines)).encode(), codes, names)
    by_name = {names[codes.index(c)]: v for c, v in read.items()}
    assert [by_name[n] for n in rows] == [1850.5, 1850.5, 1850.0, 2.25, 0.125]


def test_a_negative_weight_from_the_table_is_named_the_dutch_way(municipalities) -> None:
    codes, names = municipalities
    weights = dict.fromkeys(codes, 1.0) | {codes[names.index("Almelo")]: -0.5}
    with pytest.raises(allocation.AllocationError) as refused:
        allocation.check_weights(weights, codes, names)
    assert refused.value.texts("nl") == ["Het gewicht van Almelo is negatief (-0,5); gebruik 0 of meer."]
    assert refused.value.texts("en") == ["The weight of Almelo is negative (-0.5); use 0 or more."]


def test_dutch_semicolon_csv_in_windows_encoding_and_utf16_are_read(municipalities) -> None:
    codes, names = municipalities
    dutch = ("gemeente;gewicht\n" + "\n".join(f"{n};1,5" for n in names)).encode("cp1252")
    assert set(allocation.read_weights_csv(dutch, codes, names).values()) == {1.5}
    assert set(allocation.read_weights_csv(_weights(codes).decode().encode("utf-16"), codes, names).values()) == {1.0}


HEAD = "partij,jaar,toegezegd,gefactureerd,ontvangen,besteed\n"
LEDGER_UPLOADS = {
    "wrong headers": ("x.csv", b"a,b\n1,2", "Kolom 'partij' ontbreekt."),
    "unknown party": ("x.csv", (HEAD + "GM9999,2025,1,,,").encode(), "'GM9999' is geen van de 17 partijen"),
    "negative amount": ("x.csv", (HEAD + "GM0141,2025,-5,,,").encode(), "het bedrag mag niet negatief zijn"),
    "later state above earlier": (
        "x.csv",
        (HEAD + "GM0141,2025,100,200,,").encode(),
        "€ 200,00 is hoger dan toegezegd (€ 100,00)",
    ),
    "three decimals": (
        "x.csv",
        (HEAD.replace(",", ";") + "GM0141;2025;1.234,567;;;").encode(),
        "meer dan twee decimalen",
    ),
    "text in amount": ("x.csv", (HEAD + "GM0141,2025,veel,,,").encode(), "'veel' is geen bedrag in euro's"),
    "huge amount": ("x.csv", (HEAD + "GM0141,2025,1e300,,,").encode(), "'1e300' is geen bedrag in euro's"),
    "duplicate row": ("x.csv", (HEAD + "GM0141,2025,1,,,\nGM0141,2025,2,,,").encode(), "Almelo staat voor 2025 al"),
    "year outside period": ("x.csv", (HEAD + "GM0141,2030,1,,,").encode(), "valt buiten de periode 2025–2026"),
    "binary garbage as excel": ("x.xlsx", b"\x00\x01garbage", "is niet te lezen"),
    "unsupported type": ("x.pdf", b"%PDF-1.4", "kies een bestand dat eindigt op .csv, .xlsx"),
    "20 MB file": ("x.csv", b"x" * (20 * 1024 * 1024), "Het bestand is groter dan 5 MB."),
    "html as party": (
        "x.csv",
        (HEAD + "<img src=x onerror=alert(1)>,2025,1,,,").encode(),
        "'<img src=x onerror=alert(1)>' is geen van de 17 partijen",
    ),
}


@pytest.mark.parametrize("case", LEDGER_UPLOADS, ids=list(LEDGER_UPLOADS))
def test_bad_ledger_upload(case: str, parties) -> None:
    name, data, message = LEDGER_UPLOADS[case]
    result = ledger.load_upload(name, data, parties)
    assert not result.ok
    assert any(message in issue.message for issue in result.issues), [i.message for i in result.issues]


def test_a_dutch_excel_csv_in_windows_encoding_is_read(parties) -> None:
    data = "partij;jaar;toegezegd;gefactureerd;ontvangen;besteed\nHengelo (O.);2025;€ 5.000;;;\n".encode("cp1252")
    result = ledger.load_upload("kasboek.csv", data, parties)
    assert result.ok, [i.message for i in result.issues]
    assert result.frame.set_index(["partij", "jaar"]).loc[("GM0164", 2025), "toegezegd"] == 5000.0


@pytest.mark.parametrize(
    ("separator", "amount", "expected"),
    [(";", "1.850,50", 1850.5), (",", '"1,850.50"', 1850.5), (";", "€ 1.850", 1850.0), (",", '"1,850"', 1850.0)],
    ids=["dutch with cents", "english with cents", "dutch thousands", "english thousands"],
)
def test_ledger_amounts_with_thousands_separators_in_either_language(
    separator: str, amount: str, expected: float, parties
) -> None:
    data = (HEAD.replace(",", separator) + separator.join(["GM0141", "2025", amount, "", "", ""])).encode()
    result = ledger.load_upload("kasboek.csv", data, parties)
    assert result.ok, [i.message for i in result.issues]
    assert result.frame.set_index(["partij", "jaar"]).loc[("GM0141", 2025), "toegezegd"] == expected


def test_an_excel_number_too_large_for_any_field_is_refused_not_a_crash(parties, municipalities) -> None:
    huge = _xlsx([HEAD.strip().split(","), ["GM0141", 2025, 1e300]])
    assert [i.message for i in ledger.load_upload("kasboek.xlsx", huge, parties).issues] == [
        "Rij 2, kolom 'toegezegd': 1e+300 is geen bedrag in euro's."
    ]
    huge = _xlsx([["code", "jaar", "nieuwbouw"], ["GM0153", 2025, 1e300]])
    assert [
        i.message for i in own_figures.load_upload("eigen.xlsx", huge, dict(zip(*municipalities, strict=True))).issues
    ] == ["Rij 2, kolom 'nieuwbouw': 1e+300 is geen geheel aantal woningen."]


def test_excel_ledger_formulas_are_never_evaluated(parties) -> None:
    data = _xlsx([["partij", "jaar", "toegezegd"], ["GM0141", 2025, "=10*10"]])
    result = ledger.load_upload("x.xlsx", data, parties)
    almelo = result.frame[(result.frame["partij"] == "GM0141") & (result.frame["jaar"] == 2025)]
    assert almelo["toegezegd"].isna().all()  # openpyxl reads cached values only; a formula is never computed


def test_a_refused_number_from_a_table_is_printed_the_readers_way(parties, municipalities) -> None:
    """Issue 24, F1: a refusal said -0.5 in the Dutch interface."""
    table = ledger.empty_ledger(parties)
    table.loc[0, "besteed"] = -1500.5
    [issue] = ledger.validate_ledger(table, parties).issues
    assert issue.message == "Rij 1, kolom 'besteed': het bedrag mag niet negatief zijn (gekregen: -1.500,5)."
    assert issue.text("en") == "Row 1, column 'besteed': the amount cannot be negative (got: -1,500.5)."
    figures = pd.DataFrame({"code": ["GM0153"], "jaar": [2025], "nieuwbouw": [-0.5]})
    [issue] = own_figures.check_own_figures(figures, dict(zip(*municipalities, strict=True))).issues
    assert issue.message == "Rij 1, kolom 'nieuwbouw': -0,5 is geen geheel aantal woningen."


def test_an_edited_ledger_table_with_a_later_state_too_high_is_refused(parties) -> None:
    table = ledger.empty_ledger(parties)
    table.loc[0, ["toegezegd", "ontvangen"]] = [100.0, 150.0]
    result = ledger.validate_ledger(table, parties)
    assert [i.message for i in result.issues] == [
        (
            "Rij 1, kolom 'ontvangen': € 150,00 is hoger dan toegezegd (€ 100,00); een latere stap kan niet hoger zijn "
            "dan een eerdere."
        )
    ]


OWN_HEAD = "code,gemeente,jaar,nieuwbouw,sloop,netto\n"
OWN_FIGURE_UPLOADS = {
    "wrong headers": ("x.csv", b"a,b\n1,2", "Kolom 'code' of 'gemeente' ontbreekt."),
    "no figure columns": ("x.csv", b"code,jaar\nGM0153,2025", "Geen van de kolommen nieuwbouw, sloop of netto"),
    "unknown municipality": ("x.csv", (OWN_HEAD + "GM9999,,2025,1,,").encode(), "'GM9999' is geen Twentse gemeente"),
    "year outside range": ("x.csv", (OWN_HEAD + "GM0153,,2011,1,,").encode(), "2011 valt buiten 2012–2100"),
    "year as text": ("x.csv", (OWN_HEAD + "GM0153,,vorig jaar,1,,").encode(), "'vorig jaar' is geen jaartal"),
    "missing year": ("x.csv", (OWN_HEAD + "GM0153,,,1,,").encode(), "het jaar ontbreekt"),
    "negative new construction": (
        "x.csv",
        (OWN_HEAD + "GM0153,,2025,-5,,").encode(),
        "het aantal mag niet negatief zijn",
    ),
    "negative demolition": ("x.csv", (OWN_HEAD + "GM0153,,2025,,-5,").encode(), "het aantal mag niet negatief zijn"),
    "decimal homes": (
        "x.csv",
        (OWN_HEAD.replace(",", ";") + "GM0153;;2025;1,5;;").encode(),
        "'1,5' is geen geheel aantal woningen",
    ),
    "text in number": ("x.csv", (OWN_HEAD + "GM0153,,2025,veel,,").encode(), "'veel' is geen geheel aantal woningen"),
    "huge number": ("x.csv", (OWN_HEAD + "GM0153,,2025,1e9,,").encode(), "'1e9' is geen geheel aantal woningen"),
    "implausibly many": ("x.csv", (OWN_HEAD + "GM0153,,2025,250000,,").encode(), "meer dan 100.000 woningen"),
    "duplicate row": (
        "x.csv",
        (OWN_HEAD + "GM0153,,2025,1,,\n,Enschede,2025,2,,").encode(),
        "Enschede staat voor 2025 al in rij 2",
    ),
    "unknown column": (
        "x.csv",
        (OWN_HEAD.strip() + ",opmerking\nGM0153,,2025,1,,,x").encode(),
        "Kolom 'opmerking' is onbekend",
    ),
    "binary garbage": ("x.csv", bytes(range(256)) * 10, "Het bestand is geen leesbare tekst (CSV)."),
    "binary garbage as excel": ("x.xlsx", b"PK\x03\x04garbage", "Het Excel-bestand is niet te lezen."),
    "unsupported type": ("x.pdf", b"%PDF-1.4", "kies een bestand dat eindigt op .csv, .txt, .xlsx"),
    "empty file": ("x.csv", b"", "Het bestand is leeg."),
    "20 MB file": ("x.csv", b"x" * (20 * 1024 * 1024), "Het bestand is groter dan 5 MB."),
    "too many rows": (
        "x.csv",
        (OWN_HEAD + "GM0153,,2025,1,,\n" * 2_500).encode(),
        "Het bestand heeft meer dan 2.000 regels.",
    ),
    "excel with too many rows": (
        "x.xlsx",
        _xlsx([["code", "jaar", "netto"]] + [["GM0153", 2025, 1]] * 2_500),
        "Het bestand heeft meer dan 2.000 regels.",
    ),
    "html as municipality": (
        "x.csv",
        (OWN_HEAD + "<img src=x onerror=alert(1)>,,2025,1,,").encode(),
        "'<img src=x onerror=alert(1)>' is geen Twentse gemeente",
    ),
}


@pytest.mark.parametrize("case", OWN_FIGURE_UPLOADS, ids=list(OWN_FIGURE_UPLOADS))
def test_bad_own_figures_upload(case: str, municipalities) -> None:
    name, data, message = OWN_FIGURE_UPLOADS[case]
    result = own_figures.load_upload(name, data, dict(zip(*municipalities, strict=True)))
    assert not result.ok
    assert result.frame.empty  # nothing half-taken over
    assert any(message in issue.message for issue in result.issues), [i.message for i in result.issues]


PHASES = "onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel"
THOUSANDS = {
    "dutch": (
        "code;jaar;nieuwbouw;sloop\nGM0153;2025;1.050;1.000",
        f"code;{PHASES.replace(',', ';')}\nGM0153;1.050;1.200;0;1.000",
    ),
    "english": (
        'code,jaar,nieuwbouw,sloop\nGM0153,2025,"1,050","1,000"',
        f'code,{PHASES}\nGM0153,"1,050","1,200",0,"1,000"',
    ),
    "spaces": (
        "code;jaar;nieuwbouw;sloop\nGM0153;2025;1 050;1000",
        f"code;{PHASES.replace(',', ';')}\nGM0153;1 050;1 200;0;1000",
    ),
}


@pytest.mark.parametrize("case", THOUSANDS, ids=list(THOUSANDS))
def test_own_figures_and_capacity_read_thousands_separators_of_either_language(case: str, municipalities) -> None:
    own, capacity = THOUSANDS[case]
    names = dict(zip(*municipalities, strict=True))
    result = own_figures.load_upload("eigen.csv", own.encode(), names)
    assert own_figures.records(result.frame) == [
        {"code": "GM0153", "year": 2025, "new_construction": 1050, "demolition": 1000, "net_change": None}
    ]
    checked, issues = plan_capacity.load_upload("plannen.csv", capacity.encode(), names)
    assert issues == ()
    assert checked.iloc[0, 1:].tolist() == [1050, 1200, 0, 1000]


def test_excel_own_figures_formulas_are_never_evaluated(municipalities) -> None:
    data = _xlsx([["code", "jaar", "nieuwbouw", "netto"], ["GM0153", 2025, 316, "=10*10"]])
    result = own_figures.load_upload("x.xlsx", data, dict(zip(*municipalities, strict=True)))
    assert own_figures.records(result.frame) == [
        {"code": "GM0153", "year": 2025, "new_construction": 316, "demolition": None, "net_change": None}
    ]


PHASE_HEAD = "code,onherroepelijk,in_voorbereiding,in_ontwikkeling,potentieel\n"
CAPACITY_UPLOADS = {
    "missing phase": ("x.csv", b"code,onherroepelijk\nGM0153,1", "Kolom 'in_voorbereiding' ontbreekt."),
    "no municipality column": ("x.csv", PHASE_HEAD.replace("code,", "").encode(), "Kolom 'code' of 'gemeente'"),
    "unknown municipality": ("x.csv", (PHASE_HEAD + "GM9999,1,1,1,1").encode(), "'GM9999' is geen Twentse gemeente"),
    "negative capacity": ("x.csv", (PHASE_HEAD + "GM0153,-1,1,1,1").encode(), "het aantal mag niet negatief zijn"),
    "text in number": ("x.csv", (PHASE_HEAD + "GM0153,veel,1,1,1").encode(), "'veel' is geen geheel aantal"),
    "duplicate municipality": (
        "x.csv",
        (PHASE_HEAD + "GM0153,1,1,1,1\nEnschede,2,2,2,2").encode(),
        "Enschede staat al in rij 2",
    ),
    "header only": ("x.csv", PHASE_HEAD.encode(), "De tabel bevat geen regels."),
    "too many rows": ("x.csv", (PHASE_HEAD + "GM0153,1,1,1,1\n" * 300).encode(), "meer dan 200 regels"),
    "20 MB file": ("x.csv", b"x" * (20 * 1024 * 1024), "Het bestand is groter dan 5 MB."),
    "binary garbage as excel": ("x.xlsx", b"\x00\x01garbage", "Het Excel-bestand is niet te lezen."),
}


@pytest.mark.parametrize("case", CAPACITY_UPLOADS, ids=list(CAPACITY_UPLOADS))
def test_bad_capacity_upload(case: str, municipalities) -> None:
    name, data, message = CAPACITY_UPLOADS[case]
    checked, issues = plan_capacity.load_upload(name, data, dict(zip(*municipalities, strict=True)))
    assert checked.empty
    assert any(message in issue.message for issue in issues), [i.message for i in issues]


LINK_PARAMETERS = {
    "wrong type": {"woningen": "veel"},
    "negative": {"woningen": "-1"},
    "out of range": {"steden": "150"},
    "injected html": {"vorm": "<script>alert(1)</script>"},
    "date far past": {"stand": "1999-01-01"},
    "not a date": {"stand": "morgen"},
    "end before start": {"startjaar": "2049", "eindjaar": "2030"},
    "fixed shares over 100%": {"vast_rijk": "80", "vast_waterschap": "40"},
    "budget with three decimals": {"totaalbudget": "1234.567"},
    "infinite occupancy": {"bewoning": "inf"},
}


@pytest.mark.parametrize("case", LINK_PARAMETERS, ids=list(LINK_PARAMETERS))
def test_bad_link_parameters_fall_back_and_are_named(case: str) -> None:
    params = LINK_PARAMETERS[case]
    scenario, ignored = sc.from_query(params | {"lang": "en"})
    last = list(params.items())[-1]
    assert ignored == [f"{last[0]}={last[1]}"]
    assert sc.to_query(scenario) == dict(list(params.items())[:-1])


# Issue 24, F1: a Dutch thousands dot in a link was read as a decimal point (woningen=80.000 became 80 homes and the
# link was rewritten to woningen=80). Links are read like typed numbers: either mark, ambiguity refused.
LINK_NUMBERS = {
    "homes with a thousands dot": ({"woningen": "80.000"}, {"woningen": "80000"}),
    "residents with a thousands dot": ({"inwoners": "120.000"}, {"inwoners": "120000"}),
    "pace with a thousands dot": ({"tempo": "2.500"}, {"tempo": "2500"}),
    "budget with a thousands dot": ({"totaalbudget": "250.000"}, {"totaalbudget": "250000"}),
    "budget with an english comma": ({"totaalbudget": "250,000.50"}, {"totaalbudget": "250000.5"}),
    "budget with dutch cents": ({"totaalbudget": "1.734.000,50"}, {"totaalbudget": "1734000.5"}),
    "homes with an english comma": ({"woningen": "80,000"}, {"woningen": "80000"}),
    "occupancy with a decimal comma": ({"bewoning": "-0,5"}, {"bewoning": "-0.5"}),
    "occupancy as the link writes it": ({"bewoning": "-0.125"}, {"bewoning": "-0.125"}),
    "fixed share with a decimal point": ({"vast_rijk": "12.5"}, {"vast_rijk": "12.5"}),
}


@pytest.mark.parametrize("case", LINK_NUMBERS, ids=list(LINK_NUMBERS))
def test_link_numbers_are_read_like_typed_numbers(case: str) -> None:
    params, expected = LINK_NUMBERS[case]
    scenario, ignored = sc.from_query(params)
    assert ignored == []
    assert sc.to_query(scenario) == expected


@pytest.mark.parametrize(
    "params",
    [{"woningen": "80.5"}, {"woningen": "80.000.5"}, {"vast_rijk": "12.500,5"}, {"totaalbudget": "1,5e3"}],
    ids=["homes with a fraction", "misplaced thousands", "a fraction beyond 100%", "exponent"],
)
def test_link_numbers_that_mean_nothing_or_two_things_are_named(params: dict[str, str]) -> None:
    scenario, ignored = sc.from_query(params)
    assert ignored == [f"{k}={v}" for k, v in params.items()]
    assert sc.to_query(scenario) == {}


# What a Dutch (or English) planner types in a number field (issue 15): read the way it is meant, or refused with
# the message the field shows, the previous value staying.
TYPED_NUMBERS = {
    "dutch thousands": ("80.000", "nl", "woningen", 80_000),
    "plain": ("80000", "nl", "woningen", 80_000),
    "space thousands": ("80 000", "nl", "woningen", 80_000),
    "non-breaking space thousands": ("80\u00a0000", "nl", "woningen", 80_000),
    "dutch decimal comma": ("-0,5", "nl", "bewoning", -0.5),
    "minus sign": ("\u22120,5", "nl", "bewoning", -0.5),
    "euro amount with cents": ("€ 1.734.000,50", "nl", "totaalbudget", 1_734_000.5),
    "english thousands in english": ("80,000", "en", "woningen", 80_000),
    "english decimal point in english": ("-0.5", "en", "bewoning", -0.5),
    "misplaced thousands": ("80.00", "nl", "woningen", "„80.00” is niet eenduidig: bedoelt u 8.000 of 80?"),
    "english thousands in dutch": ("80,000", "nl", "woningen", "„80,000” is niet eenduidig: bedoelt u 80.000 of 80?"),
    "decimal point in dutch": ("-0.5", "nl", "bewoning", "„-0.5” is niet eenduidig: bedoelt u -5 of -0,5?"),
    "dutch thousands in english": ("80.000", "en", "woningen", "“80.000” is ambiguous: do you mean 80,000 or 80?"),
    "fraction for a whole number": ("1,5", "nl", "woningen", "„1,5” is geen geheel getal."),
    "words": ("veel", "nl", "woningen", "„veel” is geen getal."),
    "exponent": ("1e5", "nl", "woningen", "„1e5” is geen getal."),
    "empty": ("", "nl", "woningen", "Vul een getal in."),
    "too many homes": (
        "20.000.000",
        "nl",
        "woningen",
        "„20.000.000” ligt buiten het bereik van 0 tot en met 10.000.000.",
    ),
    "occupancy beyond 5%": ("-6", "nl", "bewoning", "„-6” ligt buiten het bereik van -5 tot en met 5."),
    "negative budget": ("-5", "nl", "totaalbudget", "„-5” ligt buiten het bereik van 0 tot en met 100.000.000."),
    "english thousands in the dutch budget": (
        "80,000",
        "nl",
        "totaalbudget",
        "„80,000” is niet eenduidig: bedoelt u 80.000 of 80?",
    ),
    "dutch thousands in the english budget": (
        "80.000",
        "en",
        "totaalbudget",
        "“80.000” is ambiguous: do you mean 80,000 or 80?",
    ),
    "dutch budget with cents": ("80.000,50", "nl", "totaalbudget", 80_000.5),
    "a fraction of a cent": ("1.000,0051", "nl", "totaalbudget", "„1.000,0051” heeft meer dan 2 decimalen."),
    "a decimal comma of three places where the setting allows it": ("-0,125", "nl", "bewoning", -0.125),
}


@pytest.mark.parametrize("case", TYPED_NUMBERS, ids=list(TYPED_NUMBERS))
def test_typed_numbers(case: str) -> None:
    from ros.base import number_entry
    from ros.base.i18n import translate

    typed, lang, alias, expected = TYPED_NUMBERS[case]
    spec = sc.setting(alias)
    if not isinstance(expected, str):
        assert sc.read_number(spec, typed, lang) == expected
        return
    with pytest.raises(number_entry.NumberEntryError) as refused:
        sc.read_number(spec, typed, lang)
    message = translate(lang, f"number_entry.{refused.value.code}", previous="69.000", **refused.value.values)
    assert message.startswith(expected)
    assert message.endswith("(69.000) blijft staan." if lang == "nl" else "stays.")


def _file(**overrides: object) -> bytes:
    envelope = {
        "format": "ros-twente-scenario",
        "version": 1,
        "name": "Test",
        "author": "Planner",
        "created_at": "2026-11-01T10:00:00+00:00",
        "settings": {"woningen": 70_000},
    } | overrides
    return json.dumps(envelope).encode()


SCENARIO_FILES = {
    "corrupt json": (b'{"format": "ros-twente-scenario", ', "geen geldige JSON (fout op regel 1)"),
    "wrong format": (_file(format="iets anders"), "geen scenariobestand"),
    "newer version": (_file(version=99), "nieuwere versie"),
    "missing fields": (
        json.dumps({"format": "ros-twente-scenario", "version": 1}).encode(),
        "dit ontbreekt: name, author, created_at, settings",
    ),
    "invalid settings": (_file(settings={"woningen": -1}), "veld 'woningen' mag niet negatief zijn"),
    "unknown setting": (_file(settings={"toverstaf": 1}), "toverstaf"),
    "not utf-8": ("é".encode("latin-1"), "UTF-8"),
    "NaN in json": (b'{"format": "ros-twente-scenario", "version": NaN}', "geen geldige JSON"),
    "too large": (b" " * (2 * 1024 * 1024), "groter dan"),
}


@pytest.mark.parametrize("case", SCENARIO_FILES, ids=list(SCENARIO_FILES))
def test_bad_scenario_file(case: str) -> None:
    data, message = SCENARIO_FILES[case]
    with pytest.raises(StoreError) as error:
        parse_scenario_file(data, sc.VERSION, sc.validate_settings)
    assert message.lower() in str(error.value).lower()


NAMES = {
    "empty": ("   ", "name_empty"),
    "too long": ("x" * 101, "name_too_long"),
    "control characters": ("regel\nnieuwe regel", "name_control"),
    "look-alike: Cyrillic letter in a Latin word": ("B\u0430sis 2050", "name_mixed_scripts"),
    "look-alike: Greek letter in a Latin word": ("Plan \u039fost", "name_mixed_scripts"),
}


@pytest.mark.parametrize("case", NAMES, ids=list(NAMES))
def test_bad_scenario_names_are_refused(case: str, tmp_path) -> None:
    name, code = NAMES[case]
    with pytest.raises(StoreError) as error:
        ScenarioStore(f"sqlite:///{tmp_path / 's.db'}").save(name, "Planner", {}, sc.VERSION)
    assert error.value.code == code


def test_a_look_alike_of_a_saved_name_is_that_name(tmp_path) -> None:
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    store.save("Basis", "Planner", {}, sc.VERSION)
    with pytest.raises(StoreError) as error:
        store.save("Ba\u200bsis", "Planner", {}, sc.VERSION)  # a zero-width space
    assert error.value.code == "name_taken"


@pytest.mark.parametrize("name", ["<script>alert('x')</script>", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+31 6 1234"])
def test_hostile_names_are_kept_as_text_and_never_run_in_excel(name: str, tmp_path) -> None:
    store = ScenarioStore(f"sqlite:///{tmp_path / 's.db'}")
    record = store.save(name, name, {}, sc.VERSION)
    assert store.get(record.id).name == name
    book = openpyxl.load_workbook(io.BytesIO(excel_bytes({"s": pd.DataFrame({"naam": [name]})})))
    cell = book["s"]["A2"]
    assert cell.data_type == "s"
    assert not str(cell.value).startswith(("=", "+", "@"))


# Hostile text through every place a name, author, label, file name or link parameter reaches Markdown (issue 12,
# item 7). Each run checks that the hostile text is on screen and that none of it is live markup.
LINK = "[Klik hier voor het besluit](https://evil.example/)"
IMAGE = "![](http://127.0.0.1:9/a.png)"
FORMULA = '=HYPERLINK("https://evil.example/x") www.evil.example'
HOSTILE_NAME, HOSTILE_AUTHOR = f"{LINK} {IMAGE}"[:100], FORMULA


def _markdown_texts(at) -> list[str]:
    """Every Markdown source on screen: messages, captions, markdown and metric labels."""
    found = [
        str(e.value)
        for kind in ("markdown", "caption", "info", "warning", "error", "success")
        for e in getattr(at, kind)
    ]
    return found + [m.label for m in at.metric]


def _assert_shown_and_inert(at, *fragments: str) -> None:
    """Each fragment is on screen (as the reader sees it) in some Markdown, and no Markdown holds live markup."""
    from tests.support.markdown import live_markup, shown

    assert not at.exception, at.exception
    visible = [shown(m) for m in _markdown_texts(at)]
    for fragment in fragments:
        assert any(fragment in s for s in visible), (fragment, visible)
    live = [(m, live_markup(m)) for m in _markdown_texts(at) if "evil" in m or "127.0.0.1" in m]
    assert [entry for entry in live if entry[1]] == []


@pytest.fixture
def hostile_store(tmp_path, monkeypatch) -> ScenarioStore:
    path = tmp_path / "scenarios.db"
    monkeypatch.setenv("ROS_SCENARIO_DB", str(path))
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    return ScenarioStore(f"sqlite:///{path}")


def test_hostile_scenario_name_and_author_stay_text_in_every_message(hostile_store: ScenarioStore) -> None:
    from tests.support.app import run_app

    record = hostile_store.save(HOSTILE_NAME, HOSTILE_AUTHOR, {"woningen": 70_000}, sc.VERSION)
    broken = hostile_store.save(
        f"{IMAGE} kapot", HOSTILE_AUTHOR, {"woningen": "[x](https://evil.example/)"}, sc.VERSION
    )
    at = run_app("app_pages/scenarios.py")
    at.selectbox(key="scenario_choice").set_value(broken.id).run()
    _assert_shown_and_inert(at, f"{IMAGE} kapot", "[x](https://evil.example/)")  # the record's problem
    at.selectbox(key="scenario_choice").set_value(record.id).run()
    at.button(key="scenario_open").click().run()
    _assert_shown_and_inert(at, HOSTILE_NAME)  # "opened"
    hostile_store.mark_agreed(record.id)
    at.switch_page("app_pages/vergelijken.py").run()
    _assert_shown_and_inert(at, HOSTILE_NAME)  # the agreed baseline
    at.switch_page("app_pages/scenarios.py").run()
    at.selectbox(key="scenario_choice").set_value(record.id).run()
    at.text_input(key=f"rename_{record.id}").input(f"{IMAGE} kapot")
    at.button(key="scenario_rename").click().run()
    _assert_shown_and_inert(at, f"{IMAGE} kapot")  # "name taken"


@pytest.mark.usefixtures("hostile_store")
def test_hostile_scenario_file_name_author_and_file_name_stay_text() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/scenarios.py")
    data = json.dumps(
        {
            "format": "ros-twente-scenario",
            "version": 1,
            "name": HOSTILE_NAME,
            "author": HOSTILE_AUTHOR,
            "created_at": "2026-11-01T10:00:00+00:00",
            "settings": {},
        }
    ).encode()
    at.file_uploader(key="scenario_upload").upload("scenario.json", data, "application/json").run()
    _assert_shown_and_inert(at, HOSTILE_NAME, FORMULA)  # "file read: name, author"
    at.file_uploader(key="scenario_upload").upload(f"{LINK}.json", b"{kapot", "application/json").run()
    _assert_shown_and_inert(at, LINK)  # "file refused"


def test_hostile_weights_label_and_file_name_stay_text(municipalities) -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/doelen.py", {"sleutel": "custom"})
    hostile = _weights(municipalities[0], extra=f"\n{LINK},1")
    at.file_uploader(key="weights_upload_1").upload("w.csv", hostile, "text/csv").run()
    _assert_shown_and_inert(at, LINK)  # "not a municipality"
    good = _weights(municipalities[0])
    at.file_uploader(key="weights_upload_1").upload(f"{IMAGE}.csv", good, "text/csv").run()
    _assert_shown_and_inert(at, IMAGE)  # "weights loaded from …"


def test_hostile_ledger_party_and_file_name_stay_text() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/budget.py")
    data = (HEAD + f"{LINK},2025,1,,,").encode()
    at.file_uploader(key="budget_ledger_upload").upload(f"{IMAGE}.csv", data, "text/csv").run()
    _assert_shown_and_inert(at, LINK, IMAGE)  # refusal: file and party


def test_hostile_link_parameter_stays_text() -> None:
    from tests.support.app import run_app

    at = run_app(query={"x": "[Klik hier: nieuw besluit](https://evil.example/login)", "gemeente": IMAGE})
    cut = "x=[Klik hier: nieuw besluit](https://evil.example/login)"[:39] + "…"  # values are cut at 40 characters
    _assert_shown_and_inert(at, cut, f"gemeente={IMAGE}")


def test_hostile_own_figures_municipality_and_file_name_stay_text() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/voortgang.py")
    data = (OWN_HEAD + f"{LINK},,2025,1,,").encode()
    at.file_uploader(key="own_upload_1").upload(f"{IMAGE}.csv", data, "text/csv").run()
    _assert_shown_and_inert(at, LINK, IMAGE)  # refusal: file and municipality
    at.file_uploader(key="capacity_upload_0").upload(
        f"{IMAGE}.csv", (PHASE_HEAD + f"{LINK},1,1,1,1").encode(), "text/csv"
    ).run()
    _assert_shown_and_inert(at, LINK, IMAGE)


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    """The file of issue 12, item 5: one sheet of 3,7 million rows (scripts/hostile_upload.py measures it live)."""
    return xlsx_bomb_file(3_700_000)


def test_the_hostile_xlsx_is_small_packed_and_a_real_workbook(xlsx_bomb: bytes) -> None:
    assert len(xlsx_bomb) < 1024 * 1024
    with zipfile.ZipFile(io.BytesIO(xlsx_bomb)) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 90 * 1024 * 1024
    small = openpyxl.load_workbook(io.BytesIO(xlsx_bomb_file(3)), read_only=True)
    assert list(small.worksheets[0].iter_rows(values_only=True)) == [(1,), (1,), (1,)]


ENTITIES = (
    "Het Excel-bestand bevat XML-definities (DOCTYPE of ENTITY) die een gewoon werkblad nooit heeft; het wordt niet "
    "gelezen. Sla het opnieuw op als .xlsx."
)


def test_the_entity_workbook_is_small_and_would_expand_without_our_check() -> None:
    data = xlsx_entities()
    assert len(data) < 2_000
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<!ENTITY lol9" in archive.read("xl/worksheets/sheet1.xml")
    with pytest.raises(Exception, match="amplification"):  # what openpyxl's parser (expat) does with it unguarded
        list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0].iter_rows(values_only=True))


@pytest.mark.parametrize(
    "read",
    [
        lambda data, _municipalities, parties: ledger.load_upload("kasboek.xlsx", data, parties).issues,
        lambda data, municipalities, _parties: (
            own_figures.load_upload("eigen.xlsx", data, dict(zip(*municipalities, strict=True))).issues
        ),
        lambda data, municipalities, _parties: plan_capacity.load_upload(
            "plannen.xlsx", data, dict(zip(*municipalities, strict=True))
        )[1],
    ],
    ids=["ledger", "own figures", "plan capacity"],
)
def test_an_xlsx_with_nested_entities_is_refused_in_dutch_before_parsing(read, municipalities, parties) -> None:
    """Issue 24, F2: the 1,6 KB "billion laughs" workbook crashed two uploads with an English error box and grew
    the server by 66 MB in the third; it is refused before openpyxl sees it, with no memory to speak of."""
    import psutil

    process = psutil.Process()
    before, started = process.memory_info().rss, time.perf_counter()
    issues = read(xlsx_entities(), municipalities, parties)
    assert time.perf_counter() - started < 0.5
    assert process.memory_info().rss - before < 8 * 1024 * 1024
    assert [i.message for i in issues] == [ENTITIES]
    assert issues[0].text("en").startswith("The Excel file holds XML definitions (DOCTYPE or ENTITY)")


def test_a_declaration_split_over_two_chunks_or_hidden_in_utf16_is_still_caught() -> None:
    data = xlsx_entities()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    padded = sheet.replace(b"<!DOCTYPE", b"<!--" + b"x" * ((1 << 20) - 10) + b"--><!DOCTYPE", 1)
    for replaced, message in (
        (padded, ENTITIES),
        (sheet.decode().encode("utf-16"), "Het Excel-bestand is niet te lezen"),
    ):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in parts.items():
                archive.writestr(name, replaced if name == "xl/worksheets/sheet1.xml" else content)
        with pytest.raises(uploads.UploadError) as refused:
            uploads.table_rows("x.xlsx", buffer.getvalue(), 100)
        assert refused.value.text("nl").startswith(message)


def test_a_3_7_million_row_xlsx_ledger_is_refused_within_a_second(xlsx_bomb: bytes, parties) -> None:
    started = time.perf_counter()
    result = ledger.load_upload("kasboek.xlsx", xlsx_bomb, parties)
    assert time.perf_counter() - started < 1.0
    assert [i.message for i in result.issues] == [
        "Het Excel-bestand is uitgepakt groter dan 20 MB; zo'n groot bestand wordt niet gelezen."
    ]


@pytest.mark.parametrize("dimension", [True, False], ids=["honest dimensions", "no dimensions"])
def test_an_xlsx_with_too_many_rows_is_refused_at_the_row_limit(dimension: bool, parties) -> None:
    data = xlsx_bomb_file(200_000, dimension)  # unpacks to ~5 MB: under the unpacked limit, far over the row limit
    started = time.perf_counter()
    result = ledger.load_upload("kasboek.xlsx", data, parties)
    assert time.perf_counter() - started < 1.0
    assert [i.message for i in result.issues] == ["Het bestand heeft meer dan 1.000 regels."]


@pytest.mark.parametrize(
    "build",
    [lambda: b"GM0141,1\n" * 500_000, lambda: b"\r" * 500_000],
    ids=["500.000 lines", "500.000 carriage returns"],
)
def test_a_weights_or_ledger_csv_with_too_many_lines_is_refused_before_parsing(build, municipalities, parties) -> None:
    data = build()
    started = time.perf_counter()
    with pytest.raises(allocation.AllocationError, match=re.escape("meer dan 1.000 regels")):
        allocation.read_weights_csv(data, *municipalities)
    result = ledger.load_upload("kasboek.csv", data, parties)
    assert time.perf_counter() - started < 1.0
    assert [i.message for i in result.issues] == ["Het bestand heeft meer dan 1.000 regels."]


def test_an_upload_refusal_reads_in_english_too(municipalities, parties) -> None:
    with pytest.raises(allocation.AllocationError) as error:
        allocation.read_weights_csv(bytes(range(256)) * 10, *municipalities)
    assert error.value.text("en") == "The file is not readable text (CSV)."
    result = ledger.load_upload("kasboek.csv", (HEAD + "GM0141,2025,100,200,,").encode(), parties)
    assert [i.text("en") for i in result.issues] == [
        (
            "Row 2, column 'gefactureerd': €200.00 is higher than toegezegd "
            "(€100.00); a later step cannot be higher than "
            "an earlier one."
        )
    ]


def test_a_weights_file_names_every_problem(municipalities) -> None:
    codes, names = municipalities
    lines = [f"{c},1" for c in codes[4:]] + [
        "GM0141,veel",
        "GM0147,-2",
        "GM1774,",
        "GM0153,nan",
        "GM0153,1",
        "GM9999,1",
    ]
    with pytest.raises(allocation.AllocationError) as error:
        allocation.read_weights_csv(("code,weight\n" + "\n".join(lines)).encode(), codes, names)
    assert [p.text("nl") for p in error.value.problems] == [
        "Regel 16: 'GM0153' staat meer dan één keer in het bestand.",
        "Het gewicht van Almelo is geen getal: 'veel'.",
        "Het gewicht van Borne is negatief (-2); gebruik 0 of meer.",
        "Het gewicht van Dinkelland ontbreekt.",
        "Het gewicht van Enschede is geen getal: 'nan'.",
        "'GM9999' is geen gemeente in deze regio.",
    ]


def test_a_weights_file_missing_ten_municipalities_names_them_with_the_first_error(municipalities) -> None:
    codes, names = municipalities
    lines = ["Almelo,1", "Borne,1", "Dinkelland,veel", "Enschede,1"]
    with pytest.raises(allocation.AllocationError) as error:
        allocation.read_weights_csv(("gemeente,gewicht\n" + "\n".join(lines)).encode(), codes, names)
    first, absent = (p.text("nl") for p in error.value.problems)
    assert first == "Het gewicht van Dinkelland is geen getal: 'veel'."
    assert absent == f"Het gewicht ontbreekt voor: {', '.join(names[4:])}. Geef 0 als een gemeente niets krijgt."
    assert len(names[4:]) == 10


@pytest.mark.parametrize(
    "spelling",
    ["Hengelo (O.)", "Hengelo (Ov)", "hengelo (ov.)", "HENGELO", "Gemeente Hengelo", "Hengelo (Overijssel)", "gm0164"],
)
def test_every_official_spelling_of_hengelo_is_accepted(spelling: str, municipalities, parties) -> None:
    codes, names = municipalities
    lines = [f"{spelling if c == 'GM0164' else c},{2 if c == 'GM0164' else 1}" for c in codes]
    weights = allocation.read_weights_csv(
        ("gemeente;gewicht\n" + "\n".join(lines).replace(",", ";")).encode(), codes, names
    )
    assert weights["GM0164"] == 2.0
    book = ledger.load_upload("kasboek.csv", (HEAD + f"{spelling},2025,7,,,").encode(), parties)
    assert book.ok
    assert book.frame.set_index(["partij", "jaar"]).loc[("GM0164", 2025), "toegezegd"] == 7.0


def test_hengelo_in_another_province_is_not_hengelo_overijssel(municipalities) -> None:
    from ros.base.names import find_code

    assert find_code("Hengelo (Gld)", dict(zip(*municipalities, strict=True))) is None
    assert find_code("Rijssen Holten", dict(zip(*municipalities, strict=True))) == "GM1742"


def test_a_3_7_million_row_xlsx_of_own_figures_is_refused_within_a_second(xlsx_bomb: bytes, municipalities) -> None:
    started = time.perf_counter()
    result = own_figures.load_upload("eigen.xlsx", xlsx_bomb, dict(zip(*municipalities, strict=True)))
    assert time.perf_counter() - started < 1.0
    assert [i.message for i in result.issues] == [
        "Het Excel-bestand is uitgepakt groter dan 20 MB; zo'n groot bestand wordt niet gelezen."
    ]


def test_an_xlsx_with_too_many_cells_is_refused_before_openpyxl_reads_it(parties) -> None:
    wide = xlsx_bomb_file(0)  # an empty sheet, rebuilt below with 200 rows of 300 cells
    row = b"<row>" + b"<c><v>1</v></c>" * 300 + b"</row>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(wide)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<sheetData>", b"<sheetData>" + row * 200)
            target.writestr(item.filename, content)
    started = time.perf_counter()
    result = ledger.load_upload("kasboek.xlsx", buffer.getvalue(), parties)
    assert time.perf_counter() - started < 1.0
    assert [i.message for i in result.issues] == [
        "Het Excel-bestand bevat te veel cellen voor een tabel van deze soort."
    ]


def test_streamlit_refuses_what_we_refuse_for_size_and_nothing_else() -> None:
    """Streamlit's `server.maxUploadSize` is our limit (a larger file never reaches the server's memory, issue 24
    F8); no uploader restricts the file type (Streamlit would refuse in English; our checks name the kinds)."""
    import ast
    import tomllib

    from ros.base.config import MAX_UPLOAD_BYTES
    from ros.base.config import ROOT as root

    config = tomllib.loads((root / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_UPLOAD_BYTES
    uploaders = []
    for path in [*root.glob("app_pages/*.py"), *root.glob("ros/**/*.py"), root / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "file_uploader":
                uploaders.append((path.name, {k.arg for k in node.keywords}, len(node.args)))
    assert len(uploaders) >= 5
    assert [u for u in uploaders if "type" in u[1] or "max_upload_size" in u[1] or u[2] > 1] == []


def test_a_refused_weights_file_replaces_the_success_of_the_earlier_one(municipalities) -> None:
    from tests.support.app import run_app
    from tests.support.markdown import shown

    at = run_app("app_pages/doelen.py", {"sleutel": "custom"})
    at.file_uploader(key="weights_upload_1").upload("goed.csv", _weights(municipalities[0]), "text/csv").run()
    assert [shown(s.value) for s in at.success] == ["Gewichten geladen uit goed.csv."]
    at.file_uploader(key="weights_upload_2").upload(
        "fout.csv", _weights(municipalities[0], ("GM0141", "GM0141,-1")), "text/csv"
    ).run()
    assert at.success.len == 0
    assert [shown(e.value) for e in at.error] == [
        (
            "Bestand fout.csv is niet overgenomen; de gewichten hieronder zijn "
            "niet veranderd. Het gewicht van Almelo is "
            "negatief (-1); gebruik 0 of meer."
        )
    ]
    at.session_state["lang"] = "en"
    at.run()
    assert [shown(e.value) for e in at.error] == [
        (
            "File fout.csv was not taken over; the weights below have not changed. "
            "The weight of Almelo is negative (-1); "
            "use 0 or more."
        )
    ]


def _notice(at) -> str:
    from tests.support.markdown import shown

    [warning] = [shown(w.value) for w in at.warning if "link" in w.value]
    return warning


def test_200_unknown_parameters_and_a_5000_character_value_give_a_short_notice() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/bronnen.py", {"a": "y" * 5000} | {f"p{i:03d}": "x" for i in range(200)})
    notice = _notice(at)
    assert notice == (
        "Niet alles in de link kon worden gebruikt; genegeerd en vervangen door de standaardwaarde: "
        f"a={'y' * 37}…, p000=x, p001=x, p002=x, p003=x en 196 andere"
    )
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("values", [["abc", "80000"], ["80000"] * 200], ids=["abc then 80000", "200 times"])
def test_a_repeated_parameter_is_never_used_named_once_and_dropped_from_the_link(values: list[str]) -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/doelen.py", {"woningen": values, "vorm": "s_curve"})
    assert _notice(at).endswith(f"standaardwaarde: woningen ({len(values)} keer gegeven)")
    assert at.text_input(key="woningen").value == "69.000"
    assert dict(at.query_params) == {"vorm": "s_curve"}


def test_my_municipality_without_a_municipality_still_names_bad_parameters() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/mijn_gemeente.py", {"gemeente": "Atlantis", "x": "1"})
    assert _notice(at).endswith("standaardwaarde: gemeente=Atlantis, x=1")
    assert dict(at.query_params) == {}


@pytest.mark.parametrize("spelling", ["Hengelo (O.)", "hengelo (ov)", "gm0164"])
def test_the_municipality_in_a_link_may_be_spelled_as_cbs_does(spelling: str) -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/overzicht.py", {"gemeente": spelling})
    assert at.sidebar.selectbox(key="gemeente").value == "GM0164"
    assert not [w for w in at.warning if "link" in w.value]
    assert dict(at.query_params) == {"gemeente": "GM0164"}


def test_a_scenario_file_names_every_problem_of_its_envelope() -> None:
    envelope = {
        "format": "ros-twente-scenario",
        "version": 1,
        "name": "  ",
        "created_at": "gisteren",
        "settings": {"woningen": -1, "vorm": "spiraal"},
    }
    with pytest.raises(StoreError) as error:
        parse_scenario_file(json.dumps(envelope).encode(), sc.VERSION, sc.validate_settings)
    messages = [e.message("nl") for e in (error.value, *error.value.more)]
    assert messages[:3] == [
        "Het scenariobestand is onvolledig; dit ontbreekt: author.",
        "Het veld “created_at” in het scenariobestand heeft geen geldige waarde.",
        "Geef het scenario een naam.",
    ]
    assert messages[3].startswith("De instellingen in het scenariobestand kloppen niet: ")
    assert "woningen" in messages[3]
    assert "vorm" in messages[3]
    assert messages[3].endswith(".")
    assert str(error.value) == " ".join(messages)


def test_a_ledger_with_a_duplicate_an_unknown_party_and_four_bad_amounts_names_all_six(parties) -> None:
    rows = ["GM0141,2025,1,,,", "GM0141,2025,2,,,", "GM9999,2025,1,,,", 'GM0147,2025,veel,-1,"1,0051",x']
    result = ledger.load_upload("kasboek.csv", (HEAD + "\n".join(rows)).encode(), parties)
    assert [i.message for i in result.issues] == [
        "Rij 3, kolom 'partij': Almelo staat voor 2025 al in rij 2.",
        "Rij 4, kolom 'partij': 'GM9999' is geen van de 17 partijen (gebruik een code zoals GM0141 of rijk).",
        "Rij 5, kolom 'toegezegd': 'veel' is geen bedrag in euro's.",
        "Rij 5, kolom 'gefactureerd': het bedrag mag niet negatief zijn (gekregen: '-1').",
        "Rij 5, kolom 'ontvangen': het bedrag heeft meer dan twee decimalen (gekregen: '1,0051'); gebruik hele centen.",
        "Rij 5, kolom 'besteed': 'x' is geen bedrag in euro's.",
    ]


@pytest.mark.parametrize("query", [{"woningen": "0"}, {"inwoners": "0"}], ids=["0 homes", "0 residents"])
def test_a_zero_total_in_a_link_is_refused_with_the_notice(query: dict[str, str]) -> None:
    scenario, ignored = sc.from_query(query)
    assert ignored == [f"{k}={v}" for k, v in query.items()]
    assert (scenario.homes_total, scenario.residents_total) == (69_000, 100_000)


def test_typing_a_zero_total_is_refused_and_the_last_result_stays() -> None:
    from tests.support.app import run_app
    from tests.support.markdown import shown

    at = run_app("app_pages/doelen.py")
    at.text_input(key="woningen").input("0").run()
    assert any("Het totaal aan woningen is 0" in shown(e.value) for e in at.error), [e.value for e in at.error]
    assert at.text_input(key="woningen").value == "69.000"
    assert sc.from_state(at.session_state["_scenario"]).homes_total == 69_000


@pytest.mark.usefixtures("hostile_store")
def test_a_refused_scenario_file_reads_in_english_in_the_english_interface() -> None:
    from tests.support.app import run_app
    from tests.support.markdown import shown

    data = json.dumps(
        {
            "format": "ros-twente-scenario",
            "version": 1,
            "name": "Test",
            "author": "Planner",
            "created_at": "2026-11-01T10:00:00+00:00",
            "settings": {"woningen": -1, "startjaar": 2049, "eindjaar": 2030},
        }
    ).encode()
    at = run_app("app_pages/scenarios.py", {"lang": "en"})
    at.file_uploader(key="scenario_upload").upload("s.json", data, "application/json").run()
    assert [shown(e.value) for e in at.error] == [
        "The file s.json was not read. The settings in the scenario file are not valid: field 'woningen' cannot be "
        "negative (got: -1). Your current settings have not changed."
    ]
    with pytest.raises(StoreError) as error:
        parse_scenario_file(data.replace(b'"woningen": -1, ', b""), sc.VERSION, sc.validate_settings)
    assert error.value.message("en") == (
        "The settings in the scenario file are not valid: The start year must be between 2020 and the end year."
    )
    assert str(error.value) == (
        "De instellingen in het scenariobestand kloppen niet: Het startjaar moet tussen 2020 en het eindjaar liggen."
    )
