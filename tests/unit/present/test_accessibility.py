"""The accessibility statement's declaration against the tests: every declared check names a test that exists,
every accessibility browser test is declared, and the statement lists checks, criteria and exceptions in both
languages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ros.present.accessibility import AXE_MODULE, CHECKS, STREAMLIT_EXCEPTIONS, criterion, statement

ROOT = Path(__file__).resolve().parents[3]


def _tests_in(module: str) -> set[str]:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_declared_check_is_a_test_that_exists() -> None:
    missing = [c.test for c in CHECKS if c.test.split("::")[1] not in _tests_in(c.test.split("::")[0])]
    assert missing == []


def test_every_accessibility_browser_test_is_declared() -> None:
    declared = {c.test.split("::")[1] for c in CHECKS if c.test.startswith(AXE_MODULE)}
    assert _tests_in(AXE_MODULE) == declared


@pytest.mark.parametrize(
    ("lang", "axe_criteria", "exception"),
    [
        (
            "nl",
            "1.4.3 Contrast (minimum)",
            "Axe-regel ‘list’ in `[data-testid=stSidebarNav]`: de paginanavigatie van Streamlit zet groepen",
        ),
        (
            "en",
            "1.1.1 Non-text content",
            "Axe rule ‘listitem’ in `[data-testid=stSidebarNav]`: the navigation's list items",
        ),
    ],
)
def test_the_statement_lists_checks_criteria_and_exceptions(lang: str, axe_criteria: str, exception: str) -> None:
    text = statement(lang)
    assert len(text.checks) == len(CHECKS) == 5
    axe = text.checks[0]
    assert axe_criteria in axe.criteria
    assert axe.test == f"{AXE_MODULE}::test_no_serious_axe_violations_in_our_content"
    assert text.checks[2].criteria == (criterion("3.1.1", lang),)
    assert len(text.exceptions) == len(STREAMLIT_EXCEPTIONS)
    assert any(line.startswith(exception) for line in text.exceptions)
    assert criterion("2.1.1", lang) == ("2.1.1 Toetsenbord" if lang == "nl" else "2.1.1 Keyboard")
