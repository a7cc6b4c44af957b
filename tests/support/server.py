"""The dashboard as it is deployed, on a free loopback port: for the browser tests and the start-up tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Generator
from pathlib import Path

import pytest
import requests

from ros.base.config import ROOT


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(
    tmp: Path, env: dict[str, str], *args: str, host: str = "127.0.0.1", port: int | None = None
) -> Generator[str, None, None]:
    """The dashboard as it is deployed (`python -m ros.ui.launch`, i.e. `streamlit run app.py` started warm) on
    `port` (a free one by default) with extra settings; yields its base URL once /_stcore/health answers, stops it
    after."""
    port = port or free_port()
    with (tmp / f"streamlit-{port}.log").open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "ros.ui.launch", "--server.port", str(port), "--server.headless", "true", *args],
            cwd=ROOT,
            env=dict(os.environ, ROS_CACHE_DIR=str(tmp / f"cache-{port}"), **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{host}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/_stcore/health", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"streamlit run did not become healthy: {(tmp / f'streamlit-{port}.log').read_text()[-2000:]}")
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
