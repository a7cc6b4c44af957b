"""Allocation keys and the largest-remainder method: exact sums, hand-checked shares, every refused input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ros.base.config import MAX_UPLOAD_BYTES
from ros.model import allocation
from ros.model.allocation import AllocationError, allocate, largest_remainder


@pytest.fixture(scope="module")
def keys(region):
    return region.keys


def by_name(keys, values) -> dict[str, int]:
    return {name: int(v) for name, v in zip(keys.names, values, strict=True)}


weights_lists = st.lists(st.floats(min_value=0, max_value=1e12, allow_nan=False), min_size=1, max_size=60).filter(
    lambda w: sum(w) > 0
)


@settings(max_examples=400, deadline=None)
@given(weights=weights_lists, total=st.integers(min_value=0, max_value=10_000_000))
def test_largest_remainder_sums_exactly_and_stays_within_one_of_the_quota(weights, total):
    result = largest_remainder(weights, total)
    assert result.dtype == np.int64
    assert int(result.sum()) == total
    assert (result >= 0).all()
    quotas = total * np.asarray(weights) / np.sum(weights)
    assert np.all(np.abs(result - quotas) < 1 + 1e-6)
    assert np.array_equal(result, largest_remainder(weights, total))  # deterministic


@settings(max_examples=200, deadline=None)
@given(rows=st.integers(1, 20), cols=st.integers(1, 30), seed=st.integers(0, 2**32 - 1))
def test_largest_remainder_rows_sums_every_row(rows, cols, seed):
    rng = np.random.default_rng(seed)
    weights = rng.uniform(0, 5, (rows, cols)) * (rng.uniform(size=(rows, cols)) > 0.3)
    weights[:, 0] += 0.01
    totals = rng.integers(0, 100_000, rows)
    result = allocation.largest_remainder_rows(weights, totals)
    assert result.sum(axis=1).tolist() == totals.tolist()
    assert (result[weights == 0] == 0).all()


def test_largest_remainder_hand_checked_and_ties_go_to_the_earlier_position():
    assert largest_remainder([1, 2, 3], 7).tolist() == [1, 2, 4]
    assert largest_remainder([1, 1, 1], 10).tolist() == [4, 3, 3]
    assert largest_remainder([1, 1, 1], 11).tolist() == [4, 4, 3]
    assert largest_remainder([0, 5], 3).tolist() == [0, 3]
    assert largest_remainder([0, 0], 0).tolist() == [0, 0]


@settings(max_examples=150, deadline=None)
@given(total=st.integers(0, 2_000_000), key=st.sampled_from(allocation.KEYS[:-1]), share=st.floats(0, 1))
def test_every_key_sums_exactly_for_random_totals(region, total, key, share):
    keys = region.keys
    result = allocate(total, key, keys, city_share=share)
    assert int(result.sum()) == total
    assert (result >= 0).all()
    if key == "stedelijk_netwerk":
        cities = largest_remainder([share, 1 - share], total)[0]
        assert int(result[keys.is_city].sum()) == cities


@settings(max_examples=150, deadline=None)
@given(
    total=st.integers(0, 2_000_000),
    weights=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=14, max_size=14).filter(lambda w: sum(w) > 0),
)
def test_custom_weights_sum_exactly(region, total, weights):
    keys = region.keys
    custom = dict(zip(keys.codes, weights, strict=True))
    result = allocate(total, "custom", keys, custom=custom)
    assert int(result.sum()) == total
    assert (result[np.array(weights) == 0] == 0).all()


def test_population_key_hand_checked(keys):
    result = by_name(keys, allocate(69_000, "population", keys))
    # 69.000 × 161.738 / 640.806 = 17.415,4 → 17.415
    assert result["Enschede"] == 17_415
    assert result["Almelo"] == 8_002  # 69.000 × 74.317 / 640.806 = 8.002,3
    assert sum(result.values()) == 69_000


def test_dwellings_households_and_plan_keys_hand_checked(keys):
    assert by_name(keys, allocate(69_000, "dwellings", keys))["Enschede"] == 18_460  # × 77.059 / 288.025
    assert by_name(keys, allocate(69_000, "households", keys))["Enschede"] == 19_601  # × 81.878 / 288.234
    assert int(keys.plan_hard.sum()) == 7_929
    assert int(keys.plan_total.sum()) == 19_558
    assert by_name(keys, allocate(69_000, "plan_hard", keys))["Almelo"] == 13_158  # × 1.512 / 7.929 = 13.157,6
    assert by_name(keys, allocate(69_000, "plan_total", keys))["Almelo"] == 9_215  # × 2.612 / 19.558 = 9.215,0


def test_equal_key_gives_the_eight_remainders_to_the_first_names(keys):
    result = by_name(keys, allocate(69_000, "equal", keys))
    assert [result[n] for n in ("Almelo", "Hof van Twente", "Losser", "Wierden")] == [4_929, 4_929, 4_928, 4_928]
    assert sorted(set(result.values())) == [4_928, 4_929]


def test_stedelijk_netwerk_full_share_goes_to_the_three_cities_by_population(keys):
    result = by_name(keys, allocate(69_000, "stedelijk_netwerk", keys, city_share=1.0))
    # 69.000 split by 161.738 / 83.058 / 74.317 of 319.113: 34.971,7 / 17.959,2 / 16.069,1
    assert (result["Enschede"], result["Hengelo"], result["Almelo"]) == (34_972, 17_959, 16_069)
    assert sum(v for n, v in result.items() if n not in {"Enschede", "Hengelo", "Almelo"}) == 0


def test_stedelijk_netwerk_rest_goes_to_the_other_eleven(keys):
    result = allocate(69_000, "stedelijk_netwerk", keys, city_share=0.8)
    assert int(result[keys.is_city].sum()) == 55_200
    assert int(result[~keys.is_city].sum()) == 13_800
    shares = allocation.key_weights("stedelijk_netwerk", keys, 0.8)
    assert shares.sum() == pytest.approx(1)
    assert shares[keys.is_city].sum() == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"Enschede": -1}, "Het gewicht van Enschede is negatief"),
        ({"Enschede": None}, "Het gewicht van Enschede ontbreekt"),
        ({"Enschede": float("nan")}, "Het gewicht van Enschede ontbreekt"),
        ({"Enschede": ""}, "Het gewicht van Enschede ontbreekt"),
        ({"Enschede": "veel"}, "Het gewicht van Enschede is geen getal: 'veel'"),
        ({"Enschede": "inf"}, "Het gewicht van Enschede is geen getal"),
        ({"Amsterdam": 1}, "'Amsterdam' is geen gemeente in deze regio"),
    ],
)
def test_bad_custom_weights_are_refused_in_dutch(keys, weights, message):
    complete = {code: 1.0 for code in keys.codes if code != "GM0153"} | weights
    with pytest.raises(AllocationError, match=message):
        allocation.check_weights(complete, keys.codes, keys.names)


def test_all_zero_absent_and_duplicate_weights_are_refused(keys):
    zeros = dict.fromkeys(keys.codes, 0)
    with pytest.raises(AllocationError, match="Alle gewichten zijn 0"):
        allocation.check_weights(zeros, keys.codes, keys.names)
    with pytest.raises(AllocationError, match="Het gewicht ontbreekt voor: Borne, Dinkelland"):
        allocation.check_weights({"GM0141": 1, "GM0153": 1}, keys.codes, keys.names)
    with pytest.raises(AllocationError, match="Enschede staat meer dan één keer"):
        allocation.check_weights(dict.fromkeys(keys.codes, 1) | {"enschede": 2}, keys.codes, keys.names)
    with pytest.raises(AllocationError, match="Onbekende verdeelsleutel"):
        allocate(10, "lottery", keys)
    with pytest.raises(AllocationError, match="nog geen eigen gewichten"):
        allocate(10, "custom", keys)
    with pytest.raises(AllocationError, match="tussen 0% en 100%"):
        allocate(10, "stedelijk_netwerk", keys, city_share=1.5)
    with pytest.raises(AllocationError, match="geheel getal van 0 of groter"):
        largest_remainder([1, 2], -5)


def test_names_and_codes_in_any_case_are_accepted(keys):
    weights = {
        name.upper() if i % 2 else code.lower(): i
        for i, (code, name) in enumerate(zip(keys.codes, keys.names, strict=True))
    }
    checked = allocation.check_weights(weights, keys.codes, keys.names)
    assert set(checked) == set(keys.codes)
    assert checked[keys.codes[3]] == 3


def csv_for(keys, separator=",", decimal=".", header="code,weight", use_names=False) -> bytes:
    lines = [header]
    for i, (code, name) in enumerate(zip(keys.codes, keys.names, strict=True)):
        lines.append(f"{name if use_names else code}{separator}{str(i + 0.5).replace('.', decimal)}")
    return "\n".join(lines).encode("utf-8")


def test_csv_with_codes_names_and_dutch_semicolons(keys):
    plain = allocation.read_weights_csv(csv_for(keys), keys.codes, keys.names)
    assert plain[keys.codes[0]] == 0.5
    assert plain[keys.codes[13]] == 13.5
    dutch = allocation.read_weights_csv(csv_for(keys, ";", ",", "gemeente;gewicht", True), keys.codes, keys.names)
    assert dutch == plain
    with_bom = b"\xef\xbb\xbf" + csv_for(keys, use_names=True)
    assert allocation.read_weights_csv(with_bom, keys.codes, keys.names) == plain


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg"),
        (b"naam,aantal\nEnschede,1\n", "kopregel 'code,weight'"),
        (b"code,weight\nGM0153\n", "Regel 2: er staat geen gewicht"),
        (b"code,weight\nGM0153,1\nGM0153,2\n", "Regel 3: 'GM0153' staat meer dan één keer"),
        (b"code,weight\nGM9999,1\n", "'GM9999' is geen gemeente"),
        (b"code,weight\n\x81\x8d\x8f,1\n", "geen leesbare tekst"),
    ],
)
def test_bad_csv_files_are_refused(keys, content, message):
    with pytest.raises(AllocationError, match=message):
        allocation.read_weights_csv(content, keys.codes, keys.names)


def test_too_large_upload_is_refused(keys):
    with pytest.raises(AllocationError, match="groter dan 5 MB"):
        allocation.read_weights_csv(b"x" * (MAX_UPLOAD_BYTES + 1), keys.codes, keys.names)


def test_weights_round_trip_through_link_text_and_editor_frame(keys):
    weights = {code: i * 1.5 for i, code in enumerate(keys.codes)}
    text = allocation.weights_to_text(weights)
    assert "GM0153:4.5" in text
    assert allocation.weights_from_text(text, keys.codes, keys.names) == weights
    frame = allocation.weights_frame(weights, keys.codes, keys.names)
    assert allocation.frame_weights(frame) == weights
    assert allocation.weights_frame(None, keys.codes, keys.names)["weight"].tolist() == [1.0] * 14
    with pytest.raises(AllocationError, match="niet de vorm code:gewicht"):
        allocation.weights_from_text("GM0153=4", keys.codes, keys.names)
