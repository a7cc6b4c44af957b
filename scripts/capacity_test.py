"""Server capacity: how many concurrent sessions one `streamlit run app.py` holds with p95 rerun <= 1 s and 0 errors.

Every simulated user speaks Streamlit's own websocket protocol the way the browser does, but renders nothing, so the
server is what is measured (the browser load test, scripts/load_test.py, runs 20 Chromium tabs on the same cores
and mostly measures them). A session connects to `/_stcore/stream` (subprotocol "streamlit"), sends a `BackMsg`
`rerun_script` with its `ClientState` (query string, page name, widget states, the hashes of the large messages it
already holds), and reads `ForwardMsg`s until `script_finished`. From the `new_element` deltas it learns the
widgets on the page (id, kind, options, current value, the fragment they belong to); after a think time it changes
one of them (a selectbox or radio option, a segmented control, a checkbox, a number input one step) or switches to
another page, and sends the next `rerun_script` with the changed widget state, like a click does. A control inside
an `st.fragment` reruns only that fragment (`fragment_id` in the ClientState), as in the browser.

The sessions ramp up in levels (--levels 5,10,20,...): each level adds sessions (spread over one think time) and
keeps the earlier ones, then measures for --level-seconds. Per level: rerun time (BackMsg sent -> script_finished
received) p50/p95, errors (exception elements, compile errors, reruns that never finish, closed connections),
server CPU (utime+stime from /proc) per rerun and in total, server memory (VmRSS). The ramp stops after the first
level that misses the criterion (that level shows what breaks first) or at --max-seconds. Memory per session is the
slope of VmRSS against open sessions over the levels. The server this script starts listens on 127.0.0.1 only.

With --processes N the sessions go through nginx to N processes on one PostgreSQL (scripts/cluster.py, the
deployment of docs/deployment.md); CPU and memory are then those of all N processes together.

Usage: .venv/bin/python scripts/capacity_test.py [--levels 5,10,20,30,40,60,80] [--level-seconds 20] [--think 3]
       [--max-seconds 300] [--processes N] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ros.base import number_entry
from scripts.cluster import Cluster
from scripts.pagebench.server import APP, ROOT, Server, page_entries, rss_mb, server_env

if TYPE_CHECKING:
    from streamlit.proto.Element_pb2 import Element
    from streamlit.proto.WidgetStates_pb2 import WidgetState

TARGET_P95_MS = 1000.0
CLK_TCK = os.sysconf("SC_CLK_TCK")
# Widgets a user changes with one click or by typing a number; buttons, uploads, editors and other text fields are
# left alone. The planner's numbers are text fields read the Dutch way (ros.base.number_entry), so they are typed as
# text.
CHANGEABLE = ("selectbox", "radio", "button_group", "checkbox", "number_input", "text_input")
PAGE_SWITCH_SHARE = 0.25


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def percentile(values: list[float], q: float) -> float | None:
    """The q-quantile (nearest rank) of `values`, None when there are none."""
    ordered = sorted(values)
    return None if not ordered else ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Widget:
    """A widget as the browser knows it from its element: what it is, its options, its value and its fragment."""

    id: str
    kind: str
    options: list[str] = field(default_factory=list)
    value: Any = None
    step: float = 1.0
    maximum: float | None = None
    is_int: bool = False
    fragment_id: str = ""


def widget_from_element(element: Element, fragment_id: str) -> Widget | None:
    """The changeable widget in a `new_element` delta, or None."""
    kind = element.WhichOneof("type")
    if kind not in CHANGEABLE:
        return None
    proto = getattr(element, kind)
    if getattr(proto, "disabled", False) or getattr(proto, "form_id", ""):
        return None
    widget = Widget(proto.id, kind, fragment_id=fragment_id)
    if kind in ("selectbox", "radio"):
        widget.options = list(proto.options)
        if proto.HasField("raw_value"):
            widget.value = proto.raw_value
        elif proto.HasField("default") and proto.default < len(widget.options):
            widget.value = widget.options[proto.default]
    elif kind == "button_group":
        if proto.click_mode != proto.SINGLE_SELECT:
            return None
        widget.options = [option.content for option in proto.options]
        chosen = list(proto.raw_values) or [widget.options[i] for i in proto.default if i < len(widget.options)]
        widget.value = chosen[0] if chosen else None
    elif kind == "checkbox":
        widget.value = proto.value if proto.set_value else proto.default
    elif kind == "text_input":
        widget.value = proto.value if proto.set_value else proto.default
        try:
            number_entry.parse(widget.value, "nl", whole=False)
        except number_entry.NumberEntryError:
            return None  # not a number field
    else:  # number_input
        widget.is_int = proto.data_type == proto.INT
        widget.value = proto.value if proto.set_value else (proto.default if proto.HasField("default") else None)
        widget.step = proto.step or 1
        widget.maximum = proto.max if proto.has_max else None
        if widget.value is None:
            return None
    if kind in ("selectbox", "radio", "button_group") and len(widget.options) < 2:
        return None
    return widget


def typed_number(text: str, rng: random.Random) -> str:
    """A Dutch-written number near `text` as a planner would type it: a whole number moved by about 1 %, a decimal
    one by 0,1, up or down (a positive value never down through zero)."""
    whole = "," not in text
    current = number_entry.parse(text, "nl", whole=whole) or 0
    step = max(1, round(abs(current) / 100)) if whole else 0.1
    down = rng.random() < 0.5 and (current - step > 0 or current < 0)
    value = current - step if down else current + step
    return number_entry.text(round(value, 1) if not whole else value, "nl", whole=whole)


def changed_state(widget: Widget, rng: random.Random) -> tuple[WidgetState, Any]:
    """A WidgetState proto with a new value for `widget` (a different option, the other check, one step up or
    down), and that value."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget.id)
    value: Any
    if widget.kind in ("selectbox", "radio", "button_group"):
        value = rng.choice([o for o in widget.options if o != widget.value] or widget.options)
        if widget.kind == "button_group":
            state.string_array_value.data.append(value)
        else:
            state.string_value = value
    elif widget.kind == "checkbox":
        value = not widget.value
        state.bool_value = value
    elif widget.kind == "text_input":
        value = typed_number(widget.value, rng)
        state.string_value = value
    else:
        up = widget.value + widget.step
        value = up if widget.maximum is None or up <= widget.maximum else widget.value - widget.step
        if widget.is_int:
            value = int(value)
            state.int_value = value
        else:
            state.double_value = float(value)
    return state, value


