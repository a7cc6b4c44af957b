"""Maps of the 14 Twente municipalities: their outlines coloured by value, or a tile map without boundaries.

The outlines come from `ros.data.geo.load_boundaries` (CBS Gebiedsindelingen via PDOK), projected once on the server
and drawn as SVG path shapes in a plain Plotly chart: no MapLibre, so no WebGL (which a browser without a GPU draws
in software), no tiles and no network; every municipality is labelled with its value as text, which
also carries the hover. When no boundaries are available the
same values are drawn as a grid of 14 labelled squares placed roughly where the municipalities lie; every tile
carries the municipality's name and its value as text, so nothing depends on colour alone. Unknown values are
drawn grey and labelled with the preformatted text (for example "onbekend"), never as zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from numpy.typing import NDArray
from plotly.colors import hex_to_rgb, sample_colorscale

from ros.data.geo import JSONObject
from ros.present.charts.style import apply_layout

# Colour-blind-safe sequential scale (cividis, designed for colour-vision deficiencies), light = low, dark = high.
COLORSCALE = "cividis_r"
# Diverging colour-blind-safe scale for differences (ColorBrewer PuOr): orange = less, white = 0, purple = more.
DIVERGING = "PuOr"
UNKNOWN_COLOUR = "#e5e7eb"
BORDER_COLOUR = "#374151"
DARK_TEXT = "#111827"
# Twente's centre; a degree of longitude there is cos(52.31°) of a degree of latitude.
CENTER = {"lon": 6.70, "lat": 52.31}
_X_SCALE = math.cos(math.radians(CENTER["lat"]))
HEIGHT = 540

# Layout of the tile map (row 0 = north, column 0 = west): roughly the municipalities' relative positions.
TILE_GRID: dict[str, tuple[int, int]] = {
    "GM1700": (0, 1),  # Twenterand
    "GM0183": (0, 2),  # Tubbergen
    "GM1774": (0, 3),  # Dinkelland
    "GM0163": (1, 0),  # Hellendoorn
    "GM0189": (1, 1),  # Wierden
    "GM0141": (1, 2),  # Almelo
    "GM0173": (1, 3),  # Oldenzaal
    "GM0168": (1, 4),  # Losser
    "GM1742": (2, 0),  # Rijssen-Holten
    "GM1735": (2, 1),  # Hof van Twente
    "GM0147": (2, 2),  # Borne
    "GM0164": (2, 3),  # Hengelo
    "GM0158": (3, 2),  # Haaksbergen
    "GM0153": (3, 3),  # Enschede
}
TILE_SIZE = 0.94  # share of a grid cell a tile fills, leaving a white gap between tiles


def _hover(
    frame: pd.DataFrame, value_label: str, text_column: str, hover_columns: Mapping[str, str]
) -> tuple[NDArray[Any], str]:
    """Custom data (name, value text, hover texts) and the matching Dutch hover template."""
    columns = ["name", text_column, *hover_columns]
    lines = [f"<b>%{{customdata[0]}}</b><br>{_escape(value_label)}: %{{customdata[1]}}"]
    lines += [f"{_escape(label)}: %{{customdata[{i}]}}" for i, label in enumerate(hover_columns.values(), start=2)]
    return frame[columns].astype(str).to_numpy(), "<br>".join(lines) + "<extra></extra>"


def _escape(label: str) -> str:
    """A label safe inside a Plotly hover template (braces would be read as placeholders)."""
    return label.replace("{", "(").replace("}", ")")


def _value_range(values: pd.Series) -> tuple[float, float]:
    """The colour range of the known values; a single value still gets a non-empty range."""
    low, high = float(values.min()), float(values.max())
    if high > low:
        return low, high
    return (min(0.0, low), max(0.0, high)) if low != 0 else (0.0, 1.0)


def municipality_map(
    frame: pd.DataFrame,
    value_column: str,
    text_column: str,
    labels: Mapping[str, str],
    geojson: JSONObject | None,
    separators: str = ",.",
    hover_columns: Mapping[str, str] | None = None,
    diverging: bool = False,
) -> go.Figure:
    """A choropleth of `value_column` per municipality (`code`, `name`) on `geojson` (feature id = code), with
    `text_column` and the preformatted `hover_columns` (column → label) in the hover; a tile map when `geojson`
    is None. `labels` holds "title" and "colorbar". `diverging` draws differences: a scale symmetric around 0, where
    0 is white and more and less have their own colour."""
    hover_columns = dict(hover_columns or {})
    data = frame.assign(_value=pd.to_numeric(frame[value_column], errors="coerce"))
    known = data[data["_value"].notna()]
    low, high = _value_range(known["_value"]) if len(known) else (0.0, 1.0)
    scale = COLORSCALE
    if diverging:
        reach = max(abs(low), abs(high)) or 1.0
        low, high, scale = -reach, reach, DIVERGING
    if geojson is None:
        figure = _tile_map(data, text_column, labels, hover_columns, low, high, scale)
    else:
        figure = _outline_map(data, text_column, labels, hover_columns, geojson, low, high, scale)
    figure.update_layout(separators=separators)
    return figure


def _colorbar(title: str) -> dict[str, Any]:
    return {
        "title": {"text": title, "side": "right"},
        "thickness": 14,
        "len": 0.8,
        "outlinewidth": 0,
        "tickformat": ",",  # grouped numbers with the figure's separators (16.000), not SI units (16k)
    }


def _fills(values: pd.Series, low: float, high: float, scale: str) -> list[str]:
    """The fill colour of every value on `scale` between `low` and `high`; an unknown value is grey."""
    return [UNKNOWN_COLOUR if pd.isna(v) else sample_colorscale(scale, [(v - low) / (high - low)])[0] for v in values]


def _labelled_values(
    data: pd.DataFrame,
    points: tuple[Sequence[float], Sequence[float]],
    text_column: str,
    labels: Mapping[str, str],
    hover_columns: Mapping[str, str],
    fills: list[str],
    colours: tuple[float, float, str],
    font_size: int,
    marker: Mapping[str, object],
) -> go.Scatter:
    """Invisible markers at `points` (x, y) that carry every municipality's name and value text, its hover and the
    colour bar; `colours` is the scale's (low, high, name), `marker` the markers' shape and size."""
    low, high, scale = colours
    customdata, template = _hover(data, labels["colorbar"], text_column, hover_columns)
    return go.Scatter(
        x=points[0],
        y=points[1],
        mode="markers+text",
        text=[f"<b>{n}</b><br>{v}" for n, v in zip(data["name"], data[text_column], strict=True)],
        textfont={"color": [_text_colour(f) for f in fills], "size": font_size},
        textposition="middle center",
        marker={
            **marker,
            "opacity": 0,
            "color": data["_value"].fillna(low),
            "colorscale": scale,
            "cmin": low,
            "cmax": high,
            "showscale": True,
            "colorbar": _colorbar(labels["colorbar"]),
        },
        customdata=customdata,
        hovertemplate=template,
        name="",
    )


def _rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """The rings (exterior and holes) of a GeoJSON Polygon or MultiPolygon, as [lon, lat] lists."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Longitude and latitude on a plane that keeps Twente's shape (equirectangular around its centre)."""
    return (lon - CENTER["lon"]) * _X_SCALE, lat - CENTER["lat"]


