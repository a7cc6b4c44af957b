"""AppTest of the Doelen page: changing key, shape and totals changes the table; the URL reproduces the view."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from tests.support.app import run_app, texts
from tests.support.markdown import shown
from tests.support.weights import weights_link

PAGE = "app_pages/doelen.py"


def table(at):
    """The results table as {municipality: row} of its text cells."""
    frame = next(d.value for d in at.dataframe if "Woningen" in d.value.columns or "Homes" in d.value.columns)
    return {row.iloc[0]: row for _, row in frame.iterrows()}


@pytest.fixture(scope="module")
def default():
    return run_app(PAGE)


def test_default_view_shows_the_ros_totals_per_municipality(default):
    assert not default.exception
    shown = table(default)
    assert len(shown) == 15
    assert shown["Twente"]["Woningen"] == "69.000"
    assert shown["Twente"]["Inwoners (doel)"] == "100.000"
    assert shown["Enschede"]["Woningen"] == "17.415"
    assert shown["Enschede"]["Deel"] == "25,2%"
    assert shown["Twente"]["Tempo (× gem. 2012–2020)"] == "1,6×"
    assert shown["Twente"]["Doel af in tempo 2012–2020"] == "2067"
    # linear from 2025: each municipality gets 6 × floor(h / 26) + min(6, h mod 26) by the end of 2030
    assert shown["Twente"]["Woningen tot eind 2030"] == "15.949"
    text = texts(default)
    assert "Doelen per gemeente" in text
    assert "In het kort: Twente" in text
    assert "Standaardaanname: **0,0% verandering per jaar**" in text
    # the plain-Dutch answer for the chosen municipality (here all of Twente)
    assert (
        "Dat is **1,6× het gemiddelde van 2012–2020** (1.633 per jaar; beste jaar 2.041 in 2019). "
        "In het tempo van 2012–2020 is het doel klaar in **2067**."
    ) in text
    assert len(default.get("plotly_chart")) == 4  # map, Twente path, every municipality's path, residents


def test_changing_the_key_changes_the_table():
    at = run_app(PAGE)
    at.selectbox(key="sleutel").set_value("equal").run()
    shown = table(at)
    assert shown["Enschede"]["Woningen"] == "4.929"
    assert shown["Wierden"]["Woningen"] == "4.928"
    assert shown["Twente"]["Woningen"] == "69.000"
    at.selectbox(key="sleutel").set_value("stedelijk_netwerk").run()
    assert table(at)["Enschede"]["Woningen"] == "34.972"
    assert table(at)["Borne"]["Woningen"] == "0"
    at.slider(key="steden").set_value(80).run()
    assert table(at)["Borne"]["Woningen"] != "0"
    assert at.query_params["sleutel"] == "stedelijk_netwerk"
    assert at.query_params["steden"] == "80"


def test_changing_the_shape_and_the_totals_changes_the_table():
    at = run_app(PAGE)
    at.selectbox(key="vorm").set_value("front").run()
    front = table(at)["Twente"]["Woningen tot eind 2030"]
    assert front != "15.949"
    assert int(front.replace(".", "")) > 15_949
    at.selectbox(key="vorm").set_value("back").run()
    assert int(table(at)["Twente"]["Woningen tot eind 2030"].replace(".", "")) < 15_949
    at.text_input(key="woningen").input("50.000").run()
    at.text_input(key="inwoners").input("70000").run()
    shown = table(at)
    assert shown["Twente"]["Woningen"] == "50.000"
    assert shown["Twente"]["Inwoners (doel)"] == "70.000"
    assert shown["Enschede"]["Woningen"] == "12.620"  # 50.000 × 161.738 / 640.806 = 12.619,9
    assert at.query_params["woningen"] == "50000"
    assert at.query_params["vorm"] == "back"


def test_the_url_reproduces_the_view():
    query = {
        "sleutel": "equal",
        "woningen": "14000",
        "vorm": "front",
        "startjaar": "2026",
        "eindjaar": "2040",
        "bewoning": "-0.5",
        "kaart": "per_1000",
    }
    at = run_app(PAGE, query)
    assert not at.exception
    assert not at.warning
    shown = table(at)
    assert all(shown[name]["Woningen"] == "1.000" for name in ("Almelo", "Enschede", "Wierden"))
    assert at.selectbox(key="vorm").value == "front"
    assert at.text_input(key="startjaar").value == "2026"
    assert "nu ingesteld: **−0,5% per jaar**" in texts(at) or "nu ingesteld: **-0,5% per jaar**" in texts(at)
    assert "Inwoners erbij eind 2040" in next(iter(table(at).values())).index
    assert dict(at.query_params) == query


def test_custom_weights_from_the_url():
    at = run_app(PAGE, {"sleutel": "custom", "gewichten": weights_link({"GM0153": 1})})
    assert not at.exception
    assert not at.error
    shown = table(at)
    assert shown["Enschede"]["Woningen"] == "69.000"
    assert shown["Almelo"]["Woningen"] == "0"


def test_bad_url_values_are_ignored_with_one_notice():
    at = run_app(PAGE, {"sleutel": "loterij", "woningen": "-5", "gewichten": "GM0153:-1"})
    assert not at.exception
    assert "sleutel=loterij" in texts(at)
    assert "woningen=-5" in texts(at)
    assert "gewichten=GM0153:-1" in texts(at)
    assert table(at)["Twente"]["Woningen"] == "69.000"


def test_an_impossible_period_is_refused_and_the_last_result_stays():
    at = run_app(PAGE)
    at.text_input(key="woningen").input("60.000").run()
    at.text_input(key="startjaar").input("2045").run()
    at.text_input(key="eindjaar").input("2030").run()
    assert not at.exception
    [error] = at.error
    assert shown(error.value).startswith(
        "„2030” past niet bij de andere instellingen: Het startjaar moet tussen 2020 en het"
    )
    assert "De vorige waarde (2050) blijft staan." in error.value
    assert at.text_input(key="eindjaar").value == "2050"
    assert at.text_input(key="startjaar").value == "2045"
    assert table(at)["Twente"]["Woningen"] == "60.000"
    assert "Woningen tot eind 2030" in next(iter(table(at).values())).index


def test_a_municipality_in_the_sidebar_is_highlighted():
    at = run_app(PAGE, {"gemeente": "GM0189"})
    text = texts(at)
    assert "In het kort: Wierden" in text
    assert "**Wierden** bouwt in dit rekenvoorbeeld **2.685** woningen" in text  # 69.000 × 24.931 / 640.806
    # Wierden built 818 homes in 2012–2020 (90,9 a year; best 196 in 2016); 2.685 / 26 = 103,3 a year → 1,1×
    assert "**1,1× het gemiddelde van 2012–2020** (91 per jaar; beste jaar 196 in 2016)" in text
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    (paths,) = [s for s in specs if "per gemeente (cumulatief)" in s["layout"]["title"]["text"]]
    assert [trace["name"] for trace in paths["data"]] == [
        "Andere gemeenten",
        "Wierden: Tempo 2012–2020",
        "Wierden: Gekozen bouwpad",
    ]
    assert _numbers(paths["data"][2]["y"])[-1] == 2_685
    assert paths["data"][2]["text"][-1] == "Wierden"


def test_english():
    at = run_app(PAGE, {"lang": "en"})
    assert not at.exception
    assert "Targets per municipality" in texts(at)
    assert table(at)["Twente"]["Pace (× avg. 2012–2020)"] == "1.6×"
    assert "That is **1.6× the average of 2012–2020**" in texts(at)


def _numbers(value) -> list[float]:
    """A Plotly JSON array, plain or base64-typed ({"dtype", "bdata"})."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def test_the_map_shows_the_chosen_measure():
    at = run_app(PAGE, {"kaart": "growth_pct"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Groei als % van de woningvoorraad per gemeente" in spec["layout"]["title"]["text"]
    trace = spec["data"][0]
    values = _numbers(trace["z"] if "z" in trace else trace["marker"]["color"])
    # homes by population share / dwellings: between 22 % (Hengelo) and 28 % (Rijssen-Holten), in percent points
    assert len(values) == 14
    assert all(22 <= v <= 28 for v in values)
    assert any("Rijssen-Holten" in row and "27,4%" in row for row in map(str, trace["customdata"]))


def test_a_municipality_without_homes_gets_its_own_sentence_and_no_reached_year():
    at = run_app(PAGE, {"sleutel": "stedelijk_netwerk", "gemeente": "GM0147"})
    assert not at.exception
    assert "**Borne** krijgt in dit rekenvoorbeeld geen nieuwe woningen." in texts(at)
    shown = table(at)
    assert shown["Borne"]["Woningen"] == "0"
    assert shown["Borne"]["Doel af in tempo 2012–2020"] == "n.v.t."
    assert (
        shown["Enschede"]["Doel af in tempo 2012–2020"] == "2113"
    )  # 34.972 / (3.562 / 9) = 88,4 → 89 years: 2025 … 2113


def test_the_residents_section_shows_the_occupancy_sensitivity(default):
    [sensitivity] = [t.value for t in default.table if "Verandering inwoners per woning (aanname)" in t.value.columns]
    assert sensitivity.shape == (5, 3)
    assert sensitivity.iloc[2].tolist() == ["0,00% per jaar (aanname, nu ingesteld)", "44.748", "+154.197"]
    assert sensitivity.iloc[0].tolist() == ["−0,50% per jaar (aanname)", "92.790", "+53.566"]
    assert "**Elke rij is een aanname**, geen prognose" in texts(default)
    english = run_app(PAGE, {"lang": "en", "bewoning": "-0.5"})
    [table_en] = [
        t.value for t in english.table if "Change in inhabitants per dwelling (assumption)" in t.value.columns
    ]
    assert table_en.iloc[0].tolist() == ["−0.50% a year (assumption, currently set)", "92,790", "+53,566"]
    assert table_en.shape == (5, 3)  # the set value is one of the range, listed once


@pytest.mark.parametrize("typed", ["80.000", "80000", "80 000"])
def test_homes_typed_the_dutch_way(typed):
    at = run_app(PAGE)
    at.text_input(key="woningen").input(typed).run()
    assert not at.error
    assert table(at)["Twente"]["Woningen"] == "80.000"
    assert at.text_input(key="woningen").value == "80.000"
    assert at.query_params["woningen"] in ("80000", ["80000"])


@pytest.mark.parametrize("typed", ["-0,5", "\u22120,5"])
def test_occupancy_typed_with_a_decimal_comma(typed):
    at = run_app(PAGE)
    at.text_input(key="bewoning").input(typed).run()
    assert not at.error
    assert at.text_input(key="bewoning").value == "-0,5"
    assert "nu ingesteld: **-0,5% per jaar**" in texts(at)
    assert at.query_params["bewoning"] in ("-0.5", ["-0.5"])


def test_ambiguous_or_out_of_range_input_keeps_the_previous_value():
    at = run_app(PAGE)
    at.text_input(key="woningen").input("80.00").run()
    [error] = at.error
    assert error.value.startswith("„80\\.00” is niet eenduidig: bedoelt u 8\\.000 of 80?")
    assert error.value.endswith("De vorige waarde (69.000) blijft staan.")
    assert at.text_input(key="woningen").value == "69.000"
    assert table(at)["Twente"]["Woningen"] == "69.000"
    at.text_input(key="bewoning").input("-6").run()
    [error] = at.error
    assert error.value == "„\\-6” ligt buiten het bereik van -5 tot en met 5. De vorige waarde (0,0) blijft staan."
    assert at.text_input(key="bewoning").value == "0,0"
    at.run()
    assert not at.error  # the refusal is said once; the field keeps the previous value


def test_english_numbers_and_an_english_refusal():
    at = run_app(PAGE, {"lang": "en"})
    at.text_input(key="woningen").input("80,000").run()
    assert table(at)["Twente"]["Homes"] == "80,000"
    assert at.text_input(key="woningen").value == "80,000"
    at.text_input(key="woningen").input("veel").run()
    assert at.error[0].value == "“veel” is not a number. The previous value (80,000) stays."


def test_the_city_share_control_says_when_municipalities_get_no_homes() -> None:
    at = run_app(PAGE, {"sleutel": "stedelijk_netwerk"})
    assert not at.exception
    [note] = [w.value for w in at.warning if w.value.startswith("Let op: zo krijgen")]
    assert note.startswith("Let op: zo krijgen 11 gemeenten **0 woningen** (Borne, Dinkelland, Haaksbergen,")
    assert "Enschede" not in note.split("(")[1].split(")")[0]
    assert table(at)["Borne"].iloc[2] == "0"
    at = run_app(PAGE, {"sleutel": "stedelijk_netwerk", "steden": "60"})
    assert not [w for w in at.warning if w.value.startswith("Let op: zo krijgen")]


def test_a_missed_woondeal_reads_as_missed_in_words() -> None:
    at = run_app(PAGE, {"vorm": "back"})
    metric = next(m for m in at.metric if m.label == "Bouwpad tot eind 2030")
    assert metric.delta == "niet gehaald (≥ 14.100)"
    missed = int(metric.value.replace(".", ""))
    assert f"**Niet gehaald:** dit bouwpad blijft {14_100 - missed:_} woningen".replace("_", ".") in texts(at)
    at = run_app(PAGE)
    metric = next(m for m in at.metric if m.label == "Bouwpad tot eind 2030")
    assert (metric.value, metric.delta) == ("15.949", "gehaald (≥ 14.100)")


def test_the_planner_can_save_the_scenario_on_doelen(tmp_path, monkeypatch) -> None:
    from ros.records.scenario_store import ScenarioStore

    monkeypatch.setenv("ROS_SCENARIO_DB", str(tmp_path / "scenarios.db"))
    monkeypatch.delenv("ROS_SCENARIO_DB_URL", raising=False)
    at = run_app(PAGE, {"woningen": "80000"})
    assert "Dit scenario opslaan" in [e.label for e in at.expander]
    at.text_input(key="save_name").input("Versnellen")
    at.text_input(key="save_author").input("Planner")
    next(b for b in at.button if b.label == "Opslaan").click()
    at.run()
    assert "Het scenario is opgeslagen." in texts(at), [e.value for e in at.error]
    [record] = ScenarioStore(f"sqlite:///{tmp_path / 'scenarios.db'}").list()
    assert record.payload is not None
    assert (record.name, record.payload["woningen"]) == ("Versnellen", 80_000)


def test_the_pace_from_now_is_stated_next_to_the_plan() -> None:
    at = run_app(PAGE, {"stand": "2026-12-01", "gemeente": "GM0164"})
    shown = texts(at)
    assert "**344 per jaar**" in shown  # the plan: 8.943 homes over 2025–2050
    assert "Vanaf nu (1-12-2026, nog 24,1 jaar): **ten hoogste 371 per jaar** tot eind 2050" in shown


def test_a_table_alternative_is_sent_only_once_it_is_opened():
    closed = run_app(PAGE, {"gemeente": "GM0153"})
    assert [list(d.value.columns)[:2] for d in closed.dataframe] == [["Gemeente", "Deel"]]  # only the page's table
    assert "Tabel bij deze grafiek" in [e.label for e in closed.expander]
    opened = run_app(PAGE, {"gemeente": "GM0153"}, alt_doelen_kaart=True)
    table = opened.dataframe[1].value.set_index("Gemeente")
    assert list(table.columns) == ["Woningen (doel)"]
    assert table.loc["Enschede", "Woningen (doel)"] == "17.415"


def _type_weight(at, row: int, weight: str) -> None:
    """Type `weight` into row `row` of the weights editor, as the browser sends it (a text cell)."""
    editor = next(k for k in at.session_state if str(k).startswith("weights_editor_"))
    at.session_state[editor] = {"edited_rows": {row: {"weight": weight}}, "added_rows": [], "deleted_rows": []}
    at.run()


def _share(at, name: str) -> str:
    frame = next(d.value for d in at.dataframe if "Deel" in d.value.columns)
    return str(frame.set_index("Gemeente").loc[name, "Deel"])


def test_a_typed_weight_survives_another_page_and_coming_back():
    at = run_app(PAGE, {"sleutel": "custom"})
    _type_weight(at, 0, "5")  # Almelo 5, the other 13 keep 1: 5/18
    assert _share(at, "Almelo") == "27,8%"
    at.switch_page("app_pages/bronnen.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert _share(at, "Almelo") == "27,8%"
    assert at.session_state["_scenario"]["gewichten"].startswith("GM0141:5;GM0147:1;")


def test_a_refused_typed_weight_is_still_there_after_another_page():
    at = run_app(PAGE, {"sleutel": "custom"})
    _type_weight(at, 0, "-1")
    refusal = [shown(e.value) for e in at.error]
    assert refusal == [
        "Deze invoer kan niet worden gebruikt: Het gewicht van Almelo is negatief (-1); gebruik 0 of meer. "
        "Hieronder staat nog de laatste geldige uitkomst."
    ]
    at.switch_page("app_pages/bronnen.py").run()
    at.switch_page(PAGE).run()
    assert [shown(e.value) for e in at.error] == refusal  # the typed -1 is kept, with its refusal


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("1,5e3", "Het gewicht van Almelo is geen getal: '1,5e3'."),
        ("1.850", "Het gewicht van Almelo is niet eenduidig: bedoelt u met '1.850' 1.850 of 1,85?"),
        ("-0,5", "Het gewicht van Almelo is negatief (-0,5); gebruik 0 of meer."),
    ],
)
def test_a_typed_weight_is_read_by_our_reader_not_the_browsers(typed: str, refusal: str):
    """Issue 24, F1: the browser's number cell made "1,5e3" 1,53 without a word; the cell is text read by us."""
    at = run_app(PAGE, {"sleutel": "custom"})
    assert at.data_editor[0].value["weight"].tolist()[:2] == ["1", "1"]
    _type_weight(at, 0, typed)
    assert refusal in shown(at.error[0].value)
    _type_weight(at, 0, "2,5")
    assert not at.error
    assert at.session_state["_scenario"]["gewichten"].startswith("GM0141:2.5;")


def test_weights_changed_elsewhere_replace_the_editor():
    at = run_app(PAGE, {"sleutel": "custom"})
    _type_weight(at, 0, "5")
    scenario = dict(at.session_state["_scenario"])
    scenario["gewichten"] = weights_link({"GM0141": 1, "GM0153": 3})  # e.g. an opened scenario's own weights
    at.session_state["_scenario"] = scenario
    at.run()
    assert _share(at, "Almelo") == "25,0%"
    assert _share(at, "Enschede") == "75,0%"  # not the typed 5
