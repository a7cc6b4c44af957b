"""Who draws up the ROS and how it is steered, as the college decision describes it.

Seventeen parties (Rijk, Provincie Overijssel, Waterschap Vechtstromen and the 14 municipalities) draw up and
pay for the strategy; the BOSS is where administrators align (two administrators for the 14 municipalities,
delegation to the Rijk); Hengelo collects the money and pays the expenses; three products follow in sequence.
Source: the decision (`besluit_almelo_2025`). `governance_dot` draws it as Graphviz DOT text.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

PRODUCTS = ("ros", "uitvoeringsagenda", "investeringsagenda")
KIND_ORDER = ("rijk", "provincie", "waterschap", "gemeente")
NEWLINE = "\\n"  # a line break inside a DOT label
NAMES_PER_LINE = 4


def parties_by_kind(parties: pd.DataFrame) -> dict[str, list[str]]:
    """Party names grouped by kind, in the order Rijk, provincie, waterschap, gemeenten (names sorted)."""
    return {
        kind: sorted(parties.loc[parties["kind"] == kind, "name"])
        for kind in KIND_ORDER
        if (parties["kind"] == kind).any()
    }


def _quote(*lines: str) -> str:
    """A quoted DOT label; each argument (and each line break in one) on its own line."""
    parts = (part for line in lines for part in line.split("\n"))
    escaped = (part.replace("\\", "\\\\").replace('"', '\\"') for part in parts)
    return '"' + NEWLINE.join(escaped) + '"'


def governance_dot(parties: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """Graphviz DOT, top to bottom: the paying parties, then BOSS and the cashier, then the three products in a row.

    `labels` holds the translated texts for boss, cashier, municipalities, ros, uitvoeringsagenda,
    investeringsagenda, contributes, delegates, aligns, pays and then."""
    groups = parties_by_kind(parties)
    lines = [
        "digraph ros {",
        '  rankdir=TB; bgcolor="transparent"; nodesep=0.4; ranksep=0.5;',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", color="#154273", fontname="Helvetica",'
        " fontsize=11];",
        '  edge [color="#4b5563", fontname="Helvetica", fontsize=9];',
    ]
    for kind in ("rijk", "provincie", "waterschap"):
        for name in groups.get(kind, []):
            lines.append(f"  {kind} [label={_quote(name)}];")
    count = len(groups.get("gemeente", []))
    heading = labels["municipalities"].format(count=count)
    names = groups.get("gemeente", [])
    rows = [", ".join(names[i : i + NAMES_PER_LINE]) for i in range(0, len(names), NAMES_PER_LINE)]
    lines.append(f"  gemeenten [label={_quote(heading, *rows)}];")
    lines.append(f'  boss [label={_quote(labels["boss"])}, fillcolor="#154273", fontcolor="white"];')
    lines.append(f'  hengelo [label={_quote(labels["cashier"])}, fillcolor="#fff4d6", color="#8a5a00"];')
    for product in PRODUCTS:
        lines.append(f"  {product} [label={_quote(labels[product])}];")
    payers = [k for k in ("rijk", "provincie", "waterschap") if k in groups] + ["gemeenten"]
    lines.append(f"  {{ rank=same; {'; '.join(payers)}; }}")
    lines.append(f"  {{ rank=same; {'; '.join(PRODUCTS)}; }}")
    lines.append(f"  ros -> uitvoeringsagenda -> investeringsagenda [label={_quote(labels['then'])}];")
    # Hengelo collects from the municipalities, the water board and the province (the decision, 4.2); how the
    # Rijk's contribution reaches the ROS is not stated, so its arrow goes to the ROS, dashed, not via Hengelo.
    for payer in payers:
        if payer == "rijk":
            lines.append(f"  rijk -> ros [label={_quote(labels['contributes_unknown_route'])}, style=dashed];")
        else:
            lines.append(f"  {payer} -> hengelo [label={_quote(labels['contributes'])}];")
    lines.append(f"  gemeenten -> boss [label={_quote(labels['aligns'])}];")
    if "rijk" in groups:
        lines.append(f"  boss -> rijk [label={_quote(labels['delegates'])}, style=dashed, constraint=false];")
    lines.append(f"  hengelo -> ros [label={_quote(labels['pays'])}];")
    lines.append("}")
    return "\n".join(lines)
