"""A language switch changes words, never values (issue 12): every page, switched twice in both directions."""

from __future__ import annotations

import pytest
from streamlit.testing.v1.element_tree import Element

from ros.base.i18n import translate
from tests.support.app import run_app
from tests.support.weights import weights_link

WEIGHTS = weights_link({"GM0153": 1})
# Every page with the choices it offers set away from their defaults (plus the sidebar's municipality).
PAGES = {
    "doelen": (
        "app_pages/doelen.py",
        {"sleutel": "equal", "vorm": "s_curve", "doorkijk": "pace", "kaart": "per_1000"},
    ),
    "doelen custom": ("app_pages/doelen.py", {"sleutel": "custom", "gewichten": WEIGHTS}),
    "budget": ("app_pages/budget.py", {"verdeelsleutel": "equal", "totaalbudget": "340000", "onbekend": "True"}),
    "mijlpalen": ("app_pages/mijlpalen.py", {"stand": "2026-01-09", "orgaan": "gemeenten", "bereik": "2100"}),
    "vergadermodus": ("app_pages/vergadermodus.py", {"dia": "3", "sleutel": "equal"}),
    "overzicht": ("app_pages/overzicht.py", {"gemeente": "GM0153"}),
    "scenarios": ("app_pages/scenarios.py", {"vorm": "back", "gemeente": "GM0153"}),
    "vergelijken": ("app_pages/vergelijken.py", {"sleutel": "equal"}),
    "mijn gemeente": ("app_pages/mijn_gemeente.py", {"gemeente": "GM0164", "sleutel": "equal"}),
    "bronnen": ("app_pages/bronnen.py", {"gemeente": "GM0153"}),
    "voortgang": ("app_pages/voortgang.py", {"maat": "new_construction", "gemeente": "GM0153"}),
}
KINDS = ("selectbox", "radio", "button_group", "slider", "date_input", "toggle")


def _query(at) -> dict[str, str]:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in dict(at.query_params).items() if k != "lang"}


def _notices(at) -> list[str]:
    """The "not everything in the link could be used" notices."""
    return [w.value for w in at.warning if w.icon == ":material/link_off:"]


def _choices(at) -> dict[str, object]:
    """The value of every choice widget with a key except the language switch."""
    return {w.key: w.value for kind in KINDS for w in at.get(kind) if w.key and w.key != "lang"}


def _homes(at, name: str) -> str:
    frame = next(d.value for d in at.dataframe if {"Woningen", "Homes"} & set(d.value.columns))
    column = "Woningen" if "Woningen" in frame.columns else "Homes"
    return frame.set_index(frame.columns[0]).at[name, column]


def _wierden(at) -> str:
    """Wierden's contribution in the cost-sharing table, whatever the language of its headers."""
    headers = {translate(lang, "budget.col_contribution") for lang in ("nl", "en")}
    frame = next(d.value for d in at.dataframe if headers & set(d.value.columns))
    return frame.set_index(frame.columns[0]).at["Wierden", next(iter(headers & set(frame.columns)))]


# The words that must follow the language: (widget kind, key, label key, catalogue key of one option).
WORDS = {
    "doelen": [
        ("selectbox", "sleutel", "targets.key", "targets.key_equal"),
        ("selectbox", "vorm", "targets.shape", "targets.shape_s_curve"),
        ("button_group", "kaart", "targets.map_measure", "targets.measure_per_1000"),
    ],
    "budget": [("radio", "verdeelsleutel", "budget.key", "budget.key_equal")],
    "mijlpalen": [
        ("radio", "weergave", "milestones.view", "milestones.view_tijdlijn"),
        ("radio", "bereik", "milestones.range", "milestones.range_2100"),
    ],
}
# The figure each page must keep, in Dutch and in English.
FIGURES = {
    "doelen": (lambda at: _homes(at, "Enschede"), {"nl": "4.929", "en": "4,929"}),
    "doelen custom": (lambda at: _homes(at, "Enschede"), {"nl": "69.000", "en": "69,000"}),
    "budget": (_wierden, {"nl": "€ 20.000,00", "en": "€20,000.00"}),
    "mijlpalen": (lambda at: at.metric[0].value, {"nl": "68 dagen", "en": "68 days"}),
}


@pytest.mark.parametrize("first", ["nl", "en"])
@pytest.mark.parametrize("case", PAGES, ids=list(PAGES))
def test_switching_the_language_twice_keeps_every_choice(case: str, first: str) -> None:
    page, query = PAGES[case]
    other = "en" if first == "nl" else "nl"
    at = run_app(page, query | ({"lang": "en"} if first == "en" else {}))
    assert not at.exception
    assert not _notices(at)
    choices, figure = _choices(at), FIGURES.get(case)
    assert _query(at) == query
    for lang in (other, first, other, first):
        at.radio(key="lang").set_value(lang).run()
        assert not at.exception, (lang, at.exception)
        assert _choices(at) == choices, lang
        assert _query(at) == query, lang
        assert not _notices(at), lang
        if figure is not None:
            assert figure[0](at) == figure[1][lang], lang
        for kind, key, label, option in WORDS.get(case, ()):
            widget = at.get(kind)[[w.key for w in at.get(kind)].index(key)]
            assert isinstance(widget, Element), key
            assert widget.label == translate(lang, label), lang
            assert translate(lang, option) in widget.options, lang
