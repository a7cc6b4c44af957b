"""Folded sections whose content runs only while they are open: table alternatives, the data sets on Bronnen.

Streamlit mounts and draws what a closed expander holds (a data frame costs 30–50 ms in the browser, 28 of them made
the Bronnen page 3,5× the one-line page on a page switch). These expanders track their state instead: opening one
reruns the page (or its fragment) and only then is the content built and sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import streamlit as st

from ros.ui.text import t


@contextmanager
def folded(label: str, key: str) -> Iterator[bool]:
    """An expander under `key` that yields whether it is open; build its content only when it is."""
    box = st.expander(label, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


def table_alternative(key: str) -> AbstractContextManager[bool]:
    """The folded 'Tabel bij deze grafiek' of the chart `key` (`alt_<key>` in the session state)."""
    return folded(t("common.table_alternative"), f"alt_{key}")