@dataclass
class Results:
    """What all sessions report, tagged with the level that was running when it happened."""

    level: float = 0  # n while level n opens its sessions, n + 0.5 while it is measured
    reruns: dict[float, list[float]] = field(default_factory=dict)
    opens: dict[float, list[float]] = field(default_factory=dict)
    errors: dict[float, list[str]] = field(default_factory=dict)
    kinds: dict[float, Counter[str]] = field(default_factory=dict)
    timed: dict[float, list[tuple[str, str, float]]] = field(default_factory=dict)  # (action, page, ms)

    def add(self, table: dict[float, list[Any]], item: object) -> None:
        table.setdefault(self.level, []).append(item)


class Session:
    """One simulated browser tab: its websocket, the page it is on, its widgets and the widget states it sent."""

    def __init__(
        self,
        number: int,
        base: str,
        pages: list[tuple[str, str]],
        query: str,
        results: Results,
        think: float,
        timeout: float,
        seed: int,
    ) -> None:
        self.number, self.base, self.query, self.results = number, base, query, results
        self.pages, self.think, self.timeout = pages, think, timeout
        self.rng = random.Random(seed * 1000 + number)
        self.url_path = pages[number % len(pages)][1]
        self.page_hash = ""
        self.page_hashes: dict[str, str] = {}  # url path -> page script hash, from the navigation message
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, object] = {}  # the changed widget of the next rerun (the others keep their value)
        self.cached: set[str] = set()
        self.finished: asyncio.Event = asyncio.Event()
        self.finish_status = None
        self.exceptions: list[str] = []
        self.keep_text = False  # tests read the Markdown the page sent; a load run keeps nothing
        self.texts: list[str] = []
        self.socket: Any = None

    async def run(self, stop: asyncio.Event, delay: float) -> None:
        import websockets
        from websockets.typing import Origin, Subprotocol

        await asyncio.sleep(delay)
        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        try:
            async with websockets.connect(
                url,
                subprotocols=[Subprotocol("streamlit")],
                max_size=None,
                origin=Origin(self.base),
                open_timeout=self.timeout,
            ) as socket:
                self.socket = socket
                reader = asyncio.create_task(self.read())
                try:
                    elapsed = await self.rerun(page_name=self.url_path)
                    if elapsed is not None:
                        self.results.add(self.results.opens, elapsed)
                    while not stop.is_set() and not reader.done():
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(stop.wait(), self.think * self.rng.uniform(0.5, 1.5))
                        if stop.is_set() or reader.done():
                            break
                        await self.act()
                finally:
                    reader.cancel()
        except Exception as error:  # a refused or dropped connection is a result
            self.results.add(self.results.errors, f"session {self.number}: {type(error).__name__}: {error}"[:200])
            return
        if not stop.is_set():
            self.results.add(self.results.errors, f"session {self.number}: connection closed by the server")

    async def act(self) -> None:
        """Switch page now and then, otherwise change one widget of the page; one rerun either way."""
        candidates = list(self.widgets.values())
        if not candidates or self.rng.random() < PAGE_SWITCH_SHARE:
            others = [path for _, path in self.pages if path != self.url_path]
            target = self.rng.choice(others)
            if target not in self.page_hashes:
                return
            self.url_path = target
            self.results.kinds.setdefault(self.results.level, Counter())["page"] += 1
            await self.rerun(page_hash=self.page_hashes[target], timed="page")
            return
        widget = self.rng.choice(candidates)
        state, value = changed_state(widget, self.rng)
        self.states = {widget.id: state}
        widget.value = value
        self.results.kinds.setdefault(self.results.level, Counter())[widget.kind] += 1
        await self.rerun(
            page_hash=self.page_hash,
            fragment_id=widget.fragment_id,
            timed=f"{widget.kind} in fragment" if widget.fragment_id else widget.kind,
        )

    async def rerun(
        self, page_name: str = "", page_hash: str = "", fragment_id: str = "", timed: str = ""
    ) -> float | None:
        """Send a rerun_script BackMsg and wait for script_finished; the milliseconds it took, None on an error."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_name = page_name
        client.page_script_hash = page_hash
        client.fragment_id = fragment_id
        client.widget_states.widgets.extend(self.states.values())
        client.cached_message_hashes.extend(self.cached)
        if not fragment_id:
            self.widgets = {}
        self.states = {}
        self.finished.clear()
        self.exceptions.clear()
        level = self.results.level
        start = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        try:
            await asyncio.wait_for(self.finished.wait(), self.timeout)
        except TimeoutError:
            self.results.add(
                self.results.errors,
                f"session {self.number} /{self.url_path}: no script_finished within {self.timeout:.0f} s",
            )
            return None
        elapsed = (time.perf_counter() - start) * 1000
        if self.exceptions or self.finish_status not in ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"):
            problem = "; ".join(self.exceptions) or self.finish_status
            self.results.add(self.results.errors, f"session {self.number} /{self.url_path}: {problem}"[:200])
            return None
        if timed and self.results.level == level:
            self.results.add(self.results.reruns, elapsed)
            self.results.add(self.results.timed, (timed, f"/{self.url_path}", elapsed))
        return elapsed

    async def read(self) -> None:
        """Decode every ForwardMsg: learn pages and widgets, note exceptions, signal script_finished."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        async for frame in self.socket:
            message = ForwardMsg()
            message.ParseFromString(frame)
            kind = message.WhichOneof("type")
            if message.metadata.cacheable and message.hash:
                self.cached.add(message.hash)
            if kind == "delta":
                delta = message.delta
                if delta.WhichOneof("type") != "new_element":
                    continue
                element = delta.new_element
                if element.WhichOneof("type") == "exception":
                    self.exceptions.append(f"{element.exception.type}: {element.exception.message}")
                    continue
                if self.keep_text and element.WhichOneof("type") == "markdown":
                    self.texts.append(element.markdown.body)
                widget = widget_from_element(element, delta.fragment_id)
                if widget is not None:
                    self.widgets[widget.id] = widget
            elif kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash
                self.page_hashes = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "script_finished":
                self.finish_status = ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)
                if self.finish_status != "FINISHED_EARLY_FOR_RERUN":
                    self.finished.set()
            elif kind == "session_event" and message.session_event.WhichOneof("type") == "script_compilation_exception":
                self.exceptions.append("script compilation error")


