"""Realised homes against the path: CBS years and months, own figures, region sums, the delivery track."""

from __future__ import annotations

import pandas as pd
import pytest

from ros.model import progress, targets
from tests.support.frames import cell
from tests.support.progress import CODES, dwelling_changes


@pytest.fixture(scope="module")
def realised(snapshot) -> pd.DataFrame:
    return progress.cbs_years(snapshot["new_construction"], dwelling_changes())


@pytest.fixture(scope="module")
def result(region) -> targets.TargetResult:
    return targets.recompute(region, targets.TargetSettings())


def test_shipped_snapshot_has_new_construction_only_and_net_change_unknown(snapshot) -> None:
    twente = progress.area_years(progress.cbs_years(snapshot["new_construction"], None), None, CODES)
    assert list(twente["new_construction"]) == [1383, 1445, 1340, 1326, 1664, 1966, 1811, 2041, 1719]
    assert twente["net_change"].isna().all()
    assert list(twente["year"]) == list(range(2012, 2021))


def test_refreshed_years_and_running_year_without_double_counting_2024(realised) -> None:
    twente = progress.area_years(realised, None, CODES).set_index("year")
    assert twente.loc[2024, "new_construction"] == 2520  # the year row, not the year row plus 12 months
    assert twente.loc[2024, "status"] == "nader voorlopig"
    assert [int(cell(twente, y, "net_change")) for y in range(2021, 2026)] == [2009, 2079, 2149, 2219, 2289]
    assert (twente.loc[2026, "months"], twente.loc[2026, "new_construction"], twente.loc[2026, "net_change"]) == (
        9,
        2079,
        1953,
    )
    assert twente.loc[2026, "status"] == "voorlopig"
    enschede = progress.area_years(realised, "GM0153", CODES).set_index("year")
    assert (
        enschede.loc[2025, "new_construction"],
        enschede.loc[2025, "demolition"],
        enschede.loc[2025, "net_change"],
    ) == (140, 22, 123)


def test_a_gap_in_the_months_makes_the_running_year_unknown(snapshot) -> None:
    changes = dwelling_changes()
    changes = changes[~((changes["code"] == "GM0141") & (changes["period"] == "2026-05"))]
    twente = progress.area_years(progress.cbs_years(snapshot["new_construction"], changes), None, CODES)
    row = twente[twente["year"] == 2026].iloc[0]
    assert pd.isna(row["net_change"])
    assert pd.isna(row["new_construction"])


def test_track_of_the_default_scenario_on_refreshed_figures(realised, result) -> None:
    twente = progress.area_years(realised, None, CODES)
    path = progress.path_by_year(result, None)
    assert (path[2025], path[2026]) == (2660, 2659)
    net = progress.track(twente, path, "net_change", 2025, 2050, 69_000)
    assert net.years_used == (2025, 2026)
    assert net.years_missing == ()
    assert (net.last_year, net.last_months, net.running) == (2026, 9, True)
    assert net.realised == 4242
    assert net.required == pytest.approx(4654.25)  # 2.660 + 2.659 × 9/12
    assert net.ratio == pytest.approx(4242 / 4654.25)
    assert net.band == "85_95"
    assert net.pace == pytest.approx(2424.0)  # 4.242 in 1,75 years
    assert net.catch_up == pytest.approx((69_000 - 4242) / 24.25)
    assert net.reached_year == 2053
    assert net.provisional_years == (2025, 2026)
    new = progress.track(twente, path, "new_construction", 2025, 2050, 69_000)
    assert (new.realised, new.band, new.reached_year) == (4669, "ge95", 2050)


def test_track_without_realisation_since_the_start_year(snapshot, result) -> None:
    twente = progress.area_years(progress.cbs_years(snapshot["new_construction"], None), None, CODES)
    track = progress.track(twente, progress.path_by_year(result, None), "new_construction", 2025, 2050, 69_000)
    assert not track.in_data
    assert (track.realised, track.ratio, track.catch_up, track.reached_year, track.band) == (None,) * 5


