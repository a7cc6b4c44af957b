"""(a) Warm reruns: each page through app.py in Streamlit's AppTest (no browser), wall clock and CPU time, against
a one-line page (AppTest's own floor)."""

from __future__ import annotations

import os
import time

from scripts.pagebench.server import APP, server_env

ONE_LINE_APP = 'import streamlit as st\n\nst.write("Hallo Twente")\n'


def measure_reruns(
    entries: list[tuple[str, str]], runs: int, query: dict[str, str], warmup: int = 2
) -> tuple[dict[str, tuple[list[float], list[float]]], list[float]]:
    """Warm rerun times per page through app.py in AppTest, and those of a one-line page (the AppTest floor).

    Per page: wall-clock ms and CPU ms of this process (the script runs in one of its threads and nothing else
    runs here, so CPU time is the rerun's own work, which other users of a busy machine hardly change).
    """
    os.environ.update({k: v for k, v in server_env().items() if k.startswith("ROS_")})
    from streamlit import logger
    from streamlit.testing.v1 import AppTest

    logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" warnings are noise here

    def timed_runs(at: AppTest) -> tuple[list[float], list[float]]:
        for _ in range(warmup):
            at.run()
        wall, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            at.run()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        if at.exception:
            raise RuntimeError(f"the page raised: {at.exception[0].message}")
        return wall, cpu

    results = {}
    for script, _ in entries:
        at = AppTest.from_file(str(APP), default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(script)
        results[script] = timed_runs(at)
    floor = timed_runs(AppTest.from_string(ONE_LINE_APP, default_timeout=60))[0]
    return results, floor