def _outline_path(geometry: Mapping[str, Any]) -> tuple[str, tuple[float, float]]:
    """An SVG path (in projected coordinates, 4 decimals = about 10 m) and the label point of one municipality:
    the point of its largest part farthest from the edge (so the label sits well inside, also in odd shapes)."""
    from shapely.geometry import shape
    from shapely.ops import polylabel

    parts = []
    for ring in _rings(geometry):
        parts.append("M" + "L".join("{:.4f},{:.4f}".format(*_project(lon, lat)) for lon, lat, *_ in ring) + "Z")
    outline = shape(geometry)
    largest = max(getattr(outline, "geoms", [outline]), key=lambda part: part.area)
    centre = polylabel(largest, tolerance=0.001)
    return "".join(parts), _project(centre.x, centre.y)


def _outline_map(
    data: pd.DataFrame,
    text_column: str,
    labels: Mapping[str, str],
    hover_columns: Mapping[str, str],
    geojson: JSONObject,
    low: float,
    high: float,
    scale: str = COLORSCALE,
) -> go.Figure:
    """The municipalities as filled outlines (SVG path shapes in a plain Plotly chart: no WebGL, no tiles, no
    network), coloured by value, each labelled with its name and value text at its centre, which also carries the
    hover; unknown values grey."""
    outlines = {f.get("id"): _outline_path(f["geometry"]) for f in geojson.get("features", []) if f.get("geometry")}
    data = data[data["code"].isin(outlines)]
    fills = _fills(data["_value"], low, high, scale)
    shapes = [
        {
            "type": "path",
            "path": outlines[code][0],
            "fillcolor": fill,
            "line": {"color": BORDER_COLOUR, "width": 1},
            "layer": "below",
            "name": code,
            "xref": "x",
            "yref": "y",
        }
        for code, fill in zip(data["code"], fills, strict=True)
    ]
    centres = [outlines[code][1] for code in data["code"]]
    points = ([x for x, _ in centres], [y for _, y in centres])
    colours = (low, high, scale)
    figure = go.Figure(
        _labelled_values(data, points, text_column, labels, hover_columns, fills, colours, 12, {"size": 36})
    )
    apply_layout(figure, labels["title"], height=HEIGHT)
    figure.update_layout(shapes=shapes, showlegend=False, plot_bgcolor="white", dragmode=False)
    figure.update_xaxes(visible=False, fixedrange=True)
    figure.update_yaxes(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    return figure


def _luminance(fill: str) -> float:
    """WCAG relative luminance of an rgb(...) or #hex colour."""
    if fill.startswith("#"):
        channels = hex_to_rgb(fill)
    else:
        channels = tuple(float(v) for v in fill[fill.index("(") + 1 : -1].split(","))
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return float(0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2])


