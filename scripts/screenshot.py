"""Screenshot pages of a running dashboard in headless Chromium, full length, after every chart has drawn.

python scripts/screenshot.py http://localhost:8501/doelen out.png [--width 1400] [--print]
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

READY = (
    "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'"
    " && !document.querySelector('[data-testid=stSkeleton]')"
    " && [...document.querySelectorAll('[data-testid=stPlotlyChart]')].every(c => c.querySelector('.main-svg'))"
)


def main() -> None:
    """Parse the arguments and take the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("output")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--print", action="store_true", help="emulate print media")
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": args.width, "height": 1000})
        if args.print:
            page.emulate_media(media="print")
        page.goto(args.url)
        page.wait_for_function(READY, timeout=60_000)
        page.wait_for_timeout(1500)
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": args.width, "height": min(height + 80, 8000)})
        page.wait_for_function(READY, timeout=60_000)
        page.wait_for_timeout(800)
        page.screenshot(path=args.output)
        browser.close()


if __name__ == "__main__":
    main()
