"""ros.base.markup: user-supplied text renders literally in Streamlit's Markdown (issue 12, item 7)."""

from __future__ import annotations

import pytest

from ros.base.markup import WORD_JOINER, escape, escape_values
from tests.support.markdown import live_markup, unescaped

HOSTILE = {
    "link": "[Klik hier voor het besluit](https://evil.example/)",
    "image": "![](http://127.0.0.1:9/a.png)",
    "spreadsheet formula": '=HYPERLINK("https://evil.example/login","Besluit")',
    "bare url": "zie https://evil.example/login",
    "upper-case url": "HTTP://EVIL.EXAMPLE",
    "www address": "www.evil.example/login",
    "e-mail address": "mail griffie@evil.example",
    "html": "<img src=x onerror=alert(1)>",
    "autolink brackets": "<https://evil.example>",
    "colour directive": ":red[Besluit genomen]",
    "formula": "$x^2$ kosten",
    "heading after a line break": "naam\n# Kop",
    "reference link": "[besluit][1]\n\n[1]: https://evil.example",
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_hostile_text_is_live_markup_until_escaped(case: str) -> None:
    text = HOSTILE[case]
    assert live_markup(text), "the checker must see the raw text as markup"
    assert live_markup(escape(text)) == []


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_escaped_text_reads_the_same(case: str) -> None:
    text = HOSTILE[case]
    assert unescaped(escape(text)).replace(WORD_JOINER, "") == " ".join(text.split())


def test_plain_names_are_unchanged() -> None:
    assert escape("Hengelo") == "Hengelo"
    assert escape("Scenario 2030 Enschede") == "Scenario 2030 Enschede"
    assert escape("Hengelo (O.)") == r"Hengelo \(O\.\)"
    assert escape(69000) == "69000"


def test_values_of_a_placeholder_mapping_are_escaped() -> None:
    assert escape_values({"name": "[x](y)", "author": "*a*"}) == {"name": r"\[x\]\(y\)", "author": r"\*a\*"}
