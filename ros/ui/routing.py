"""The default page under its own name: `/overzicht` opens the overview like `/` does.

Streamlit serves its default page only at the root and answers its declared `url_path` with a "Page not found"
dialog in English. Before `st.navigation` resolves the page, a request for the default page's own name is turned
into a request for the root. This reads Streamlit's page manager (no public API exists for it); if a Streamlit
upgrade renames it, nothing happens and `tests/browser/test_browser_links.py` fails, which is the signal to look again.
"""

from __future__ import annotations

from streamlit.runtime.scriptrunner import get_script_run_ctx


def open_default_page_by_name(name: str) -> None:
    """Make a request for `/<name>` (the default page's own url_path) open the default page without a dialog."""
    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_name", None) != name:
        return
    if getattr(manager, "intended_page_script_hash", None):
        return
    manager.set_script_intent("", "")
