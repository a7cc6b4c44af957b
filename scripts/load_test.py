"""Load test: N concurrent browser sessions against one `streamlit run app.py`, with a session-isolation check.

One headless Chromium (Playwright async, /usr/bin/chromium) opens N separate browser contexts, i.e. N independent
Streamlit sessions, against a server this script starts on a free port and stops at the end. For D seconds every
session repeats random actions: switch page (sidebar navigation), switch language (NL/EN radio), switch municipality
(between its own two), or change one control of the current page when it has one (segmented control, radio,
checkbox, selectbox, number input: the first one found). After each action the clock runs until the page has settled:
a rerun has finished (the server's script_finished message, read from the session's websocket frames, so even a
rerun too quick to show in the DOM is seen),
no skeleton is left and every chart and map is drawn (the page benchmark's test, scripts/pagebench/browser.py).

Errors counted: Streamlit exception boxes, browser console errors from our code (Streamlit's own blocked calls to
the internet are left out, as in tests/browser/test_browser_pages.py) and actions that did not settle within --timeout.
Isolation: each session knows the language and municipality it chose last; after every rerun the sidebar and the URL
must show exactly those. A different value is an isolation failure, and is called a leak when it is the value another
session has chosen. Server memory is VmRSS of the server process, sampled every second.

Usage: .venv/bin/python scripts/load_test.py [--sessions 20] [--duration 60] [--json results.json]
       (validate quickly with --sessions 4 --duration 15)
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
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.pagebench.browser import BROWSER_ARGS, CHROMIUM, READY_JS, RunCounter
from scripts.pagebench.server import APP, ROOT, Server, rss_mb, server_env

if TYPE_CHECKING:
    from playwright.async_api import Page

# Streamlit's own calls to the internet fail on a closed network, and a deep link first probes <page>/_stcore/.
EXTERNAL = ("ERR_NAME_NOT_RESOLVED", "metrics config", "Failed to fetch", "/_stcore/")
LANGUAGE_LABELS = {"nl": "Nederlands", "en": "English"}
CONTROL_KINDS = ("stButtonGroup", "stRadio", "stCheckbox", "stSelectbox", "stNumberInput")


@dataclass
class Shared:
    """What all sessions share: the municipalities, every session's current choice and the results."""

    names: dict[str, str]
    timeout_ms: float
    no_rerun_ms: float
    choices: dict[int, tuple[str, str]] = field(default_factory=dict)  # session -> (lang, municipality code)
    settle_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    isolation: list[str] = field(default_factory=list)
    actions: Counter[str] = field(default_factory=Counter)
    ineffective: Counter[str] = field(default_factory=Counter)


