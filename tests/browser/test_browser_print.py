"""Printing Mijn gemeente to A4 (issue 15.9): Chromium prints the page to PDF, poppler renders every sheet to an image
(kept in test-artifacts/ to look at) and reads the text positions; the path chart is whole (its last year, 2050,
and the 'Doel 8.943' marker are on the sheet, nothing runs off the right edge) and no heading is left at the foot of
a sheet without its content."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.support.browser import ARTIFACTS, open_page

pytestmark = pytest.mark.browser
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """A line of text on a PDF sheet: its words and box (points, origin top left)."""

    page: int
    text: str
    x_max: float
    y_min: float
    y_max: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


def _coordinate(element: ElementTree.Element, name: str) -> float:
    """One coordinate attribute of pdftotext's bounding-box output (every page and line carries all four)."""
    value = element.get(name)
    assert value is not None, (element.tag, name)
    return float(value)


def pdf_lines(pdf: Path) -> tuple[list[Line], float, float, int]:
    """Every text line of `pdf` (pdftotext -bbox-layout), the sheet width and height, and the number of sheets."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xml))
    pages = list(root.iter(f"{XHTML}page"))
    lines = [
        Line(
            number,
            " ".join(w.text or "" for w in line.iter(f"{XHTML}word")),
            _coordinate(line, "xMax"),
            _coordinate(line, "yMin"),
            _coordinate(line, "yMax"),
        )
        for number, page in enumerate(pages)
        for line in page.iter(f"{XHTML}line")
    ]
    return lines, _coordinate(pages[0], "width"), _coordinate(pages[0], "height"), len(pages)


@pytest.fixture(scope="module")
def poppler() -> None:
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        return
    if os.environ.get("CI"):
        pytest.fail("poppler-utils (pdftotext, pdftoppm) is missing; .ci/run installs it")
    pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed")


@pytest.mark.usefixtures("poppler")
def test_printed_mijn_gemeente_keeps_the_chart_whole_and_headings_with_their_content(page) -> None:
    open_page(page, "mijn-gemeente", "gemeente=GM0164")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "mijn-gemeente-hengelo.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    for old in ARTIFACTS.glob("mijn-gemeente-hengelo-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / "mijn-gemeente-hengelo")], check=True)
    lines, width, height, sheets = pdf_lines(pdf)
    assert len(list(ARTIFACTS.glob("mijn-gemeente-hengelo-*.png"))) == sheets >= 2

    # The path chart: title, first and last year and the target marker on one sheet, nothing past the right edge.
    title = next(line for line in lines if line.text == "Hengelo: nieuwe woningen opgeteld vanaf 2025")
    on_chart_sheet = {w for line in lines if line.page == title.page for w in line.text.split()}
    assert {"2025", "2050", "Doel", "8.943"} <= on_chart_sheet
    assert max(line.x_max for line in lines) < width - 10
    assert "Ctrl+P" not in " ".join(line.text for line in lines)  # the web-only print note is not printed

    # Headings (the large lines) are followed on their own sheet by what they head, never stranded at its foot.
    body = sorted(line.height for line in lines)[len(lines) // 2]
    headings = [line for line in lines if line.height > 1.8 * body]
    assert {"Het bouwpad per jaar", "Wat komt eraan voor de raad"} <= {h.text for h in headings}
    for heading in headings:
        after = [line for line in lines if line.page == heading.page and line.y_min >= heading.y_max - 1]
        assert after, f"'{heading.text}' is the last line of sheet {heading.page + 1}"
        assert heading.y_max < 0.85 * height, f"'{heading.text}' sits at the foot of sheet {heading.page + 1}"