@pytest.mark.usefixtures("result")
def test_an_unknown_year_is_named_not_counted_as_zero(realised) -> None:
    twente = progress.area_years(realised, None, CODES)
    twente.loc[twente["year"] == 2023, "net_change"] = pd.NA
    path = dict.fromkeys(range(2021, 2051), 1000)
    track = progress.track(twente, path, "net_change", 2021, 2050, 30_000)
    assert track.years_used == (2021, 2022, 2024, 2025, 2026)
    assert track.years_missing == (2023,)
    assert track.realised == 2009 + 2079 + 2219 + 2289 + 1953
    assert track.required == pytest.approx(4750.0)  # four whole years and nine months of the path, not 2023
    assert (track.catch_up, track.reached_year) == (None, None)  # what is still to build depends on 2023
    cumulative = progress.cumulative_frame(twente, path, "net_change", 2021, 2026)
    assert list(cumulative["realised"].astype(object).where(cumulative["realised"].notna(), None)) == [
        2009,
        4088,
        None,
        None,
        None,
        None,
    ]


def test_a_missing_month_of_the_running_year_is_named_not_dropped(snapshot, result) -> None:
    changes = dwelling_changes()
    changes = changes[~((changes["code"] == "GM0153") & (changes["period"] == "2026-05"))]
    twente = progress.area_years(progress.cbs_years(snapshot["new_construction"], changes), None, CODES)
    track = progress.track(twente, progress.path_by_year(result, None), "net_change", 2025, 2050, 69_000)
    assert track.years_used == (2025,)
    assert track.years_missing == (2026,)
    assert track.realised == 2289
    assert track.required == pytest.approx(2660.0)
    assert (track.catch_up, track.reached_year) == (None, None)
    enschede = progress.area_years(progress.cbs_years(snapshot["new_construction"], changes), "GM0153", CODES)
    alone = progress.track(enschede, progress.path_by_year(result, "GM0153"), "net_change", 2025, 2050, 16_000)
    assert alone.years_missing == (2026,)
    assert alone.catch_up is None


def test_woondeal_track_2022_to_2030(realised) -> None:
    path = progress.woondeal_path(14_100)
    assert sum(path.values()) == 14_100
    assert path[2022] == 1567
    assert path[2030] == 1566
    twente = progress.area_years(realised, None, CODES)
    track = progress.track(twente, path, "net_change", 2022, 2030, 14_100)
    assert track.realised == 10_689
    assert track.required == pytest.approx(4 * 1567 + 1567 * 0.75)
    assert track.catch_up == pytest.approx((14_100 - 10_689) / 4.25)
    assert track.reached_year == 2028


def test_target_already_reached_needs_no_catch_up(realised) -> None:
    twente = progress.area_years(realised, None, CODES)
    track = progress.track(twente, dict.fromkeys(range(2021, 2031), 100), "net_change", 2021, 2030, 1_000)
    assert (track.catch_up, track.reached_year) == (0.0, 2026)


def test_own_figures_fill_only_what_cbs_does_not_have(snapshot) -> None:
    cbs = progress.cbs_years(snapshot["new_construction"], None)
    own = pd.DataFrame(
        {
            "code": ["GM0153", "GM0153", "GM0141"],
            "year": [2020, 2025, 2025],
            "new_construction": [999, 316, 120],
            "demolition": [None, 469, 10],
            "net_change": [703, 0, 105],
        }
    )
    merged = progress.merge_own(cbs, own).set_index(["code", "year"])
    assert merged.loc[("GM0153", 2020), "new_construction"] == 500  # CBS wins over the own 999
    assert merged.loc[("GM0153", 2020), "new_construction_origin"] == "cbs"
    assert merged.loc[("GM0153", 2020), "net_change"] == 703  # CBS has no net change for 2020
    assert merged.loc[("GM0153", 2020), "net_change_origin"] == "eigen"
    assert merged.loc[("GM0153", 2025), "net_change"] == 0
    enschede = progress.area_years(progress.merge_own(cbs, own), "GM0153", CODES)
    track = progress.track(enschede, {2025: 600}, "net_change", 2025, 2050, 15_000)
    assert (track.realised, track.ratio, track.own_years) == (0, 0.0, (2025,))
    twente = progress.area_years(progress.merge_own(cbs, own), None, CODES)
    assert twente[twente["year"] == 2025]["net_change"].isna().all()  # 12 of 14 unknown: Twente unknown


