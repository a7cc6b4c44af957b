"""Benchmark of every dashboard page: warm server rerun, browser render time, cold start, map payload and memory.

(a) Warm rerun: each page through `app.py` in Streamlit's AppTest (the real script runner, no browser), 2 warm-up
    runs, then the median of --runs timed reruns, wall clock ("rerun ms") and CPU time of the process ("cpu ms",
    hardly affected by other load on the machine). A one-line page is timed the same way as AppTest's own floor.
(b) Browser: a real `streamlit run app.py` on a free port and a one-line Streamlit app (written to a temp dir) on
    another, both started and stopped here; headless Chromium (Playwright, /usr/bin/chromium) loads each page's URL
    and the clock runs from navigation until the page has finished ("script ms": until the script has finished and
    its elements have arrived, drawing may still go on; "browser ms": until everything is drawn): script state
    notRunning, no stSkeleton, every Plotly chart has its .main-svg, every Plotly map's MapLibre map reports
    loaded(), every graphviz chart has its svg. One warm-up load per page, then the median of --browser-runs loads,
    interleaved with the one-line page so both see the same machine load; the ratio page / one-line page is printed.
    "switch ms": the same page reached
    inside a session by clicking its sidebar link (no reload: Streamlit's JavaScript, plotly.js and the websocket
    are already there), from click until settled; its floor is switching between two one-line pages.
(c) Cold start: the dashboard's server process is started fresh (Python bytecode already compiled), timed until
    /_stcore/health answers and from then until the first page has finished in the browser: once for a returning
    browser (it loaded the dashboard from an earlier server on the same address, so Streamlit's JavaScript is in its
    cache, as after a restart) and once for a first visit (nothing cached). Map payload: the websocket frames
    the server sends while a page loads are captured in the browser and decoded as Streamlit ForwardMsg protobufs;
    the Plotly figure specs in them are parsed and the bytes of the boundaries (a trace's `geojson`, or the outline
    map's SVG paths) counted, next
    to the whole figure spec and the total websocket bytes of the page (Streamlit does not compress its websocket,
    so these are the bytes on the wire). Memory: VmRSS of the server process from /proc/<pid>/status after every
    page was visited (psutil is not installed).

Pages are read from the `st.Page("app_pages/...", ...)` entries of app.py, so new pages are measured automatically.
Targets (issue 17): warm rerun <= 50 ms CPU (median), browser <= 2.5x the one-line page on a full load and <= 3x its
floor on an in-session page switch, first page <= 3 s after the health check, map payload <= 150 KB, server memory
<= 250 MB.

Every page is measured with the same municipality chosen in the sidebar (--gemeente, default GM0153 Enschede), so
that pages with a municipality view render it in full; --gemeente '' measures the all-of-Twente view.

Usage: .venv/bin/python scripts/benchmark_pages.py [--runs 7] [--browser-runs 5] [--gemeente GM0153]
       [--json results.json] [--pages doelen,bronnen] [--skip-apptest] [--skip-browser]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.pagebench.report import PageResult, add_browser, add_reruns, print_report
from scripts.pagebench.reruns import measure_reruns
from scripts.pagebench.server import BOUNDARIES, page_entries
from scripts.pagebench.visits import measure_browser


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed AppTest reruns per page (after 2 warm-up runs)")
    parser.add_argument("--browser-runs", type=int, default=5, help="timed browser loads per page")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument(
        "--gemeente",
        default="GM0153",
        help="municipality chosen in the sidebar on every page (default Enschede; '' for none)",
    )
    parser.add_argument(
        "--pages", default="", help="only these pages, by file name without .py, comma-separated (default: all)"
    )
    parser.add_argument("--skip-apptest", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    args = parser.parse_args(argv)

    entries = page_entries()
    if args.pages:
        wanted = {name.strip() for name in args.pages.split(",")}
        entries = [entry for entry in entries if Path(entry[0]).stem in wanted]
        if not entries:
            parser.error(f"no page named {args.pages!r} in app.py")
    pages = [PageResult(script, url_path) for script, url_path in entries]
    summary: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} cores, {platform.python_version()}",
        "boundaries": "development file" if BOUNDARIES.exists() else "none (tile-map fallback)",
        "gemeente": args.gemeente or None,
        "load_average_before": [round(x, 1) for x in os.getloadavg()],
    }
    if not args.skip_apptest:
        reruns, floor = measure_reruns(entries, args.runs, {"gemeente": args.gemeente} if args.gemeente else {})
        add_reruns(summary, pages, reruns, floor)
    if not args.skip_browser:
        browser = measure_browser(entries, args.browser_runs, f"?gemeente={args.gemeente}" if args.gemeente else "")
        add_browser(summary, pages, browser)

    summary["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    misses = print_report(summary, pages)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"summary": summary, "pages": [asdict(p) for p in pages], "misses": misses},
                indent=2,
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
