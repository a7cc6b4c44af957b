"""The editable table (ros/ui/editable_table.py): what the user typed survives another page, a language switch and a
refusal; a new value from elsewhere (an upload, a reset, an opened scenario) starts it again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _homes_page() -> None:
    """A page with one table of homes per municipality whose outside value is the frame `given` in the session
    (a new frame there is a new value); `elsewhere` means another page is open; `label` is the column's language."""
    import pandas as pd
    import streamlit as st

    from ros.ui.editable_table import EditableTable

    state = st.session_state
    state.setdefault("given", pd.DataFrame({"name": ["Almelo", "Enschede"], "homes": [650, 900]}))
    if state.get("elsewhere"):  # the run ends without drawing the table, like a run of another page
        return
    label = state.get("label", "Woningen")
    table = EditableTable(
        "homes", state["given"], lambda: state["given"], {"homes": st.column_config.NumberColumn(label)}
    )
    edited = table.draw(hide_index=True, num_rows="dynamic")
    state["versions"] = (table.version, table.origin_version)
    state["version"], state["seen"] = table.version, edited.astype(object).where(edited.notna(), None).values.tolist()
    if edited["homes"].isna().any():
        st.error("Niet overgenomen: een aantal ontbreekt.")


def _weights_page() -> None:
    """A page whose table writes its valid weights back as text (`weights`), the value it started from."""
    import pandas as pd
    import streamlit as st

    from ros.ui.editable_table import EditableTable

    state = st.session_state
    text = state.setdefault("weights", "1;1")
    table = EditableTable(
        "weights",
        text,
        lambda: pd.DataFrame({"weight": [float(w) for w in text.split(";")]}),
        {"weight": st.column_config.NumberColumn("Gewicht")},
    )
    edited = table.draw(hide_index=True)
    if (edited["weight"] >= 0).all():
        state["weights"] = ";".join(f"{w:g}" for w in edited["weight"])
        table.settle(state["weights"])
    state["version"] = table.version


def _type(at: AppTest, **edits: object) -> AppTest:
    """Run `at` with `edits` typed into its one editor (what the grid sends: row positions)."""
    editor = next(k for k in at.session_state if str(k).endswith(f"_editor_{at.session_state['version']}"))
    at.session_state[editor] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}
    return at.run()


def _away_and_back(at: AppTest) -> AppTest:
    at.session_state["elsewhere"] = True
    at.run()
    at.session_state["elsewhere"] = False
    return at.run()


def test_a_typed_figure_survives_another_page_and_a_language_switch() -> None:
    at = AppTest.from_function(_homes_page, default_timeout=60).run()
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 900]]
    _type(at, edited_rows={1: {"homes": 1250}})
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 1250]]
    _away_and_back(at)
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 1250]]
    assert list(at.data_editor[0].value["homes"]) == [650, 1250]
    at.session_state["label"] = "Homes"  # the columns renamed: Streamlit starts the editor afresh
    at.run()
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 1250]]
    assert at.session_state["versions"] == (3, 1)  # a new editor twice, but still the value it started from
    _type(at, edited_rows={0: {"homes": 700}})  # the restarted editor takes edits on top of what was typed
    assert at.session_state["seen"] == [["Almelo", 700], ["Enschede", 1250]]


def test_a_refused_row_is_still_there_with_its_refusal_after_another_page() -> None:
    at = AppTest.from_function(_homes_page, default_timeout=60).run()
    _type(at, added_rows=[{"name": "Hengelo"}])
    assert at.session_state["seen"][-1] == ["Hengelo", None]
    assert [e.value for e in at.error] == ["Niet overgenomen: een aantal ontbreekt."]
    _away_and_back(at)
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 900], ["Hengelo", None]]
    assert [e.value for e in at.error] == ["Niet overgenomen: een aantal ontbreekt."]


def test_a_new_value_from_elsewhere_replaces_what_was_typed_even_an_equal_one() -> None:
    import pandas as pd

    at = AppTest.from_function(_homes_page, default_timeout=60).run()
    _type(at, edited_rows={1: {"homes": 1250}})
    at.session_state["given"] = pd.DataFrame({"name": ["Almelo", "Enschede"], "homes": [650, 900]})  # e.g. a reset
    at.run()
    assert at.session_state["seen"] == [["Almelo", 650], ["Enschede", 900]]
    assert at.session_state["versions"] == (2, 2)


def test_what_the_table_writes_back_does_not_start_it_again_but_a_change_elsewhere_does() -> None:
    at = AppTest.from_function(_weights_page, default_timeout=60).run()
    _type(at, edited_rows={0: {"weight": 5.0}})
    _type(at, edited_rows={0: {"weight": 5.0}, 1: {"weight": 3.0}})
    assert (at.session_state["weights"], at.session_state["version"]) == ("5;3", 1)  # one editor all along
    at.session_state["weights"] = "2;2"  # an opened scenario's weights
    at.run()
    assert list(at.data_editor[0].value["weight"]) == [2.0, 2.0]
    assert at.session_state["version"] == 2