class Session:
    """One browser context = one Streamlit session, with the state it has chosen itself."""

    def __init__(self, number: int, tab: Page, base: str, shared: Shared, codes: list[str]) -> None:
        self.number, self.tab, self.base, self.shared = number, tab, base, shared
        self.own = (codes[number % len(codes)], codes[(number + len(codes) // 2) % len(codes)])
        self.lang = "nl" if (number // len(codes)) % 2 == 0 else "en"
        self.code = self.own[0]
        self.console: list[str] = []
        self.counter = RunCounter(tab)
        tab.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: self.console.append(str(e)))

    def record_choice(self) -> None:
        self.shared.choices[self.number] = (self.lang, self.code)

    async def wait_runs(self, condition: Callable[[], bool], timeout_ms: float) -> bool:
        """Wait until `condition()` holds for the run counter; False after `timeout_ms`."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not condition():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.01)
        return True

    async def act(
        self, name: str, action: Callable[[], Awaitable[object]], undo: Callable[[], None] | None = None
    ) -> None:
        """Run `action`, wait until the page has settled after the rerun, then check errors and isolation.

        When the action started no rerun within --no-rerun seconds (the click did not change anything), it is
        counted as ineffective, `undo` restores the session's own record of its choice, and nothing is timed.
        """
        counter = self.counter
        started, finished = counter.started, counter.finished
        start = time.perf_counter()
        try:
            await action()
            if not await self.wait_runs(
                lambda: counter.started > started or counter.finished > finished, self.shared.no_rerun_ms
            ):
                self.shared.ineffective[name] += 1
                if undo:
                    undo()
                return
            if not await self.wait_runs(lambda: counter.finished > finished, self.shared.timeout_ms):
                raise TimeoutError(f"the rerun did not finish within {self.shared.timeout_ms / 1000:.0f} s")
            await self.tab.wait_for_function(READY_JS, timeout=self.shared.timeout_ms, polling=50)
            self.shared.settle_ms[name].append((time.perf_counter() - start) * 1000)
            self.shared.actions[name] += 1
            await self.check(name)
        except Exception as error:  # a timeout or a vanished element is a result, not a crash
            self.shared.errors.append(f"session {self.number} {name}: {type(error).__name__}: {str(error)[:160]}")

    async def check(self, after: str) -> None:
        """Exception boxes, console errors from our code, and whether the sidebar and URL show our own choice."""
        if await self.tab.locator("[data-testid=stException]").count():
            text = await self.tab.locator("[data-testid=stException]").first.inner_text()
            self.shared.errors.append(f"session {self.number} after {after}: exception box: {text[:200]}")
        ours = [m for m in self.console if not any(marker in m for marker in EXTERNAL)]
        self.shared.errors += [f"session {self.number} after {after}: console: {m[:200]}" for m in ours]
        self.console.clear()
        seen = await self.tab.evaluate(
            """() => { const side = document.querySelector('[data-testid=stSidebar]');
                       const checked = side && side.querySelector('[data-testid=stRadio] label:has(input:checked)');
                       const box = side && side.querySelector('[data-testid=stSelectbox] input');
                       const params = new URL(location.href).searchParams;
                       return {language: checked ? checked.innerText.trim() : null,
                               municipality: box ? box.value : null,
                               url_lang: params.get('lang'), url_gemeente: params.get('gemeente')}; }"""
        )
        expected = {
            "language": LANGUAGE_LABELS[self.lang],
            "municipality": self.shared.names[self.code],
            "url_lang": None if self.lang == "nl" else self.lang,
            "url_gemeente": self.code,
        }
        others: set[object] = set()
        for number, (lang, code) in self.shared.choices.items():
            if number != self.number:
                others |= {LANGUAGE_LABELS[lang], lang, self.shared.names[code], code}
        for key, want in expected.items():
            if seen[key] != want:
                kind = "LEAK" if seen[key] in others else "mismatch"
                self.shared.isolation.append(
                    f"session {self.number} after {after}: {kind} {key} = {seen[key]!r}, expected {want!r}"
                )

    # ------------------------------------------------------------------------------------------------ actions
    async def start(self) -> None:
        self.record_choice()
        query = f"?gemeente={self.code}" + ("&lang=en" if self.lang == "en" else "")
        # All sessions open at once on a cold server (imports, first loads): allow twice the usual time.
        timeout_ms = 2 * self.shared.timeout_ms
        start = time.perf_counter()
        await self.tab.goto(f"{self.base}/{query}", wait_until="commit", timeout=timeout_ms)
        if not await self.wait_runs(lambda: self.counter.finished > 0, timeout_ms):
            raise TimeoutError(f"the first run did not finish within {timeout_ms / 1000:.0f} s")
        await self.tab.wait_for_function(READY_JS, timeout=timeout_ms, polling=50)
        self.shared.settle_ms["open"].append((time.perf_counter() - start) * 1000)
        self.shared.actions["open"] += 1
        await self.check("open")

    async def switch_page(self) -> None:
        links = self.tab.locator("[data-testid=stSidebarNav] a")
        hrefs = await links.evaluate_all("links => links.map(a => a.href.split('?')[0])")
        here = self.tab.url.split("?")[0]
        choices = [i for i, href in enumerate(hrefs) if href != here] or list(range(len(hrefs)))
        await self.act("page", lambda: links.nth(random.choice(choices)).click())

    def undo_to(self, lang: str, code: str) -> Callable[[], None]:
        """A function that restores this session's record of its choice (for an action that changed nothing)."""

        def undo() -> None:
            self.lang, self.code = lang, code
            self.record_choice()

        return undo

    async def switch_language(self) -> None:
        undo = self.undo_to(self.lang, self.code)
        self.lang = "en" if self.lang == "nl" else "nl"
        self.record_choice()
        label = LANGUAGE_LABELS[self.lang]
        await self.act(
            "language",
            lambda: self.tab.locator("[data-testid=stSidebar] [role=radiogroup] label").filter(has_text=label).click(),
            undo,
        )

    async def switch_municipality(self) -> None:
        undo = self.undo_to(self.lang, self.code)
        self.code = self.own[1] if self.code == self.own[0] else self.own[0]
        self.record_choice()
        name = self.shared.names[self.code]

        async def choose() -> None:
            box = self.tab.locator("[data-testid=stSidebar] [data-testid=stSelectbox] input")
            await box.click()
            await box.fill(name)
            await self.tab.get_by_role("option", name=name, exact=True).click()

        await self.act("municipality", choose, undo)

    async def change_control(self) -> bool:
        """Change the first control of the page's main area that we know how to change; False if there is none."""
        main = self.tab.locator("[data-testid=stMain]")
        for kind in CONTROL_KINDS:
            # Widgets keyed "...gemeente..." (Streamlit puts `st-key-<key>` on their container) set the sidebar's
            # municipality, i.e. the session's own choice, so they are left to switch_municipality.
            widget = (
                main.locator(
                    f"[data-testid=stElementContainer]:not([class*=gemeente]) > [data-testid={kind}]"
                    ":not(:has([disabled]))"
                )
                .filter(visible=True)
                .first
            )
            if not await widget.count():
                continue
            if kind == "stButtonGroup":
                target = widget.locator("button:not([aria-checked=true]):not([aria-pressed=true])").first
                action = target.click
            elif kind == "stRadio":
                action = widget.locator("[role=radiogroup] label:not(:has(input:checked))").first.click
            elif kind == "stCheckbox":
                action = widget.locator("label").first.click
            elif kind == "stSelectbox":
                await widget.locator("input").click()
                options = self.tab.locator("[role=option]:not([aria-selected=true])")
                count = await options.count()
                if not count:  # nothing else to choose (e.g. a picker with one entry): try the next kind
                    await self.tab.keyboard.press("Escape")
                    continue
                action = options.nth(random.randrange(count)).click
            else:
                action = widget.locator("[data-testid=stNumberInputStepUp]").click
            await self.act(f"control:{kind}", action)
            return True
        return False

    async def run(self, until: float) -> None:
        while time.monotonic() < until:
            roll = random.random()
            if roll < 0.35:
                await self.switch_page()
            elif roll < 0.55:
                await self.switch_language()
            elif roll < 0.75:
                await self.switch_municipality()
            elif not await self.change_control():
                await self.switch_page()


async def sample_memory(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    """VmRSS of the server every second until `stop` is set."""
    while not stop.is_set():
        samples.append(rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1)


async def run_load(sessions: int, duration: float, timeout_ms: float, no_rerun_ms: float, seed: int) -> dict[str, Any]:
    """Start the server and N sessions, run them for `duration` seconds, and return the figures."""
    from playwright.async_api import async_playwright

    from ros.data.snapshot import load_snapshot
    from ros.model.region import municipality_names

    random.seed(seed)
    load_before = [round(x, 1) for x in os.getloadavg()]
    names = municipality_names(load_snapshot())
    shared = Shared(names=names, timeout_ms=timeout_ms, no_rerun_ms=no_rerun_ms)
    memory: list[float] = []
    with Server(APP, server_env(), ROOT) as server:
        rss_before = rss_mb(server.pid)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            contexts, runners = [], []
            for number in range(sessions):
                context = await browser.new_context(viewport={"width": 1400, "height": 1000})
                contexts.append(context)
                runners.append(Session(number, await context.new_page(), server.base, shared, list(names)))
            stop = asyncio.Event()
            sampler = asyncio.create_task(sample_memory(server.pid, memory, stop))
            opened = await asyncio.gather(*(r.start() for r in runners), return_exceptions=True)
            started = time.monotonic()
            live = [r for r, outcome in zip(runners, opened, strict=True) if not isinstance(outcome, BaseException)]
            outcomes = await asyncio.gather(*(r.run(started + duration) for r in live), return_exceptions=True)
            wall = time.monotonic() - started
            stop.set()
            await sampler
            for number, outcome in enumerate([*opened, *outcomes]):
                if isinstance(outcome, BaseException):
                    session = number if number < sessions else live[number - sessions].number
                    shared.errors.append(f"session {session} stopped: {type(outcome).__name__}: {str(outcome)[:200]}")
            for context in contexts:
                await context.close()
            await browser.close()
        rss_end = rss_mb(server.pid)
        shared.errors += [f"server log: {line}" for line in server.tracebacks()]

    # The overall percentiles are over the actions; opening (the first run of every session, on a cold server) is
    # listed separately in the table.
    every = sorted(ms for name, samples in shared.settle_ms.items() if name != "open" for ms in samples)

    def pct(values: list[float], q: float) -> float | None:
        return None if not values else values[min(len(values) - 1, round(q * (len(values) - 1)))]

    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} cores",
        "load_average_before": load_before,
        "load_average_after": [round(x, 1) for x in os.getloadavg()],
        "sessions": sessions,
        "duration_s": duration,
        "wall_s": round(wall, 1),
        "actions": sum(n for name, n in shared.actions.items() if name != "open"),
        "settle_p50_ms": pct(every, 0.5),
        "settle_p95_ms": pct(every, 0.95),
        "per_action": {
            name: {"count": len(v), "p50_ms": pct(sorted(v), 0.5), "p95_ms": pct(sorted(v), 0.95)}
            for name, v in sorted(shared.settle_ms.items())
        },
        "errors": shared.errors,
        "isolation_failures": shared.isolation,
        "ineffective_actions": dict(shared.ineffective),
        "rss_before_mb": round(rss_before, 1),
        "rss_peak_mb": round(max(memory, default=rss_end), 1),
        "rss_end_mb": round(rss_end, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60, help="seconds of actions after each session opened")
    parser.add_argument("--timeout", type=float, default=90, help="seconds an action may take to settle")
    parser.add_argument(
        "--no-rerun",
        type=float,
        default=20,
        help="seconds after which an action that started no rerun counts as ineffective",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    args = parser.parse_args(argv)

    result = asyncio.run(run_load(args.sessions, args.duration, args.timeout * 1000, args.no_rerun * 1000, args.seed))

    def fmt(v: float | None) -> str:
        return "-" if v is None else f"{v:,.0f}"

    print(
        f"\nROS Twente load test, {result['date']}, {result['machine']}: {result['sessions']} sessions, "
        f"{result['duration_s']:.0f} s of actions ({result['wall_s']:.0f} s wall), load average "
        f"{result['load_average_before'][0]} before, {result['load_average_after'][0]} after"
    )
    print(
        f"actions settled (after opening): {result['actions']}; time to settle p50 {fmt(result['settle_p50_ms'])} ms, "
        f"p95 {fmt(result['settle_p95_ms'])} ms"
    )
    print(f"{'action':<24}{'count':>7}{'p50 ms':>10}{'p95 ms':>10}")
    for name, row in result["per_action"].items():
        print(f"{name:<24}{row['count']:>7}{fmt(row['p50_ms']):>10}{fmt(row['p95_ms']):>10}")
    print(
        f"server memory (VmRSS): {result['rss_before_mb']:.0f} MB before, peak {result['rss_peak_mb']:.0f} MB, "
        f"{result['rss_end_mb']:.0f} MB at the end"
    )
    print(f"errors: {len(result['errors'])}")
    for line in result["errors"][:30]:
        print(f"  {line}")
    print(f"ineffective actions (no rerun started): {result['ineffective_actions'] or 'none'}")
    print(f"isolation failures: {len(result['isolation_failures'])}")
    for line in result["isolation_failures"][:30]:
        print(f"  {line}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"results written to {args.json}")
    return 1 if result["errors"] or result["isolation_failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
