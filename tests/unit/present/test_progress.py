"""ros.present.progress with one year or one month unknown: every affected figure says onbekend or what it left out."""

from __future__ import annotations

import pandas as pd
import pytest

from ros.base import format as fmt
from ros.data.catalog import TWENTE
from ros.data.snapshot import Snapshot
from ros.model import own_figures, realised, targets
from ros.present import progress as progress_view
from tests.support.progress import dwelling_changes


@pytest.fixture(scope="module")
def result(region) -> targets.TargetResult:
    return targets.recompute(region, targets.TargetSettings())


def blank_year() -> pd.DataFrame:
    """The refreshed fixture with Hof van Twente's net change of 2025 unknown."""
    changes = dwelling_changes()
    changes.loc[(changes["code"] == "GM1735") & (changes["period"] == "2025"), "net_change"] = pd.NA
    return changes


def blank_month() -> pd.DataFrame:
    """The refreshed fixture without Enschede's May 2026."""
    changes = dwelling_changes()
    return changes[~((changes["code"] == "GM0153") & (changes["period"] == "2026-05"))].reset_index(drop=True)


@pytest.mark.parametrize(("changes", "missing"), [(blank_year, "2025"), (blank_month, "2026")])
def test_an_unknown_year_or_month_is_onbekend_in_every_figure_that_depends_on_it(
    snapshot, result, changes, missing
) -> None:
    holed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": changes()})
    view = progress_view.build(holed, result, None, "net_change", own_figures.empty_frame(), "nl")
    figures = view.catch_up.figures
    assert view.catch_up.track.years_missing == (int(missing),)
    assert (figures.catch_up, figures.reached) == ("onbekend", "onbekend")
    assert f"Niet meegeteld omdat de cijfers onbekend zijn: {missing}." in figures.notes
    assert f"Hoeveel er sinds 2025 in totaal is gebouwd, is **onbekend**: de cijfers van {missing} ontbreken." in (
        figures.sentence
    )
    assert [f.value for f in progress_view.meeting_facts(view)][2] == "onbekend"
    assert view.woondeal is not None
    assert view.woondeal.figures.catch_up == "onbekend"
    twente = view.capacity.coverage.set_index("code").loc[TWENTE]
    assert pd.isna(twente["realised"])
    assert twente["basis"] == "whole_target"


def test_a_municipality_with_a_missing_month_says_so(snapshot, result) -> None:
    holed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": blank_month()})
    view = progress_view.build(holed, result, "GM0153", "net_change", own_figures.empty_frame(), "nl")
    assert view.catch_up.figures.catch_up == "onbekend"
    assert progress_view.municipality_sentence(view).endswith("Niet meegeteld omdat de cijfers onbekend zijn: 2026.")
    enschede = view.capacity.coverage.set_index("code").loc["GM0153"]
    assert pd.isna(enschede["realised"])
    assert enschede["basis"] == "whole_target"
    assert "De realisatie sinds 2025 is onbekend; daarom staat hier het hele doel als nog te bouwen." in (
        view.capacity.notes
    )
    assert realised.catch_up(holed, result, "GM0153") is None
    homes = realised.homes_since(holed, 2024, "GM0153")
    assert homes is not None
    assert (homes.new_construction, homes.net_change) == (None, None)


@pytest.mark.parametrize(("measure", "word"), [("net_change", "netto toevoeging"), ("new_construction", "nieuwbouw")])
def test_plan_capacity_counts_what_was_built_in_the_chosen_measure(snapshot, result, measure, word) -> None:
    refreshed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": dwelling_changes()})
    view = progress_view.build(refreshed, result, "GM0153", measure, own_figures.empty_frame(), "nl")
    i = sorted(snapshot["municipalities"]["code"]).index("GM0153")
    built = {
        "net_change": (85 + 9 * i + 5 * 4) + 9 * (9 + i),
        "new_construction": (100 + 10 * i + 5 * 4) + 9 * (10 + i),
    }
    enschede = view.capacity.coverage.set_index("code").loc["GM0153"]
    assert enschede["realised"] == built[measure]
    assert enschede["to_build"] == enschede["target"] - built[measure]
    assert f"Nog te bouwen: het doel min wat sinds 2025 is gerealiseerd, gemeten als {word}." in view.capacity.notes


def test_the_forecast_table_has_no_ambition_before_the_1_1_2024_base(snapshot, result) -> None:
    view = progress_view.build(snapshot, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert view.forecast is not None
    table = view.forecast.table.set_index("Jaar")
    assert list(table.loc[["2021", "2022", "2023"], "Ambitie (aanname)"]) == ["", "", ""]
    assert table.loc["2024", "Ambitie (aanname)"] == "640.806"
    assert table.loc["2050", "Ambitie (aanname)"] == "737.102"  # 1-1-2050: the +100.000 is reached end 2050
    export = view.forecast.export
    assert export.loc[export["Jaar"] == 2023, "Ambitie (aanname)"].isna().all()


def test_the_2021_plan_capacity_is_flagged_as_partly_used_up_since_2021(snapshot, result) -> None:
    shipped = progress_view.build(snapshot, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert (
        "Hoeveel er in Twente sinds die lijst van 2021 is gebouwd, en dus een deel van de plannen heeft opgebruikt, "
        "is onbekend: de CBS-cijfers in deze gegevens lopen tot en met 2020." in shipped.capacity.notes
    )
    changes = dwelling_changes()
    since = changes[(changes["period_kind"] == "year") | changes["period"].str.startswith("2026-")]
    built = fmt.number(int(since["net_change"].sum()), "nl")
    assert built == "12.698"
    refreshed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": changes})
    view = progress_view.build(refreshed, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert (
        f"Sinds die lijst zijn in Twente al {built} woningen netto toevoeging bijgekomen (2021–september 2026, CBS "
        "81955NED en 86098NED), voor een deel op plannen uit die lijst" in view.capacity.notes
    )
