"""The deployed start (`python -m ros.ui.launch`): the caches are warm before the server answers its health check,
and Streamlit's own options pass through."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from ros.ui import warmup
from tests.support.server import start_app


def test_the_health_check_answers_only_once_the_caches_are_warm(tmp_path: Path) -> None:
    server = start_app(tmp_path, {"ROS_OFFLINE": "1"})
    base = next(server)
    try:
        log = next(tmp_path.glob("streamlit-*.log")).read_text(encoding="utf-8")
        warm = re.search(r"ROS Twente: (\d+) caches warm in \d+\.\d s", log)
        assert warm is not None, log
        assert int(warm.group(1)) == len(warmup.warm_steps()) == 9  # data, targets, boundaries; 3 per language
        assert log.index(warm.group(0)) < log.index("You can now view your Streamlit app")
        assert "missing ScriptRunContext" not in log
        assert requests.get(f"{base}/_stcore/health", timeout=5).text == "ok"  # on the port given as an option
    finally:
        server.close()
