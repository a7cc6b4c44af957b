"""ros.present.charts.maps: the outline map on real boundaries and the tile-map fallback, checked on data and labels."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from plotly.colors import sample_colorscale
from shapely.geometry import Point, shape

from ros.base import format as fmt
from ros.data import geo
from ros.data.catalog import TWENTE_CODES
from ros.present.charts.maps import COLORSCALE, TILE_GRID, UNKNOWN_COLOUR, _luminance, _project, municipality_map
from tests.support.boundaries import boundaries_file
from tests.support.frames import cell

LABELS = {"title": "Inwoners per gemeente", "colorbar": "Inwoners"}
HOVER = {"dwellings_text": "Woningen", "households_text": "Huishoudens"}


@pytest.fixture(scope="module")
def boundaries() -> dict:
    result = geo.load_boundaries(2024, file=boundaries_file(), offline=True)
    assert result.problem is None
    assert result.geojson is not None
    return result.geojson


@pytest.fixture
def frame(snapshot) -> pd.DataFrame:
    """The real CBS key figures (1-1-2024) of the 14 municipalities, with Dutch text columns."""
    table = snapshot["municipalities"][["code", "name", "population", "dwellings", "households"]]
    return fmt.with_text_columns(table, "nl", {"population": "number", "dwellings": "number", "households": "number"})


def test_outline_map_draws_every_municipality_with_its_value_as_text_and_dutch_hover(
    frame: pd.DataFrame, boundaries: dict
) -> None:
    figure = municipality_map(frame, "population", "population_text", LABELS, boundaries, ",.", HOVER)

    (trace,) = figure.data
    assert trace.type == "scatter"  # a plain chart: no MapLibre, no WebGL, no tiles
    shapes = {s.name: s for s in figure.layout.shapes}
    assert set(shapes) == TWENTE_CODES
    assert all(s.type == "path" and s.path.startswith("M") for s in shapes.values())
    by_code = frame.set_index("code")
    enschede = list(by_code.index).index("GM0153")
    population = int(cell(by_code, "GM0153", "population"))
    assert trace.text[enschede] == f"<b>Enschede</b><br>{fmt.number(population, 'nl')}"
    assert list(trace.customdata[enschede]) == [
        "Enschede",
        fmt.number(population, "nl"),
        fmt.number(cell(by_code, "GM0153", "dwellings"), "nl"),
        fmt.number(cell(by_code, "GM0153", "households"), "nl"),
    ]
    assert "." in trace.customdata[enschede][1]  # Dutch thousands separator: 160.000-style, not 160,000
    assert trace.hovertemplate == (
        "<b>%{customdata[0]}</b><br>Inwoners: %{customdata[1]}<br>Woningen: %{customdata[2]}"
        "<br>Huishoudens: %{customdata[3]}<extra></extra>"
    )
    # The colours follow the values: the smallest municipality at the light end, the largest (Enschede) at the dark.
    smallest = by_code["population"].idxmin()
    assert shapes[smallest].fillcolor == sample_colorscale(COLORSCALE, [0.0])[0]
    assert shapes["GM0153"].fillcolor == sample_colorscale(COLORSCALE, [1.0])[0]
    assert trace.textfont.color[enschede] == "#ffffff"
    assert (trace.marker.cmin, trace.marker.cmax) == (frame["population"].min(), frame["population"].max())
    assert trace.marker.colorbar.title.text == "Inwoners"
    # Each label sits inside its own municipality.
    for feature in boundaries["features"]:
        index = list(by_code.index).index(feature["id"])
        outline = shape(feature["geometry"])
        projected = type(outline)([type(p)([_project(x, y) for x, y, *_ in p.exterior.coords]) for p in outline.geoms])
        assert projected.contains(Point(trace.x[index], trace.y[index])), feature["id"]
    layout = figure.layout
    assert layout.title.text == "Inwoners per gemeente"
    assert layout.separators == ",."
    assert layout.yaxis.scaleanchor == "x"
    assert layout.xaxis.visible is False


def test_unknown_value_is_grey_and_says_unknown(frame: pd.DataFrame, boundaries: dict) -> None:
    frame = frame.astype({"population": "float"})
    frame.loc[frame["code"] == "GM0147", "population"] = float("nan")
    frame["population_text"] = [fmt.number(v, "nl") for v in frame["population"]]

    figure = municipality_map(frame, "population", "population_text", LABELS, boundaries)

    fills = {s.name: s.fillcolor for s in figure.layout.shapes}
    assert fills["GM0147"] == UNKNOWN_COLOUR
    assert list(fills.values()).count(UNKNOWN_COLOUR) == 1
    (trace,) = figure.data
    assert "<b>Borne</b><br>onbekend" in trace.text
    assert trace.marker.cmin == frame["population"].min()  # the unknown value is not counted as zero


def test_figure_payload_is_small(frame: pd.DataFrame, boundaries: dict) -> None:
    figure = municipality_map(frame, "population", "population_text", LABELS, boundaries, ",.", HOVER)
    size = len(figure.to_json().encode())
    print(f"map figure JSON: {size} bytes")
    assert size <= 150_000


def test_tile_map_without_boundaries_has_14_labelled_tiles(frame: pd.DataFrame) -> None:
    figure = municipality_map(frame, "population", "population_text", LABELS, None, ".,", HOVER)

    (trace,) = figure.data
    assert trace.type == "scatter"
    shapes = [s for s in figure.layout.shapes if s.type == "rect"]
    assert len(shapes) == 14
    assert len(trace.text) == 14
    by_code = frame.set_index("code")
    for code, text, x, y in zip(frame["code"], trace.text, trace.x, trace.y, strict=True):
        assert text == f"<b>{by_code.loc[code, 'name']}</b><br>{by_code.loc[code, 'population_text']}"
        assert (-y, x) == TILE_GRID[code]
    assert sorted(s.name for s in shapes) == sorted(TWENTE_CODES)
    # The colours follow the values: the smallest municipality gets the scale's light end, the largest its dark end.
    fills = {s.name: s.fillcolor for s in shapes}
    smallest = cell(frame, frame["population"].idxmin(), "code")
    largest = cell(frame, frame["population"].idxmax(), "code")
    assert fills[smallest] == sample_colorscale(COLORSCALE, [0.0])[0]
    assert fills[largest] == sample_colorscale(COLORSCALE, [1.0])[0]
    assert trace.textfont.color[list(frame["code"]).index(largest)] == "#ffffff"  # white on the dark end
    # Every label is readable on its tile (WCAG AA contrast for normal text).
    for code, colour in zip(frame["code"], trace.textfont.color, strict=True):
        high, low = sorted((_luminance(fills[code]), _luminance(colour)), reverse=True)
        assert (high + 0.05) / (low + 0.05) >= 4.5, (code, fills[code], colour)
    assert trace.hovertemplate.startswith("<b>%{customdata[0]}</b><br>Inwoners: %{customdata[1]}")
    assert figure.layout.title.text == "Inwoners per gemeente"
    assert figure.layout.separators == ".,"
    assert trace.marker.colorbar.title.text == "Inwoners"


def test_tile_map_shows_unknown_as_grey_text(frame: pd.DataFrame) -> None:
    frame = frame.astype({"population": "float"})
    frame.loc[frame["code"] == "GM0153", "population"] = float("nan")
    frame["population_text"] = [fmt.number(v, "nl") for v in frame["population"]]
    figure = municipality_map(frame, "population", "population_text", LABELS, None)
    fills = {s.name: s.fillcolor for s in figure.layout.shapes}
    assert fills["GM0153"] == UNKNOWN_COLOUR
    assert "<b>Enschede</b><br>onbekend" in figure.data[0].text


def test_equal_values_still_get_a_colour_range(frame: pd.DataFrame) -> None:
    frame = frame.assign(same=5.0, same_text="5")
    figure = municipality_map(frame, "same", "same_text", LABELS, None)
    assert (figure.data[0].marker.cmin, figure.data[0].marker.cmax) == (0.0, 5.0)


def test_tile_grid_is_complete_and_roughly_geographic() -> None:
    assert set(TILE_GRID) == TWENTE_CODES
    assert len(set(TILE_GRID.values())) == 14  # no two municipalities on one tile
    path = boundaries_file()
    from shapely.geometry import shape

    centres = {}
    for feature in json.loads(Path(path).read_text(encoding="utf-8"))["features"]:
        point = shape(feature["geometry"]).representative_point()
        centres[feature["properties"]["statcode"]] = (point.x, point.y)
    # Whenever two municipalities lie clearly apart (> 0.12°), the grid keeps their order (or puts them level).
    for a in TWENTE_CODES:
        for b in TWENTE_CODES:
            (row_a, col_a), (row_b, col_b) = TILE_GRID[a], TILE_GRID[b]
            if centres[a][0] + 0.12 < centres[b][0]:
                assert col_a <= col_b, (a, b)
            if centres[a][1] + 0.12 < centres[b][1]:
                assert row_a >= row_b, (a, b)


def test_a_difference_map_is_diverging_and_centred_on_zero(frame) -> None:
    deltas = frame.assign(delta=[0, 0, 300, -120, *([0] * 10)], delta_text="x")
    figure = municipality_map(deltas, "delta", "delta_text", LABELS, None, diverging=True)
    marker = figure.data[0].marker
    assert (marker.cmin, marker.cmax) == (-300, 300)  # symmetric: 0 sits in the middle of the scale
    fills = {shape.name: shape.fillcolor for shape in figure.layout.shapes}
    codes = list(deltas["code"])
    assert fills[codes[0]] == sample_colorscale("PuOr", [0.5])[0]  # no difference: the neutral middle
    assert fills[codes[2]] != fills[codes[3]]  # more and less in two different colours
    plain = municipality_map(deltas, "delta", "delta_text", LABELS, None)
    assert (plain.data[0].marker.cmin, plain.data[0].marker.cmax) == (-120, 300)
