"""Start-up warming: once per server process, fill the shared caches in a background thread, then freeze the heap.

The first session's first run starts it (`app.py` calls `warm_up` after the page ran), so the first page is not
slowed down and every later page finds its data, its default figures and the heavy libraries already loaded.

Afterwards everything alive is moved out of the garbage collector's view (`gc.freeze`): with pandas, plotly, pyproj
and the snapshot loaded a full collection walks ~160,000 objects, 80–170 ms on this machine with the GIL held, so
every other session waits. Streamlit forced one after every script run (`runner.postScriptGC`, now off in
.streamlit/config.toml); Python's own generational collector still makes full passes now and then, and after the
freeze those walk only what was made since.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from functools import partial

from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from ros.base.config import LANGUAGES
from ros.data.geo import settings
from ros.model import milestones as ms
from ros.model.targets import TargetSettings
from ros.ui.data import Data, _cached_boundaries, data_dir
from ros.ui.figures import budget_flows, milestones_chart
from ros.ui.targets_view import cached_view

_LOG = logging.getLogger(__name__)
_lock = threading.Lock()
_started = threading.Event()


def warm_steps() -> list[tuple[str, Callable[[], object]]]:
    """The shared caches to fill, named: the data, the boundaries, and each language's default figures."""
    data = Data(data_dir())
    geo = settings()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("snapshot", lambda: data.snapshot),
        ("targets arrays", lambda: data.region),
        ("boundaries", lambda: _cached_boundaries(2024, geo.file, str(geo.cache_dir), geo.url, geo.offline)),
    ]
    for code in LANGUAGES:
        steps += [
            (f"targets view {code}", partial(cached_view.cached, data, code, TargetSettings())),
            (
                f"milestones chart {code}",
                partial(milestones_chart.cached, data, code, ms.clock_today(), None, "2027"),
            ),
            (f"budget chart {code}", partial(budget_flows.cached, data, code, False)),
        ]
    return steps


def _warm(steps: list[tuple[str, Callable[[], object]]]) -> int:
    """Run the steps (a failed one is logged and skipped), freeze the heap; the number of steps that succeeded."""
    done = 0
    for name, step in steps:
        try:
            step()
            done += 1
        except Exception:  # a page shows its own error; warming must never break the server
            _LOG.warning("warming %s failed; the page will build it on demand", name, exc_info=True)
    gc.collect()
    gc.freeze()
    return done


def warm_now() -> int:
    """Fill the shared caches in this thread, before the server starts (`ros.ui.launch`); the number filled."""
    return _warm(warm_steps())


def warm_up() -> None:
    """Start warming once per server process (not under AppTest, where caches are cleared between tests)."""
    if not Runtime.exists() or config.get_option("global.appTest"):
        return
    with _lock:
        if _started.is_set():
            return
        _started.set()
    thread = threading.Thread(target=_warm, args=(warm_steps(),), name="ros-warm-up", daemon=True)
    ctx = get_script_run_ctx()
    if ctx is not None:  # cached functions look for a script context; without one Streamlit logs a warning
        add_script_run_ctx(thread, ctx)
    thread.start()
