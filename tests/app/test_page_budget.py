"""AppTest of the Budget page: what is known and unknown at the top, the Sankey, the cost-sharing key reacting to
key and total, the URL reproducing the view, and ledger violations shown in Dutch."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ros.base.i18n import section
from tests.support.app import run_app, texts
from tests.support.markdown import shown

PAGE = "app_pages/budget.py"


def sankey_labels(at) -> list[str]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    (figure,) = [s for s in specs if s["data"][0]["type"] == "sankey"]
    return figure["data"][0]["node"]["label"]


# The page shows its tables with headers in words; the tests read them by their column codes.
_CODES = {
    text: key[len("col_") :] if key.startswith("col_") else key[len("state_") :]
    for key, text in section("nl", "budget").items()
    if key.startswith(("col_", "state_"))
}
_CODES |= {"Partij": "name", "Bedrag 2025–2026": "amount", "Bijdrage (scenario)": "amount", "Jaar": "year"}


def coded(frame: pd.DataFrame) -> pd.DataFrame:
    """A shown table with its headers back as column codes (Partij → name, Aandeel → share, …)."""
    return frame.rename(columns=lambda c: _CODES.get(c, c))


def frame_with(at, column: str) -> pd.DataFrame:
    return next(coded(d.value) for d in at.dataframe if column in coded(d.value).columns)


def contributions(at) -> dict[str, str]:
    frame = frame_with(at, "share")
    return dict(zip(frame["name"], frame["amount"], strict=True))


@pytest.fixture(scope="module")
def default():
    return run_app(PAGE)


def test_the_top_answers_who_pays_who_holds_and_what_is_unknown(default):
    assert not default.exception
    metrics = {m.label: m.value for m in default.metric}
    assert metrics == {
        "Bekend budget 2025–2026": "≥ € 102.000",
        "Bijdragen met bekend bedrag": "1 van 17",
        "Bijdragen met onbekend bedrag": "16 van 17",
        "Kassier en budgethouder": "Hengelo",
    }
    text = texts(default)
    assert "ten minste € 102.000 bekend; 16 bijdragen onbekend" in text
    assert "Hengelo als kassier en budgethouder" in text
    assert "volmacht" in text
    assert "Stedelijke Ontwikkeling" in text
    assert "Collegebesluit Plan van aanpak" in text
    parties = frame_with(default, "status")
    assert len(parties) == 17
    assert parties.loc[parties["name"] == "Almelo", "amount"].item() == "€ 102.000"
    assert (parties["amount"] == "onbekend").sum() == 16
    assert "€ 0" not in " ".join(parties["amount"])


def test_the_sankey_hides_unknown_flows_until_asked(default):
    assert sankey_labels(default) == [
        "Programma Stedelijke Ontwikkeling<br>€ 102.000",
        "Almelo · € 102.000",
        "Hengelo<br>kassier en budgethouder<br>€ 102.000",
        "Opstellen ROS Twente<br>2025–2026",
    ]
    at = run_app(PAGE)
    at.toggle(key="onbekend").set_value(True).run()
    labels = sankey_labels(at)
    assert len(labels) == 21
    assert "Enschede · onbekend" in labels
    assert at.query_params["onbekend"] == ["True"] or at.query_params["onbekend"] == "True"


def test_changing_the_key_and_the_total_changes_the_contributions():
    at = run_app(PAGE)
    assert "Vul een totaalbudget in om de bijdragen per partij te berekenen." in texts(at)
    at.text_input(key="totaalbudget").input("1.734.000").run()
    by_inhabitants = contributions(at)
    assert by_inhabitants["Almelo"] == "€ 201.099,36"  # 1.734.000 × 74.317 / 640.806
    assert by_inhabitants["Rijk"] == "€ 0,00"  # assumed fixed share 0% by default, shown as an assumption
    at.radio(key="verdeelsleutel").set_value("equal").run()
    equal = contributions(at)
    assert set(equal.values()) == {"€ 102.000,00"}
    text = texts(at)
    assert "Som van de bijdragen: **€ 1.734.000,00**, gelijk aan het totaal van € 1.734.000,00" in text
    assert "Onder deze sleutel zou Almelo **€ 102.000,00** betalen; besloten is **€ 102.000**." in text
    at.text_input(key="totaalbudget").input("1 000 000").run()
    assert contributions(at)["Almelo"] == "€ 58.823,53"
    at.radio(key="verdeelsleutel").set_value("dwellings").run()
    at.text_input(key="vast_rijk").input("50,0").run()
    per_dwelling = contributions(at)
    assert per_dwelling["Rijk"] == "€ 500.000,00"
    assert per_dwelling["Almelo"] == "€ 59.883,69"  # 500.000 × 34.496 / 288.025
    assert at.query_params["verdeelsleutel"] in ("dwellings", ["dwellings"])
    assert "Scenario, geen besluit." in text


def test_the_almelo_button_fills_in_the_implied_total():
    at = run_app(PAGE, query={"verdeelsleutel": "gelijk"})
    button = next(b for b in at.button if b.key == "budget_use_almelo")
    assert "€ 1.734.000,00" in button.label
    button.click().run()
    assert at.text_input(key="totaalbudget").value == "1.734.000"
    assert contributions(at)["Almelo"] == "€ 102.000,00"
    implications = frame_with(at, "implied_total")
    assert implications["implied_total"].tolist() == ["€ 879.506", "€ 851.651", "€ 1.734.000", "€ 1.734.000"]


def test_a_link_reopens_the_same_view_and_bad_values_are_ignored_with_a_notice():
    at = run_app(PAGE, query={"verdeelsleutel": "gelijk", "totaalbudget": "340000", "onbekend": "True"})
    # an old link (verdeelsleutel=gelijk) opens the same view under the English key name
    assert at.radio(key="verdeelsleutel").value == "equal"
    assert at.toggle(key="onbekend").value is True
    assert contributions(at)["Wierden"] == "€ 20.000,00"
    assert len(sankey_labels(at)) == 21
    bad = run_app(PAGE, query={"verdeelsleutel": "loting", "totaalbudget": "-5"})
    assert bad.radio(key="verdeelsleutel").value == "population"
    assert any("totaalbudget=-5" in shown(w.value) and "verdeelsleutel=loting" in shown(w.value) for w in bad.warning)


def test_impossible_fixed_shares_give_a_dutch_error():
    at = run_app(PAGE, query={"totaalbudget": "1000", "vast_rijk": "80", "vast_provincie": "30"})
    assert any("vast_provincie=30" in shown(w.value) for w in at.warning)
    assert at.text_input(key="vast_rijk").value == "80,0"
    at.text_input(key="vast_provincie").input("30").run()
    [error] = at.error
    assert (
        "past niet bij de andere instellingen: de vaste aandelen van Rijk, provincie en waterschap zijn samen meer"
        in error.value
    )
    assert "De vorige waarde (0,0) blijft staan." in error.value
    assert at.text_input(key="vast_provincie").value == "0,0"  # the refused 30 is not used: the previous value stays
    assert frame_with(at, "share").set_index("name").at["Rijk", "share"] == "80,00%"


def test_ledger_violations_are_listed_and_totals_keep_the_last_valid_version(snapshot):
    names = dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True))
    from ros.model import ledger

    book = ledger.empty_ledger(names)
    book.loc[6, ["toegezegd", "gefactureerd"]] = [10_000.0, 12_000.0]  # Almelo 2025
    book.loc[0, "besteed"] = -3.0
    at = run_app(PAGE, budget_ledger=book)
    (error,) = [shown(e.value) for e in at.error]
    assert "Niet alle invoer in de tabel is geldig." in error
    assert "Rij 1, kolom 'besteed': het bedrag mag niet negatief zijn (gekregen: -3)." in error
    assert (
        "Rij 7, kolom 'gefactureerd': € 12.000,00 is hoger dan toegezegd (€ 10.000,00); een latere stap kan "
        "niet hoger zijn dan een eerdere."
    ) in error
    totals = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert set(totals["toegezegd"]) == {"onbekend (17 onbekend)"}  # the invalid input did not reach the totals


def test_english_page():
    at = run_app(PAGE, query={"lang": "en"})
    assert not at.exception
    assert "at least €102,000 known; 16 contributions unknown" in texts(at)
    assert {m.value for m in at.metric} >= {"≥ €102,000", "1 of 17", "16 of 17"}


def test_custom_weights_start_equal():
    at = run_app(PAGE, query={"verdeelsleutel": "eigen", "totaalbudget": "170"})
    assert not at.error
    assert set(contributions(at).values()) == {"€ 10,00"}
    assert "Aanname: eigen gewichten per partij" in texts(at)


def test_the_budget_dataset_is_listed_on_the_sources_page():
    at = run_app("app_pages/bronnen.py")
    assert not at.exception
    assert "Budget ROS 2025–2026 per partij" in [e.label for e in at.expander]


def test_clearing_the_ledger_empties_it(snapshot):
    from ros.model import ledger

    names = dict(zip(snapshot["parties"]["id"], snapshot["parties"]["name"], strict=True))
    book = ledger.empty_ledger(names)
    book.loc[6, "toegezegd"] = 51_000.0
    at = run_app(PAGE, budget_ledger=book)
    totals = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert totals["toegezegd"].iloc[0] == "€ 51.000,00 (1 bekend, 16 onbekend)"
    next(b for b in at.button if b.key == "budget_ledger_reset").click().run()
    totals = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert set(totals["toegezegd"]) == {"onbekend (17 onbekend)"}
    assert at.session_state["budget_ledger"]["toegezegd"].isna().all()


@pytest.mark.parametrize(("lang", "word"), [("nl", "onbekend"), ("en", "unknown")])
def test_an_empty_ledger_cell_reads_unknown_in_the_ui_language(lang: str, word: str) -> None:
    at = run_app(PAGE, query={"lang": lang})
    [editor] = at.get("data_editor")
    assert editor.proto.placeholder == word  # Streamlit's own default would be the English "None"


def test_a_typed_amount_survives_another_page_and_coming_back():
    at = run_app(PAGE)
    at.session_state["budget_ledger_editor_1"] = {
        "edited_rows": {6: {"toegezegd": 51_000.0}},  # Almelo 2025
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    first = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert first["toegezegd"].iloc[0] == "€ 51.000,00 (1 bekend, 16 onbekend)"
    at.switch_page("app_pages/bronnen.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    totals = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert totals["toegezegd"].iloc[0] == "€ 51.000,00 (1 bekend, 16 onbekend)"
    next(b for b in at.button if b.key == "budget_ledger_reset").click().run()  # a reset still empties it
    totals = [coded(d.value) for d in at.dataframe if "toegezegd" in coded(d.value).columns][-1]
    assert set(totals["toegezegd"]) == {"onbekend (17 onbekend)"}