def _text_colour(fill: str) -> str:
    """Near-black or white text, whichever has the higher WCAG contrast on `fill`."""
    background = _luminance(fill)
    dark = (background + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    light = 1.05 / (background + 0.05)
    return DARK_TEXT if dark >= light else "#ffffff"


def _tile_map(
    data: pd.DataFrame,
    text_column: str,
    labels: Mapping[str, str],
    hover_columns: Mapping[str, str],
    low: float,
    high: float,
    scale: str = COLORSCALE,
) -> go.Figure:
    """Fourteen squares in a rough geographic grid, coloured by value and labelled with name and value text."""
    data = data[data["code"].isin(TILE_GRID)]
    rows = [TILE_GRID[code][0] for code in data["code"]]
    cols = [TILE_GRID[code][1] for code in data["code"]]
    fills = _fills(data["_value"], low, high, scale)
    half = TILE_SIZE / 2
    shapes = [
        {
            "type": "rect",
            "x0": c - half,
            "x1": c + half,
            "y0": -r - half,
            "y1": -r + half,
            "fillcolor": fill,
            "line": {"color": "white", "width": 0},
            "layer": "below",
            "name": code,
        }
        for code, r, c, fill in zip(data["code"], rows, cols, fills, strict=True)
    ]
    points, colours, marker = (cols, [-r for r in rows]), (low, high, scale), {"symbol": "square", "size": 40}
    figure = go.Figure(_labelled_values(data, points, text_column, labels, hover_columns, fills, colours, 13, marker))
    apply_layout(figure, labels["title"], height=HEIGHT)
    grid_cols = max(c for _, c in TILE_GRID.values())
    grid_rows = max(r for r, _ in TILE_GRID.values())
    figure.update_layout(shapes=shapes, showlegend=False, plot_bgcolor="white")
    figure.update_xaxes(visible=False, range=[-0.5, grid_cols + 0.5], fixedrange=True)
    figure.update_yaxes(
        visible=False, range=[-grid_rows - 0.5, 0.5], fixedrange=True, scaleanchor="x", constrain="domain"
    )
    return figure
