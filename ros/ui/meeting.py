"""The projector frame of the Vergadermodus: large type that fits 1920×1080, and ← → that always step the slides.

The style applies only while the meeting page's Volgende button is on the page (`:has(.st-key-meeting_next)`), so
other pages keep the theme. Scaling the frame with CSS zoom for a 1280×720 beamer is not done: Plotly sizes its
charts from the zoomed box and is then zoomed again, so the charts came out at less than half their size.
The key handler listens in the capture phase on the whole document, before Streamlit's
own shortcuts and before a focused sidebar control (the language radio would otherwise switch language on →).
"""

from __future__ import annotations

import streamlit as st

_SCOPE = "[data-testid=stMainBlockContainer]:has(.st-key-meeting_next)"
ROOM_FONT_PX = 22  # text read from the back of the room
STYLE = f"""<style>
{_SCOPE} {{ padding-top: 2.6rem; padding-bottom: 0.5rem; max-width: none; }}
{_SCOPE} :focus, {_SCOPE}:focus {{ outline: none; }}
{_SCOPE} button:focus-visible {{ outline: 2px solid #154273; outline-offset: 2px; }}
{_SCOPE} [data-testid=stVerticalBlock] {{ gap: 0.45rem; }}
{_SCOPE} h1 {{ font-size: 2.5rem; line-height: 1.2; padding: 0; margin-bottom: 0.3rem; }}
{_SCOPE} h2 {{ font-size: 2rem; padding: 0.1rem 0; }}
{_SCOPE} h3, {_SCOPE} h4 {{ font-size: 1.6rem; padding: 0; }}
{_SCOPE} p, {_SCOPE} li, {_SCOPE} td, {_SCOPE} th, {_SCOPE} button, {_SCOPE} summary, {_SCOPE} summary span,
{_SCOPE} [data-testid=stAlertContainer] p, {_SCOPE} [data-testid=stMarkdownContainer] {{
  font-size: {ROOM_FONT_PX}px; line-height: 1.3; }}
{_SCOPE} button * {{ font-size: 20px; }}
{_SCOPE} td, {_SCOPE} th {{ padding: 0.05rem 0.5rem; }}
{_SCOPE} [data-testid=stMetricValue], {_SCOPE} [data-testid=stMetricValue] [data-testid=stMarkdownContainer],
{_SCOPE} [data-testid=stMetricValue] [data-testid=stMarkdownContainer] p {{ font-size: 2.6rem; line-height: 1.2; }}
{_SCOPE} [data-testid=stCaptionContainer] p {{ font-size: 15px; line-height: 1.25; }}
</style>"""
# Steps with ← → wherever the focus is, except while typing text; never lets the key reach a radio or a slider.
KEYS = """<script>
(() => {
  const doc = window.parent ? window.parent.document : document;
  if (doc.__rosProjectorKeys) return;
  doc.__rosProjectorKeys = true;
  doc.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const next = doc.querySelector('.st-key-meeting_next button');
    if (!next) return;
    const target = event.target;
    if (target && (target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
    const typing = target && target.tagName === 'INPUT' && !['radio', 'checkbox', 'range', 'button'].includes(
      (target.type || '').toLowerCase()) && target.getAttribute('role') !== 'combobox' && target.value;
    if (typing) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const button = event.key === 'ArrowRight' ? next : doc.querySelector('.st-key-meeting_previous button');
    if (button && !button.disabled) button.click();
  }, true);
})();
</script>"""


def projector_frame() -> None:
    """Emit the projector style and the arrow-key handler (once per page run)."""
    st.html(STYLE)
    st.html(KEYS, unsafe_allow_javascript=True)
