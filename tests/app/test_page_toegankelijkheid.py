"""AppTest: the accessibility statement page in Dutch and English, reached from the navigation."""

from __future__ import annotations

import pytest

from tests.support.app import run_app, texts


@pytest.mark.parametrize(
    ("lang", "title", "lines"),
    [
        (
            "nl",
            "Toegankelijkheid",
            [
                "Status: eerste maatregelen genomen.",
                "WCAG 2.1-succescriteria: 2.1.1 Toetsenbord; 2.4.3 Focusvolgorde; 4.1.2 Naam, rol, waarde",
                "Test: tests/browser/test_browser_vergadermodus.py::test_arrow_keys_step_the_slides_even_from_the_"
                "language_radio",
                "Contactadres: nog te benoemen",
            ],
        ),
        (
            "en",
            "Accessibility",
            [
                "Status: first measures taken.",
                "WCAG 2.1 success criteria: 3.1.1 Language of page",
                "No test with a real screen reader (NVDA, VoiceOver) has been done yet.",
                "Contact address: to be appointed",
            ],
        ),
    ],
)
def test_the_statement_page_in_both_languages(lang: str, title: str, lines: list[str]) -> None:
    at = run_app("app_pages/toegankelijkheid.py", {"lang": lang})
    assert not at.exception
    assert at.title[0].value == title
    shown = texts(at).replace("**", "").replace("`", "")
    for line in lines:
        assert line in shown
    assert [h.value for h in at.header] == (
        ["Wat wordt getest", "Bekende uitzonderingen", "Wat de tests niet controleren", "Een probleem melden"]
        if lang == "nl"
        else ["What is tested", "Known exceptions", "What the tests do not check", "Report a problem"]
    )
