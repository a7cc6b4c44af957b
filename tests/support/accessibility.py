"""axe-core in the browser (bundled with `axe-playwright-python`): serious and critical violations in our content.

Violations that come from Streamlit's own markup are excused only through the allow-list below (rule id + a CSS
selector the failing node must lie inside), each with the reason; it is declared in `ros.present.accessibility`, so
the accessibility statement (/toegankelijkheid) lists exactly these as its known exceptions.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

from ros.base.i18n import translate
from ros.present.accessibility import STREAMLIT_EXCEPTIONS
from tests.support.browser import wait_for_app

FAIL_IMPACTS = ("serious", "critical")
# Tall enough that every page fits without scrolling: axe cannot judge the contrast of text hidden under Streamlit's
# sticky header or scrolled out of its main container, and would then skip it ("incomplete") instead of failing it.
AXE_VIEWPORT = {"width": 1400, "height": 4000}

# Streamlit's own markup that fails axe; we cannot change it from the app. (rule id, selector, why).
# A node is excused only when the rule matches AND the node lies inside an element matching the selector.
STREAMLIT_ALLOW_LIST: tuple[tuple[str, str, str], ...] = tuple(
    (e.rule, e.selector, translate("en", f"accessibility.exception_{e.key}", rule=e.rule, selector=e.selector))
    for e in STREAMLIT_EXCEPTIONS
)

AXE = Axe()


def open_expanders(tab) -> None:
    """Open every expander (table alternatives, notes) so that axe also checks what they hide.

    A table alternative is filled by a rerun once it is opened, so each one is waited for until it holds content.
    """
    closed = tab.locator("[data-testid=stMain] [data-testid=stExpander] details:not([open])")
    for _ in range(closed.count()):
        details = closed.first.element_handle()  # the locator re-evaluates: the opened one drops out of it
        details.query_selector(":scope > summary").click()
        tab.wait_for_function(
            "d => d.open && d.querySelector('[data-testid=stElementContainer]')", arg=details, timeout=30_000
        )
        wait_for_app(tab)


def allowed(tab, rule: str, target: list) -> str | None:
    """The allow-list reason when this node of a `rule` violation lies in Streamlit's own markup, else None."""
    if len(target) != 1:  # inside an iframe or shadow root: never ours to excuse blindly
        return None
    for allowed_rule, selector, reason in STREAMLIT_ALLOW_LIST:
        inside = tab.evaluate("([t, s]) => !!document.querySelector(t)?.closest(s)", [target[0], selector])
        if allowed_rule == rule and inside:
            return reason
    return None


def serious_violations(tab, where: str) -> list[str]:
    """Serious/critical axe violations on the current page outside the allow-list: one line per rule, with examples."""
    found = []
    for violation in AXE.run(tab).response["violations"]:
        if violation["impact"] not in FAIL_IMPACTS:
            continue
        nodes = [n for n in violation["nodes"] if allowed(tab, violation["id"], n["target"]) is None]
        if nodes:
            why = nodes[0].get("failureSummary", "").replace("\n", " ")[:200]
            examples = " | ".join(n["html"][:90] for n in nodes[:2])
            found.append(
                f"{where}: {violation['id']} ({violation['impact']}) on {len(nodes)} node(s), e.g. "
                f"{str(nodes[0]['target'])[-110:]} {examples} -- {why}"
            )
    return found
