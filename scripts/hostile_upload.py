"""Probe: a hostile file uploaded to the ledger on /budget, and what it costs the server.

`--kind rows` (default) is an .xlsx of a few hundred KB packed and `--rows` rows unpacked; `--kind entities` a
1,6 KB .xlsx whose XML nests entities ("billion laughs", issue 24 F2); `--kind large` a CSV of `--megabytes` MB
(issue 24 F8: three 45 MB uploads took the server from 286 to 505 MB, and it stayed there).

Starts `streamlit run app.py` (of this checkout, or of `--app-dir`; `--max-upload-mb` overrides
`server.maxUploadSize`) on a free port, opens /budget in headless Chromium (/usr/bin/chromium) and measures the
server (VmRSS, sampled every 0,2 s) at rest, while `--tabs` tabs upload the file `--uploads` times each, and
`--settle` seconds after the tabs are closed; the time from upload until the page (or the upload box) answers; and
the server's CPU seconds. Issue 12 (items 5 and 6) measured 187 s, 251 MB → 1,1 GB and 474 MB after for one 583 KB
file with 3,7 million rows.

Usage: .venv/bin/python scripts/hostile_upload.py [--kind rows|entities|large] [--rows 3700000] [--megabytes 45]
       [--uploads 1] [--tabs 1] [--max-upload-mb N] [--app-dir PATH] [--timeout 300]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import psutil
import requests

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
# Our refusal on the page, or Streamlit's in the upload box for a file over server.maxUploadSize.
ANSWER = re.compile("niet overgenomen|or smaller")
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
}


def xlsx_bomb(rows: int, dimension: bool = True) -> bytes:
    """An .xlsx whose first sheet has `rows` rows of one number, written as XML directly (a second for 3,7 million
    rows; they unpack to ~100 MB and pack to a few hundred KB)."""
    row = b"<row><c><v>1</v></c></row>"
    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + (f'<dimension ref="A1:A{rows}"/>'.encode() if dimension else b"")
        + b"<sheetData>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(head)
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(row * (rows % 10_000) + b"</sheetData></worksheet>")
    return buffer.getvalue()


def xlsx_entities(depth: int = 10) -> bytes:
    """A valid-looking .xlsx (~1,6 KB) whose sheet nests XML entities `depth` deep, ten of the previous in each: one
    cell would expand to 10^depth copies of "lol" ("billion laughs")."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, depth)
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol{depth - 1};</t></is></c></row></sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _rss_mb(process: psutil.Process) -> float:
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 1024 / 1024


def _sample(process: psutil.Process, samples: list[float], stop: threading.Event) -> None:
    while not stop.wait(0.2):
        samples.append(_rss_mb(process))


def _wait_until_healthy(base: str) -> None:
    """Poll the server's health endpoint for about a minute (the caller's measurement then says what went wrong)."""
    for _ in range(200):
        try:
            if requests.get(f"{base}/_stcore/health", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.3)


def _open_tabs(browser: Browser, url: str, count: int) -> list[Page]:
    """`count` tabs on `url`, each with its uploader drawn and the app idle."""
    tabs = [browser.new_context().new_page() for _ in range(count)]
    for tab in tabs:
        tab.goto(url)
        tab.wait_for_selector("[data-testid=stFileUploaderDropzoneInput]", state="attached", timeout=60_000)
        tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
    return tabs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("rows", "entities", "large"), default="rows")
    parser.add_argument("--rows", type=int, default=3_700_000)
    parser.add_argument("--megabytes", type=int, default=45)
    parser.add_argument("--uploads", type=int, default=1)
    parser.add_argument("--max-upload-mb", type=int, default=None)
    parser.add_argument("--tabs", type=int, default=1)
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--settle", type=float, default=15)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    makers: dict[str, Callable[[], tuple[bytes, str, str]]] = {
        "rows": lambda: (xlsx_bomb(args.rows), "kasboek.xlsx", f"{args.rows:,} rows"),
        "entities": lambda: (xlsx_entities(), "kasboek.xlsx", "nested XML entities"),
        "large": lambda: (b"partij,jaar\n" + b"x" * (args.megabytes << 20), "kasboek.csv", "plain text"),
    }
    data, name, described = makers[args.kind]()
    folder = Path(tempfile.mkdtemp(prefix="hostile-upload-"))
    path = folder / name
    path.write_bytes(data)
    port = _free_port()
    env = dict(os.environ, ROS_CACHE_DIR=str(folder / "cache"), ROS_OFFLINE="1")
    limit = [] if args.max_upload_mb is None else ["--server.maxUploadSize", str(args.max_upload_mb)]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            *limit,
        ],
        cwd=args.app_dir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    samples: list[float] = []
    stop = threading.Event()
    try:
        _wait_until_healthy(base)
        process = psutil.Process(server.pid)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            tabs = _open_tabs(browser, f"{base}/budget", args.tabs)
            time.sleep(2)
            rest, cpu_before = _rss_mb(process), process.cpu_times()
            threading.Thread(target=_sample, args=(process, samples, stop), daemon=True).start()
            answers: list[float | None] = []
            message = ""
            for _ in range(args.uploads):
                started = time.monotonic()
                for tab in tabs:
                    tab.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(path))
                for tab in tabs:
                    answer = tab.get_by_text(ANSWER).first
                    try:
                        answer.wait_for(timeout=args.timeout * 1000)
                        answers.append(round(time.monotonic() - started, 2))
                        message = message or answer.inner_text()[:160]
                    except Exception:  # a tab that never answers is reported as such
                        answers.append(None)
                    tab.reload()  # a fresh page for the next upload: the earlier file is no longer in its uploader
                    tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
            browser.close()
        time.sleep(args.settle)
        after, cpu_after = _rss_mb(process), process.cpu_times()
        stop.set()
        cpu = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
        print(f"file: {len(data) / 1024:.0f} KB, {described}; tabs: {args.tabs}, uploads each: {args.uploads}")
        print(f"seconds until the page answered: {answers}")
        print(f"message: {message!r}")
        print(
            f"server RSS: at rest {rest:.0f} MB, peak {max(samples or [rest]):.0f} MB, "
            f"{args.settle:.0f} s after closing the tabs {after:.0f} MB; server CPU {cpu:.1f} s"
        )
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
