"""User-supplied text made safe for Streamlit's Markdown (messages, captions, metric and widget labels).

Every `st.markdown`, `st.info`/`warning`/`error`/`success`, `st.caption` and metric label renders Markdown, so a
scenario name, an author, an upload's file name or label, or a URL value could become a live link or a fetched
image. Backslash escapes alone are not enough: Streamlit's renderer (remark-gfm) finds bare URLs, `www.` addresses
and e-mail addresses in the text *after* escapes are resolved, so those are also broken with an invisible word
joiner (U+2060). The text reads the same on screen; only markup is lost.
"""

from __future__ import annotations

import re
import string

WORD_JOINER = "\u2060"
_PUNCTUATION = frozenset(string.punctuation)
_WHITESPACE = re.compile(r"\s+")
# The places where remark-gfm's literal autolinks start: "<scheme>://", "www." and the "@" of an e-mail address.
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=\w)(?=://)|(?<=\bwww)(?=\.)|(?<=@)")


def escape(text: object) -> str:
    """`text` as Markdown that renders literally: no link, image, HTML, emphasis, heading, icon, colour or
    formula; line breaks and runs of white space become one space (a value never starts a block)."""
    plain = _WHITESPACE.sub(" ", str(text))
    plain = _AUTOLINK_STARTS.sub(WORD_JOINER, plain)
    return "".join("\\" + c if c in _PUNCTUATION else c for c in plain)


def escape_values(values: dict[str, object]) -> dict[str, str]:
    """Every value of a placeholder mapping escaped (for `t(key, **escape_values(...))`)."""
    return {key: escape(value) for key, value in values.items()}
