"""What Streamlit's Markdown renderer (remark-gfm) would turn into live markup, for tests of escaped text.

Mirrors the renderer's rules that matter for injection: inline links and images, raw HTML, colour/icon directives,
formulas, and the literal autolinks (bare URLs, `www.`, e-mail addresses), which remark-gfm finds in the text after
backslash escapes are resolved (checked in Chromium: `https\\:\\/\\/x.example` is still a link).
"""

from __future__ import annotations

import re
import string

_UNESCAPED = r"(?<!\\)"
_SYNTAX = {
    "link or image": re.compile(_UNESCAPED + r"!?\[[^\]]*" + _UNESCAPED + r"\]" + _UNESCAPED + r"\("),
    "html": re.compile(_UNESCAPED + r"<[a-zA-Z/!?]"),
    "directive": re.compile(_UNESCAPED + r":[a-z]+" + _UNESCAPED + r"\["),
    "formula": re.compile(_UNESCAPED + r"\$[^$\s]"),
    "heading": re.compile(r"(?m)^ {0,3}#{1,6}(\s|$)"),
    "link definition": re.compile(r"(?m)^ {0,3}\[[^\]]+" + _UNESCAPED + r"\]:"),
}
# remark-gfm's own patterns (mdast-util-gfm-autolink-literal), applied to the unescaped text.
_AUTOLINKS = {
    "url": re.compile(r"(?i)(?:^|(?<=[\s\W]))(https?://|www(?=\.))[-.\w]+"),
    "e-mail": re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+"),
}
_ESCAPE = re.compile(r"\\([" + re.escape(string.punctuation) + "])")


def unescaped(markdown: str) -> str:
    """The text a reader sees: backslash escapes resolved (word joiners kept, as in the browser)."""
    return _ESCAPE.sub(r"\1", markdown)


def shown(markdown: str) -> str:
    """What a reader sees of `markdown` as text: escapes resolved and the invisible word joiners left out."""
    return unescaped(markdown).replace("\u2060", "")


def live_markup(markdown: str) -> list[str]:
    """The kinds of live markup in `markdown`, with the matched text (empty when it renders literally)."""
    found = [f"{kind}: {m.group(0)}" for kind, pattern in _SYNTAX.items() for m in pattern.finditer(markdown)]
    text = unescaped(markdown)
    return found + [f"{kind}: {m.group(0)}" for kind, pattern in _AUTOLINKS.items() for m in pattern.finditer(text)]
