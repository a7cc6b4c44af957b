"""Charts of the budget page: the money flow (Sankey) and the contributions under a cost-sharing key.

The Sankey draws known flows to scale in colour, with their amount in the node labels and hover texts; unknown
flows (only when the page asks for them) are grey placeholders labelled "onbekend", so that status never rests
on colour alone. Node and link data come from `ros.model.budget.budget_flows`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from ros.base import format as fmt
from ros.model.budget import Flows, Node
from ros.present.charts.style import MUTED, PALETTE, PRIMARY, apply_layout

KIND_COLOURS = {"rijk": PALETTE[0], "provincie": PALETTE[2], "waterschap": PALETTE[4], "gemeente": PALETTE[1]}
ROLE_COLOURS = {"source": PALETTE[3], "party": PALETTE[1], "cashier": PRIMARY, "work": PALETTE[2]}
UNKNOWN_LINK = "rgba(156, 163, 175, 0.45)"
KNOWN_LINK = "rgba(230, 159, 0, 0.55)"


def _amount_text(node: Node, labels: Mapping[str, str], lang: str) -> str:
    """What is known about the money through a node: an amount, a count of unknowns, or both."""
    amount = fmt.money(node.known_amount, lang)
    if node.unknown_count and node.known_amount:
        return labels["sankey_node_known_and_unknown"].format(amount=amount, count=node.unknown_count)
    if node.unknown_count == 1:
        return fmt.unknown(lang)
    if node.unknown_count:
        return labels["sankey_node_unknown"].format(count=node.unknown_count)
    return amount


def _node_name(node: Node, labels: Mapping[str, str]) -> str:
    """The display name of a node."""
    if node.role == "source":
        return labels["sankey_programme"].format(programme=node.name) if node.name else labels["sankey_unknown_source"]
    if node.role == "cashier":
        return labels["sankey_cashier"]
    if node.role == "work":
        return labels["sankey_work"]
    return node.name


def sankey_labels(flows: Flows, labels: Mapping[str, str], lang: str) -> list[str]:
    """One label per node: its name and what is known about its amount ('Almelo · € 102.000'); sources, the
    cashier get the amount on a second line; the work shows it on hover only (it equals the cashier's)."""
    separator = {"party": " · ", "source": "<br>", "cashier": "<br>"}
    return [
        _node_name(n, labels) + (separator[n.role] + _amount_text(n, labels, lang) if n.role in separator else "")
        for n in flows.nodes
    ]


COLUMN_X = {"source": 0.001, "party": 0.3, "cashier": 0.62, "work": 0.999}


def _positions(flows: Flows, gap: float = 0.03) -> tuple[list[float], list[float]]:
    """Fixed node positions: one column per role (the cashier well left of the work, so labels do not collide),
    nodes stacked from the top in their order with heights in proportion to their drawn width."""
    size = [
        max(
            sum(lk.value for lk in flows.links if lk.target == i),
            sum(lk.value for lk in flows.links if lk.source == i),
        )
        for i in range(len(flows.nodes))
    ]
    columns: dict[str, list[int]] = {}
    for i, node in enumerate(flows.nodes):
        columns.setdefault(node.role, []).append(i)
    scale = min((1 - gap * (len(m) - 1)) / (sum(size[i] for i in m) or 1) for m in columns.values())
    y = [0.0] * len(flows.nodes)
    for members in columns.values():
        top = 0.0
        for i in members:
            y[i] = min(max(top + size[i] * scale / 2, 0.001), 0.999)
            top += size[i] * scale + gap
    return [COLUMN_X[n.role] for n in flows.nodes], y


def sankey_table(flows: Flows, labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The flows as a table (the chart's table alternative): source, target and amount ('onbekend' when unknown)."""
    names = [_node_name(n, labels).replace("<br>", " ") for n in flows.nodes]
    return pd.DataFrame(
        {
            "source": [names[lk.source] for lk in flows.links],
            "target": [names[lk.target] for lk in flows.links],
            "amount": [fmt.money(lk.amount, lang) if lk.known else fmt.unknown(lang) for lk in flows.links],
        }
    )


def budget_sankey(flows: Flows, labels: Mapping[str, str], lang: str) -> go.Figure:
    """A Sankey of funding source → party → Hengelo (cashier) → the work. Known links in colour and to scale;
    unknown links grey with 'bedrag onbekend' as hover text. `labels` is the `budget` catalogue section."""
    names = [_node_name(n, labels).replace("<br>", " ") for n in flows.nodes]
    node_text = sankey_labels(flows, labels, lang)
    node_colours = [MUTED if (n.unknown_count and not n.known_amount) else ROLE_COLOURS[n.role] for n in flows.nodes]
    link_text = [fmt.money(lk.amount, lang) if lk.known else labels["sankey_unknown_amount"] for lk in flows.links]
    link_names = [labels["sankey_link"].format(source=names[lk.source], target=names[lk.target]) for lk in flows.links]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat=",.0f",
            node={
                "label": node_text,
                "x": _positions(flows)[0],
                "y": _positions(flows)[1],
                "color": node_colours,
                "pad": 10,
                "thickness": 18,
                "line": {"color": "#374151", "width": 0.5},
                "customdata": [
                    f"{_node_name(n, labels)}: {_amount_text(n, labels, lang)}".replace("<br>", " ")
                    for n in flows.nodes
                ],
                "hovertemplate": "%{customdata}<extra></extra>",
            },
            link={
                "source": [lk.source for lk in flows.links],
                "target": [lk.target for lk in flows.links],
                "value": [lk.value for lk in flows.links],
                "color": [KNOWN_LINK if lk.known else UNKNOWN_LINK for lk in flows.links],
                "customdata": [[n, t] for n, t in zip(link_names, link_text, strict=True)],
                "hovertemplate": "%{customdata[0]}<br><b>%{customdata[1]}</b><extra></extra>",
            },
        )
    )
    unknown_drawn = sum(1 for lk in flows.links if not lk.known) > 0
    party_count = sum(1 for n in flows.nodes if n.role == "party")
    apply_layout(figure, labels["sankey_title"], height=max(230, 110 + 36 * party_count))
    notes = []
    if flows.hidden_unknown:
        notes.append(labels["sankey_hidden"].format(count=flows.hidden_unknown))
    if unknown_drawn:
        notes.append(labels["sankey_placeholder"])
    figure.update_layout(
        separators=fmt.plotly_separators(lang),
        margin={"l": 10, "r": 10, "t": 50, "b": 40 if notes else 10},
        annotations=[
            {
                "text": note,
                "x": 0,
                "y": -0.02 - 0.06 * i,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 13, "color": "#4b5563"},
            }
            for i, note in enumerate(notes)
        ],
    )
    return figure


def contribution_bars(allocation: pd.DataFrame, labels: Mapping[str, str], lang: str) -> go.Figure:
    """Horizontal bars of each party's scenario contribution (`amount`, Decimal) by `name`, coloured by `kind`,
    with the amount in euros as text on every bar."""
    ordered = allocation.iloc[::-1]
    values = [float(a) for a in ordered["amount"]]
    text = [fmt.money(Decimal(a), lang, cents=True) for a in ordered["amount"]]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=ordered["name"],
            orientation="h",
            marker_color=[KIND_COLOURS[k] for k in ordered["kind"]],
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate=labels["bars_hover"],
            name="",
        )
    )
    apply_layout(figure, labels["bars_title"], height=120 + 26 * len(ordered))
    figure.update_layout(separators=fmt.plotly_separators(lang), showlegend=False, margin={"r": 110})
    figure.update_xaxes(
        title=labels["bars_axis"], tickformat=",.0f", gridcolor="#e5e7eb", zeroline=True, zerolinecolor="#6b7280"
    )
    figure.update_yaxes(title=None)
    return figure
