"""A page with many saved scenarios (the Scenario's page, or --page vergelijken): server time and memory (issue 24).

A fresh SQLite database in a temporary folder is filled with --count scenarios through the store (each saved by one
of ten planners with its own settings, every fifth one changed once, so the history holds about 1,2 rows per
scenario), then the page runs through `app.py` in Streamlit's AppTest as a coördinator in lokale modus: the first
run of a session (caches empty) and the median of --runs reruns, wall clock, and the peak of Python memory that one
rerun allocates (tracemalloc); then --sessions more sessions open the page one after another and stay open: the
median time to open and the growth of the process's resident memory. Offline, with the shipped snapshot.

Usage: .venv/bin/python scripts/benchmark_scenarios.py [--count 2500] [--runs 5] [--page scenarios]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ros.records import scenario as sc  # noqa: E402
from ros.records.roles import Identity  # noqa: E402
from ros.records.scenario_store import ScenarioStore  # noqa: E402


def fill(store: ScenarioStore, count: int) -> None:
    """`count` scenarios of ten planners, each with its own settings; every fifth one changed once."""
    planners = [Identity(f"planner{i}@twente.nl", f"Planner {i}", "planner") for i in range(10)]
    for number in range(count):
        actor = planners[number % 10]
        settings = sc.to_json(sc.Scenario(homes_total=60_000 + number))
        saved = store.save(f"Scenario {number:04d}", actor.name, settings, sc.VERSION, actor=actor)
        if number % 5 == 0:
            changed = sc.to_json(sc.Scenario(homes_total=70_000 + number))
            store.update(saved.id, changed, sc.VERSION, saved.revision, actor=actor)


def main() -> None:
    """Fill, then time and measure the page; prints one line per figure."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="scenarios", help="the page file in app_pages/ (vergelijken: Vergelijken)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions opened one after another, all kept")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ros-scenarios-"))
    os.environ.update(ROS_SCENARIO_DB=str(folder / "scenarios.db"), ROS_CACHE_DIR=str(folder), ROS_OFFLINE="1")
    os.environ["ROS_SCENARIO_QUOTA"] = str(args.count)  # each planner keeps a tenth: above the default quota
    os.environ.pop("ROS_SCENARIO_DB_URL", None)
    started = time.perf_counter()
    fill(ScenarioStore(), args.count)
    print(f"filled {args.count} scenarios in {time.perf_counter() - started:.1f} s")

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.switch_page(f"app_pages/{args.page}.py")
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    assert not at.exception, at.exception
    reruns = []
    for _ in range(args.runs):
        started = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - started)
    tracemalloc.start()
    at.run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"first run {first * 1000:.0f} ms")
    print(f"peak Python memory of one rerun {peak / 2**20:.1f} MB")
    print(f"rerun median {statistics.median(reruns) * 1000:.0f} ms over {args.runs}")
    before, sessions, opened = _rss_mb(), [at], []
    for _ in range(args.sessions):
        session = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        session.switch_page(f"app_pages/{args.page}.py")
        started = time.perf_counter()
        session.run()
        opened.append(time.perf_counter() - started)
        sessions.append(session)
    print(
        f"{args.sessions} more sessions: p50 {statistics.median(opened) * 1000:.0f} ms to open, "
        f"server memory +{_rss_mb() - before:.0f} MB (VmRSS)"
    )


def _rss_mb() -> float:
    """The resident memory of this process in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
