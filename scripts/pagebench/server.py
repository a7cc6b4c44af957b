"""The dashboard (or any Streamlit script) served on a free port for a measurement: its pages from app.py, the
environment it runs in (offline, development boundaries, a private cache), its memory."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent.parent
APP = ROOT / "app.py"
# The development boundaries next to the repository (as in the Makefile), never copied; ROS_TEST_BOUNDARIES overrides.
BOUNDARIES = Path(os.environ.get("ROS_TEST_BOUNDARIES") or ROOT.parent / "shared" / "geo" / "twente_gemeenten.geojson")


def page_entries(app: Path = APP) -> list[tuple[str, str]]:
    """(script path, url path) of every `st.Page("app_pages/...")` in app.py; the default page's url path is ''."""
    text = app.read_text(encoding="utf-8")
    entries = []
    for match in re.finditer(r"st\.Page\(\s*\"(app_pages/[^\"]+\.py)\"(.*?)\)\s*,?\s*(?=st\.Page|\])", text, re.DOTALL):
        script, args = match.group(1), match.group(2)
        url = re.search(r"url_path=\"([^\"]*)\"", args)
        url_path = url.group(1) if url else Path(script).stem
        entries.append((script, "" if re.search(r"default=True", args) else url_path))
    return entries


def server_env() -> dict[str, str]:
    """The environment for the app: offline, with the development boundaries when they exist, a private cache."""
    env = dict(os.environ, ROS_OFFLINE="1", ROS_CACHE_DIR=tempfile.mkdtemp(prefix="ros-bench-cache-"))
    if BOUNDARIES.exists():
        env["ROS_BOUNDARIES_FILE"] = str(BOUNDARIES)
    return env


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS from /proc/<pid>/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


class Server:
    """A `streamlit run <script>` on a free port, started in __enter__ and stopped in __exit__."""

    def __init__(self, script: Path, env: dict[str, str], cwd: Path, port: int | None = None) -> None:
        self.script, self.env, self.cwd = script, env, cwd
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(tempfile.gettempdir()) / f"ros-bench-{self.port}.log"
        self.started = 0.0
        self.healthy_after_s = 0.0

    def __enter__(self) -> Self:
        import urllib.request

        self.started = time.perf_counter()
        # No file watcher: on this shared machine colleagues edit ros/*.py while we measure, and Streamlit's watcher
        # would then drop those modules from sys.modules in the middle of a run (KeyError: 'ros.data.catalog').
        # The dashboard starts as it is deployed (`ros.ui.launch`: warm before the health check); other apps plainly.
        command = ["ros.ui.launch"] if self.script == APP else ["streamlit", "run", str(self.script)]
        with self.log_path.open("w") as log:  # the server keeps its own copy of the handle
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    *command,
                    "--server.address",
                    "127.0.0.1",
                    "--server.port",
                    str(self.port),
                    "--server.headless",
                    "true",
                    "--browser.gatherUsageStats",
                    "false",
                    "--server.fileWatcherType",
                    "none",
                ],
                cwd=self.cwd,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        self.healthy_after_s = time.perf_counter() - self.started
                        return self
            except OSError:
                time.sleep(0.05)
        self.__exit__(None, None, None)
        raise RuntimeError(f"{self.script} did not become healthy within 90 s (log: {self.log_path})")

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def tracebacks(self) -> list[str]:
        """The last line of every traceback in the server log (errors in the app's scripts)."""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        found, inside = [], False
        for line in lines:
            if line.startswith("Traceback"):
                inside = True
            elif inside and line and not line.startswith((" ", "\t")):
                found.append(line.strip())
                inside = False
        return found

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid
