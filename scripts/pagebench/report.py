"""The benchmark's report: the figures of each page, printed as a table with the cold start and the memory, and the
targets of issue 17 that were missed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

TARGET_RERUN_CPU_MS = 50.0
TARGET_BROWSER_RATIO = 2.5
TARGET_SWITCH_RATIO = 3.0
TARGET_COLD_S = 3.0
TARGET_MAP_BYTES = 150 * 1024
TARGET_RSS_MB = 250.0


@dataclass
class PageResult:
    """The figures of one page."""

    path: str  # app_pages/<file>.py
    url_path: str  # '' for the default page
    rerun_ms: float | None = None
    rerun_samples: list[float] = field(default_factory=list)
    rerun_cpu_ms: float | None = None
    browser_ms: float | None = None
    browser_samples: list[float] = field(default_factory=list)
    browser_script_ms: float | None = None  # until the script finished and its elements arrived
    switch_ms: float | None = None  # reached through the sidebar inside a session, no reload
    switch_ratio: float | None = None
    browser_ratio: float | None = None
    websocket_bytes: int | None = None
    figure_bytes: int | None = None
    geojson_bytes: int | None = None


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _kb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024:,.1f}"


def add_reruns(
    summary: dict[str, Any],
    pages: list[PageResult],
    reruns: dict[str, tuple[list[float], list[float]]],
    floor: list[float],
) -> None:
    """The medians of the warm reruns (`reruns.measure_reruns`) into `pages`, the AppTest floor into `summary`."""
    for page in pages:
        wall, cpu = reruns[page.path]
        page.rerun_samples = [round(s, 1) for s in wall]
        page.rerun_ms = statistics.median(wall)
        page.rerun_cpu_ms = statistics.median(cpu)
    summary["apptest_floor_ms"] = statistics.median(floor)


def add_browser(summary: dict[str, Any], pages: list[PageResult], browser: dict[str, Any]) -> None:
    """Put the browser's medians and ratios (`visits.measure_browser`) into `pages`, its floors, cold starts and
    memory into `summary`."""
    floor_ms = statistics.median(browser["floor_samples"])
    summary |= {
        k: v
        for k, v in browser.items()
        if k not in ("pages", "floor_samples", "switch_samples", "switch_floor_samples")
    }
    summary["browser_floor_ms"] = floor_ms
    summary["switch_floor_ms"] = statistics.median(browser["switch_floor_samples"])
    for page in pages:
        measured = browser["pages"][page.url_path]
        page.browser_samples = [round(s) for s in measured["samples"]]
        page.browser_ms = statistics.median(measured["samples"])
        page.browser_script_ms = statistics.median(measured["script_samples"])
        page.switch_ms = statistics.median(browser["switch_samples"][page.url_path])
        page.switch_ratio = page.switch_ms / summary["switch_floor_ms"]
        page.browser_ratio = page.browser_ms / floor_ms
        page.websocket_bytes, page.figure_bytes, page.geojson_bytes = measured["payload"]


def print_report(summary: dict[str, Any], pages: list[PageResult]) -> list[str]:
    """Print the table of `pages` and the summary's cold start and memory; the targets missed, each in a line."""
    print(
        f"\nROS Twente page benchmark, {summary['date']}, {summary['machine']}, boundaries: {summary['boundaries']}, "
        f"municipality: {summary['gemeente'] or 'none (all of Twente)'}, "
        f"load average {summary['load_average_before'][0]} before, {summary['load_average_after'][0]} after"
    )
    header = (
        f"{'page':<22}{'rerun ms':>10}{'cpu ms':>8}{'script ms':>11}{'browser ms':>12}{'x floor':>9}"
        f"{'switch ms':>11}{'x floor':>9}{'ws KB':>8}{'figures KB':>12}{'map KB':>12}"
    )
    print(header + "\n" + "-" * len(header))
    for page in pages:
        ratio = "-" if page.browser_ratio is None else f"{page.browser_ratio:.2f}"
        switch_ratio = "-" if page.switch_ratio is None else f"{page.switch_ratio:.2f}"
        print(
            f"{page.path.removeprefix('app_pages/'):<22}{_ms(page.rerun_ms):>10}{_ms(page.rerun_cpu_ms):>8}"
            f"{_ms(page.browser_script_ms):>11}"
            f"{_ms(page.browser_ms):>12}{ratio:>9}{_ms(page.switch_ms):>11}{switch_ratio:>9}{_kb(page.websocket_bytes):>8}{_kb(page.figure_bytes):>12}"
            f"{_kb(page.geojson_bytes):>12}"
        )
    if "apptest_floor_ms" in summary or "browser_floor_ms" in summary:
        print(
            f"{'one-line page (floor)':<22}{_ms(summary.get('apptest_floor_ms')):>10}{'':>19}"
            f"{_ms(summary.get('browser_floor_ms')):>12}{'1.00' if 'browser_floor_ms' in summary else '-':>9}"
            f"{_ms(summary.get('switch_floor_ms')):>11}{'1.00' if 'switch_floor_ms' in summary else '-':>9}"
        )
    if "cold_health_s" in summary:
        print(
            f"\ncold start, first visit: health ok after {summary['cold_health_s']:.1f} s, first page rendered "
            f"{summary['cold_first_page_s'] - summary['cold_health_s']:.1f} s after that"
        )
        print(
            f"cold start, returning browser: health ok after {summary['cold_returning_health_s']:.1f} s, first page's "
            f"script done {summary['cold_returning_script_s']:.1f} s and rendered "
            f"{summary['cold_returning_first_page_s']:.1f} s after that"
        )
        print(
            f"server memory (VmRSS): {summary['rss_start_mb']:.0f} MB after the first page, "
            f"{summary['rss_after_mb']:.0f} MB after every page in nl and en "
            f"(one-line app: {summary['floor_rss_mb']:.0f} MB)"
        )

    misses = []
    for page in pages:
        if page.rerun_cpu_ms is not None and page.rerun_cpu_ms > TARGET_RERUN_CPU_MS:
            misses.append(f"{page.path}: warm rerun {page.rerun_cpu_ms:.0f} ms CPU > {TARGET_RERUN_CPU_MS:.0f} ms")
        if page.browser_ratio is not None and page.browser_ratio > TARGET_BROWSER_RATIO:
            misses.append(f"{page.path}: browser {page.browser_ratio:.2f}x the one-line page > {TARGET_BROWSER_RATIO}x")
        if page.switch_ratio is not None and page.switch_ratio > TARGET_SWITCH_RATIO:
            misses.append(
                f"{page.path}: page switch {page.switch_ratio:.2f}x the one-line switch > {TARGET_SWITCH_RATIO}x"
            )
        if page.geojson_bytes and page.geojson_bytes > TARGET_MAP_BYTES:
            misses.append(
                f"{page.path}: map payload {page.geojson_bytes / 1024:.0f} KB > {TARGET_MAP_BYTES // 1024} KB"
            )
    if "cold_returning_first_page_s" in summary and summary["cold_returning_first_page_s"] > TARGET_COLD_S:
        misses.append(
            f"cold start (returning browser): first page {summary['cold_returning_first_page_s']:.1f} s "
            f"after the health check > {TARGET_COLD_S:.0f} s"
        )
    if "cold_health_s" in summary and summary["cold_first_page_s"] - summary["cold_health_s"] > TARGET_COLD_S:
        misses.append(
            f"cold start (first visit): first page "
            f"{summary['cold_first_page_s'] - summary['cold_health_s']:.1f} s after the health check > "
            f"{TARGET_COLD_S:.0f} s"
        )
    if "rss_after_mb" in summary and summary["rss_after_mb"] > TARGET_RSS_MB:
        misses.append(f"server memory {summary['rss_after_mb']:.0f} MB > {TARGET_RSS_MB:.0f} MB")
    print("\ntargets: " + ("all met" if not misses else "MISSED\n  " + "\n  ".join(misses)))

    return misses
