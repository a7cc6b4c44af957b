"""Benchmark of the targets recompute and of the Doelen page's rerun.

Times `ros.model.targets.recompute` (allocation + yearly paths 2025–2100 + residents) for the 14 Twente municipalities
and for an invented national case (342 municipalities, `scripts/synthetic_region.py`), plus the results table, and
the page's rerun through Streamlit's AppTest (a widget change on a warm session). Prints a small table.

Usage: .venv/bin/python scripts/benchmark_targets.py [--repeat 200] [--page-runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ros.data.snapshot import load_snapshot  # noqa: E402
from ros.model import targets  # noqa: E402
from scripts.synthetic_region import synthetic_region  # noqa: E402

TARGET_MS = 20.0


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds of `repeat` calls (after one warm-up call)."""
    work()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def page_rerun(runs: int) -> tuple[float, float]:
    """Median and 95th percentile (ms) of a rerun of the Doelen page after a widget change, on a warm session."""
    os.environ.setdefault("ROS_OFFLINE", "1")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("app_pages/doelen.py")
    at.run()
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception[0].value}")
    shapes = ["front", "back", "s_curve", "linear"]
    samples = []
    for index in range(runs):
        at.selectbox(key="vorm").set_value(shapes[index % len(shapes)])
        start = time.perf_counter()
        at.run()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--page-runs", type=int, default=10)
    args = parser.parse_args()

    twente = targets.region_data(load_snapshot())
    national = synthetic_region(342)
    settings = targets.TargetSettings(outlook="continue", shape="s_curve", occupancy_change=-0.005)
    national_settings = targets.TargetSettings(
        homes_total=981_000, residents_total=1_400_000, outlook="continue", shape="s_curve", occupancy_change=-0.005
    )
    rows = [
        ("recompute, Twente (14 × 2025–2100)", *timed(lambda: targets.recompute(twente, settings), args.repeat)),
        ("recompute + table, Twente", *timed(lambda: targets.recompute(twente, settings).table(), args.repeat)),
        (
            "recompute, national (342 × 2025–2100)",
            *timed(lambda: targets.recompute(national, national_settings), args.repeat),
        ),
        (
            "recompute + table, national",
            *timed(lambda: targets.recompute(national, national_settings).table(), args.repeat),
        ),
    ]
    if args.page_runs:
        rows.append(("page rerun via AppTest (Doelen)", *page_rerun(args.page_runs)))
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'median ms':>10}  {'p95 ms':>8}")
    for name, median, p95 in rows:
        print(f"{name:<{width}}  {median:>10.2f}  {p95:>8.2f}")
    national_median = rows[2][1]
    verdict = "meets" if national_median < TARGET_MS else "MISSES"
    print(f"\nnational recompute {national_median:.2f} ms {verdict} the target of < {TARGET_MS:.0f} ms")


if __name__ == "__main__":
    main()
