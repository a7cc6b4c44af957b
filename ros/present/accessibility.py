"""The accessibility statement (toegankelijkheidsverklaring, after the Dutch model of digitoegankelijk.nl), built from
what the tests check rather than written once.

`CHECKS` declares each automated check with the test that runs it and the WCAG 2.1 success criteria it covers;
`STREAMLIT_EXCEPTIONS` is the allow-list of Streamlit's own markup that the axe test excuses (the browser tests read
it from here, so the statement's known exceptions are exactly what the test lets pass).
`tests/unit/present/test_accessibility.py` fails when a declared check names a test that does not exist, or when the
accessibility test module holds a test that is not declared. The words are in the `accessibility` catalogues.
"""

from __future__ import annotations

from dataclasses import dataclass

from ros.base.i18n import translate


@dataclass(frozen=True)
class Check:
    """One automated check: its text (`accessibility.check_<key>`), the test that runs it, the criteria it covers."""

    key: str
    test: str
    criteria: tuple[str, ...]


@dataclass(frozen=True)
class StreamlitException:
    """A violation in Streamlit's own markup, excused only inside `selector` for axe rule `rule`
    (`accessibility.exception_<key>` says why)."""

    key: str
    rule: str
    selector: str


AXE_MODULE = "tests/browser/test_browser_accessibility.py"
CHECKS = (
    Check(
        "axe",
        f"{AXE_MODULE}::test_no_serious_axe_violations_in_our_content",
        ("1.1.1", "1.3.1", "1.4.3", "2.4.2", "2.4.4", "4.1.2"),
    ),
    Check("allow_list", f"{AXE_MODULE}::test_allow_list_still_matches_streamlit_markup", ()),
    Check("language", f"{AXE_MODULE}::test_html_lang_attribute_matches_the_chosen_language", ("3.1.1",)),
    Check(
        "keyboard_sidebar",
        f"{AXE_MODULE}::test_keyboard_reaches_and_operates_the_sidebar_controls",
        ("2.1.1", "2.4.3", "4.1.2"),
    ),
    Check(
        "keyboard_meeting",
        "tests/browser/test_browser_vergadermodus.py::test_arrow_keys_step_the_slides_even_from_the_language_radio",
        ("2.1.1",),
    ),
)
STREAMLIT_EXCEPTIONS = (
    StreamlitException("navigation_list", "list", "[data-testid=stSidebarNav]"),
    StreamlitException("navigation_listitem", "listitem", "[data-testid=stSidebarNav]"),
)
# Known gaps that no automated check covers; each is `accessibility.gap_<key>`.
GAPS = ("charts", "screen_reader", "uploader")


@dataclass(frozen=True)
class CheckLine:
    """A check as the statement lists it: what is checked, the criteria by number and name, and the test."""

    text: str
    criteria: tuple[str, ...]
    test: str


@dataclass(frozen=True)
class Statement:
    """The statement in one language, section by section."""

    title: str
    intro: str
    status: str
    checks_intro: str
    checks: tuple[CheckLine, ...]
    exceptions: tuple[str, ...]
    gaps: tuple[str, ...]
    report: str


def criterion(number: str, lang: str) -> str:
    """A WCAG 2.1 success criterion by number and name: '1.4.3 Contrast (minimum)'."""
    return f"{number} {translate(lang, 'accessibility.criterion_' + number.replace('.', '_'))}"


def statement(lang: str) -> Statement:
    """The accessibility statement in `lang`, from the declared checks, exceptions and gaps."""
    return Statement(
        title=translate(lang, "accessibility.title"),
        intro=translate(lang, "accessibility.intro"),
        status=translate(lang, "accessibility.status"),
        checks_intro=translate(lang, "accessibility.checks_intro"),
        checks=tuple(
            CheckLine(
                translate(lang, f"accessibility.check_{c.key}"),
                tuple(criterion(n, lang) for n in c.criteria),
                c.test,
            )
            for c in CHECKS
        ),
        exceptions=tuple(
            translate(lang, f"accessibility.exception_{e.key}", rule=e.rule, selector=e.selector)
            for e in STREAMLIT_EXCEPTIONS
        ),
        gaps=tuple(translate(lang, f"accessibility.gap_{g}") for g in GAPS),
        report=translate(lang, "accessibility.report"),
    )