def server_cpu_seconds(pids: list[int]) -> float:
    """CPU time of all the server processes, s."""
    return sum(cpu_seconds(pid) for pid in pids)


def server_rss_mb(pids: list[int]) -> float:
    """Resident memory of all the server processes together, MB."""
    return sum(rss_mb(pid) for pid in pids)


async def sample(
    pids: list[int], memory: list[tuple[float, int, float]], sessions: list[Session], stop: asyncio.Event
) -> None:
    """(time, open sessions, VmRSS MB of all server processes) every second until `stop` is set."""
    while not stop.is_set():
        memory.append((time.monotonic(), sum(s.socket is not None for s in sessions), server_rss_mb(pids)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1)


async def ramp(
    base: str,
    pids: list[int],
    levels: list[int],
    level_seconds: float,
    think: float,
    timeout: float,
    max_seconds: float,
    seed: int,
    query: str,
) -> dict[str, Any]:
    """Open sessions level by level (keeping the earlier ones) and measure each level; stop after the first miss."""
    pages = page_entries()
    results = Results()
    stop = asyncio.Event()
    sessions: list[Session] = []
    tasks: list[asyncio.Task[None]] = []
    memory: list[tuple[float, int, float]] = []
    sampler = asyncio.create_task(sample(pids, memory, sessions, stop))
    report = []
    began = time.monotonic()
    for level, target in enumerate(levels, start=1):
        results.level = level
        new = [
            Session(len(sessions) + i, base, pages, query, results, think, timeout, seed)
            for i in range(target - len(sessions))
        ]
        for index, session in enumerate(new):  # arrivals spread over one think time
            tasks.append(asyncio.create_task(session.run(stop, think * index / max(1, len(new)))))
        sessions += new
        await asyncio.sleep(think + 1)  # let the newcomers open their first page
        results.level = level + 0.5  # measuring: opening is over
        cpu_before, client_before, started = server_cpu_seconds(pids), time.process_time(), time.monotonic()
        await asyncio.sleep(level_seconds)
        wall = time.monotonic() - started
        key = level + 0.5
        reruns = results.reruns.get(key, [])
        errors = results.errors.get(level, []) + results.errors.get(key, [])
        server_cpu = server_cpu_seconds(pids) - cpu_before
        rss = [mb for moment, _, mb in memory if moment >= started]
        row: dict[str, Any] = {
            "sessions": target,
            "reruns": len(reruns),
            "reruns_per_s": round(len(reruns) / wall, 2),
            "p50_ms": percentile(reruns, 0.5),
            "p95_ms": percentile(reruns, 0.95),
            "max_ms": max(reruns, default=None),
            "open_p50_ms": percentile(results.opens.get(level, []), 0.5),
            "errors": len(errors),
            "error_samples": errors[:5],
            "server_cpu_share": round(server_cpu / wall, 2),
            "server_cpu_ms_per_rerun": round(1000 * server_cpu / len(reruns), 1) if reruns else None,
            "client_cpu_share": round((time.process_time() - client_before) / wall, 2),
            "rss_mb": round(rss[-1] if rss else server_rss_mb(pids), 1),
            "actions": dict(results.kinds.get(key, Counter())),
            "by_action": _breakdown(results.timed.get(key, []), 0),
            "by_page": _breakdown(results.timed.get(key, []), 1),
            "load_average": round(os.getloadavg()[0], 1),
        }
        report.append(row)
        ok = row["errors"] == 0 and row["p95_ms"] is not None and row["p95_ms"] <= TARGET_P95_MS
        print(
            f"{target:>5} sessions: {row['reruns']:>4} reruns ({row['reruns_per_s']}/s), "
            f"p50 {_ms(row['p50_ms'])} ms, "
            f"p95 {_ms(row['p95_ms'])} ms, max {_ms(row['max_ms'])} ms, errors {row['errors']}, server CPU "
            f"{row['server_cpu_share']:.0%} ({row['server_cpu_ms_per_rerun']} ms/rerun), client CPU "
            f"{row['client_cpu_share']:.0%}, RSS {row['rss_mb']:.0f} MB, load {row['load_average']}"
            + ("" if ok else "  <- misses"),
            flush=True,
        )
        if not ok or time.monotonic() - began > max_seconds:
            break
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await sampler
    return {"levels": report, "memory": memory}


def _breakdown(timed: list[tuple[str, str, float]], index: int) -> dict[str, dict[str, float | None]]:
    """Count, p50 and p95 of the rerun times per action kind (index 0) or per page (index 1)."""
    groups: dict[str, list[float]] = {}
    for row in timed:
        groups.setdefault(row[0] if index == 0 else row[1], []).append(row[2])
    return {
        name: {"count": len(v), "p50_ms": percentile(v, 0.5), "p95_ms": percentile(v, 0.95)}
        for name, v in sorted(groups.items())
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def summarise(levels: list[dict[str, Any]]) -> dict[str, Any]:
    """The largest level that meets the criterion, memory per session (slope of VmRSS over the levels; the empty
    server is left out, because the first session imports pandas and loads the data) and the first miss."""
    passed = [
        row for row in levels if row["errors"] == 0 and row["p95_ms"] is not None and row["p95_ms"] <= TARGET_P95_MS
    ]
    capacity = max((row["sessions"] for row in passed), default=0)
    points = [(row["sessions"], row["rss_mb"]) for row in levels]
    slope = None
    if len(points) >= 2:
        slope = statistics.linear_regression([p[0] for p in points], [p[1] for p in points]).slope
    first_miss = next((row for row in levels if row not in passed), None)
    return {
        "capacity_sessions": capacity,
        "memory_per_session_mb": None if slope is None else round(slope, 2),
        "first_miss": first_miss,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--levels",
        default="5,10,20,30,40,60,80,120",
        help="open sessions per level, ascending (each level keeps the earlier sessions)",
    )
    parser.add_argument("--level-seconds", type=float, default=20, help="measuring time per level")
    parser.add_argument("--think", type=float, default=3, help="mean think time between a user's actions, s")
    parser.add_argument("--timeout", type=float, default=30, help="seconds a rerun may take before it is an error")
    parser.add_argument("--max-seconds", type=float, default=300, help="stop the ramp after this long")
    parser.add_argument("--gemeente", default="GM0153", help="municipality in every session's link ('' for none)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="0: one server, directly; N: N processes behind nginx on one PostgreSQL (scripts/cluster.py)",
    )
    args = parser.parse_args(argv)
    levels = sorted({int(n) for n in args.levels.split(",") if int(n) > 0})
    if not levels or levels[-1] > 500:
        parser.error("--levels: between 1 and 500 sessions")

    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        if args.processes:
            cluster = stack.enter_context(Cluster(args.processes))
            base, servers = cluster.base, cluster.apps
        else:
            server = stack.enter_context(Server(APP, server_env(), ROOT))
            base, servers = server.base, [server]
        assert base.startswith("http://127.0.0.1:")
        pids = [server.pid for server in servers]
        baseline = server_rss_mb(pids)
        print(
            f"ROS Twente capacity test, {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}, {platform.node()} "
            f"{os.cpu_count()} cores, think time {args.think} s, {args.level_seconds:.0f} s per level, load average "
            f"{load_before:.1f}; "
            + (f"{args.processes} processes behind nginx, " if args.processes else "")
            + f"server {baseline:.0f} MB before the first session",
            flush=True,
        )
        measured = asyncio.run(
            ramp(
                base,
                pids,
                levels,
                args.level_seconds,
                args.think,
                args.timeout,
                args.max_seconds,
                args.seed,
                f"gemeente={args.gemeente}" if args.gemeente else "",
            )
        )
        tracebacks = [line for server in servers for line in server.tracebacks()]
    summary = summarise(measured["levels"])
    print(
        f"capacity: {summary['capacity_sessions']} concurrent sessions with p95 rerun <= {TARGET_P95_MS:.0f} ms and "
        f"0 errors; memory per session {summary['memory_per_session_mb']} MB (server {baseline:.0f} MB empty)"
    )
    miss = summary["first_miss"]
    if miss:
        print(
            f"first miss at {miss['sessions']} sessions: p95 {_ms(miss['p95_ms'])} ms, {miss['errors']} errors, "
            f"server CPU {miss['server_cpu_share']:.0%} of one core"
            + (f"; e.g. {miss['error_samples'][0]}" if miss["error_samples"] else "")
        )
    if tracebacks:
        print(f"server log tracebacks: {len(tracebacks)}, e.g. {tracebacks[0]}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "summary": summary,
                    "levels": measured["levels"],
                    "baseline_mb": baseline,
                    "tracebacks": tracebacks,
                    "memory": measured["memory"],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
