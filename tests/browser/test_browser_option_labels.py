"""The settings of Doelen at 1440 px (issue 15.4): the chosen option of every select box is readable in full, not cut
off with an ellipsis ("S-curve (op gang komen, piek halverw…")."""

from __future__ import annotations

import pytest

from tests.support.browser import open_page

pytestmark = pytest.mark.browser
# The width the value text needs against the width the box gives it (without its padding and the arrow button).
FITS = """() => [...document.querySelectorAll('[data-testid=stExpander] input[role=combobox]')].map(input => {
  const style = getComputedStyle(input), canvas = document.createElement('canvas').getContext('2d');
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [input.value, Math.ceil(canvas.measureText(input.value).width), Math.floor(room)];
})"""


@pytest.mark.parametrize(
    "query", ["vorm=s_curve&sleutel=plan_total&doorkijk=continue", "vorm=back&sleutel=stedelijk_netwerk&lang=en"]
)
def test_the_chosen_options_are_not_cut_off(page, query: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_page(page, "doelen", query)
    boxes = page.evaluate(FITS)
    assert len(boxes) == 3
    for value, needed, room in boxes:
        assert needed <= room, f"'{value}' needs {needed} px, the box gives {room} px"