def test_region_mixing_cbs_and_own_is_marked_mix(realised) -> None:
    own = pd.DataFrame(
        {"code": ["GM0141"], "year": [2020], "new_construction": [None], "demolition": [None], "net_change": [50]}
    )
    merged = progress.merge_own(realised, own)
    assert progress.area_years(merged, "GM0141", CODES).set_index("year").loc[2020, "net_change_origin"] == "eigen"


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        (1.2, "ge95"),
        (0.95, "ge95"),
        (0.9499, "85_95"),
        (0.85, "85_95"),
        (0.8, "75_85"),
        (0.75, "75_85"),
        (0.5, "lt75"),
        (None, None),
    ],
)
def test_reference_bands_of_the_housing_delivery_test(ratio, band) -> None:
    assert progress.reference_band(ratio) == band


def test_headlines_for_other_pages(snapshot, result) -> None:
    from ros.data.snapshot import Snapshot
    from ros.model import own_figures
    from ros.present import progress as progress_view

    shipped = progress_view.build(snapshot, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert progress_view.headline(shipped) == (
        "Leveringsratio: onbekend — de realisatie sinds 2025 staat nog niet in de gegevens (CBS tot en met 2020)."
    )
    enschede = progress_view.build(snapshot, result, "GM0153", "net_change", own_figures.empty_frame(), "nl")
    assert progress_view.municipality_sentence(enschede) == (
        "Hoeveel woningen Enschede sinds 2025 heeft gebouwd, staat nog niet in de gegevens (CBS-cijfers tot en met "
        "2020). Daarom is nog niet te zeggen of de gemeente op koers ligt."
    )
    refreshed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": dwelling_changes()})
    twente = progress_view.build(refreshed, result, None, "net_change", own_figures.empty_frame(), "en")
    assert progress_view.headline(twente) == ("Delivery ratio Twente: 91% (2025–2026 to September; net additions)")
    enschede = progress_view.build(refreshed, result, "GM0153", "net_change", own_figures.empty_frame(), "nl")
    assert progress_view.municipality_sentence(enschede) == (
        "Sinds 2025 zijn in Enschede 222 woningen netto bijgekomen (2025–2026 t/m september); het bouwpad vroeg tot "
        "dan 1.173. Dat is 19% van wat nodig was."
    )


def test_meeting_facts(snapshot, result) -> None:
    from ros.data.snapshot import Snapshot
    from ros.model import own_figures
    from ros.present import meeting
    from ros.present import progress as progress_view
    from ros.present.cards import Fact

    shipped = progress_view.build(snapshot, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert progress_view.meeting_facts(shipped) == []
    refreshed = Snapshot(dict(snapshot.tables) | {"dwelling_changes": dwelling_changes()})
    view = progress_view.build(refreshed, result, None, "net_change", own_figures.empty_frame(), "nl")
    assert [(f.label, f.value, f.note) for f in progress_view.meeting_facts(view)] == [
        ("Gerealiseerd 2025–2026 t/m september", "4.242", "Volgens het bouwpad: 4.654"),
        ("Leveringsratio", "91%", "referentieband Housing Delivery Test (geen ROS-regel): 85–95%"),
        ("Nodig per jaar vanaf nu tot eind 2050 (netto toevoeging)", "2.670", "gerealiseerd tempo 2.424 per jaar"),
    ]
    # The meeting view draws these cards beside its own: one card type, not two look-alikes.
    assert all(type(f) is Fact for f in progress_view.meeting_facts(view))
    assert all(type(f) is Fact for group in meeting.headline_facts(snapshot, result, "nl").values() for f in group)
