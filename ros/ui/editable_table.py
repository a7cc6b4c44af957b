"""A table the user types into that keeps what was typed: across other pages, a language switch and refusals.

Streamlit starts a data editor afresh when it was not drawn in the last run (another page was open) or when its
configuration changed (a language switch renames the columns): it would show the table it was first built from,
and a panel that checks the edited table would write that back over what the user typed. `EditableTable` starts
the editor again from what the user last had instead, a refused row included, and only from the outside value
(`origin`) when that changed elsewhere: an upload, a reset, an opened scenario or a link. The own weights, the own
figures and the ledger use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

_RESTART = object()  # an origin no value equals


@dataclass
class _Kept:
    """What the session keeps of one table between runs."""

    version: int  # part of the editor's key: a new version is a new editor, started from `base`
    origin_version: int  # counts the starts from a new outside value only
    base: pd.DataFrame
    origin: object
    config: str
    edited: pd.DataFrame | None = None


def _changed(origin: object, before: object) -> bool:
    """A frame is another origin when it is another object (a reset gives a new, equally empty one); other values
    when they differ."""
    if origin is before:
        return False
    return isinstance(origin, pd.DataFrame) or isinstance(before, pd.DataFrame) or origin != before


class EditableTable:
    """The editor `name` (key `<name>_editor_<version>`) started from `start()` for the value `origin`, with its
    columns in `column_config`; create it before drawing anything keyed by its `origin_version` (e.g. the upload)."""

    def __init__(
        self, name: str, origin: object, start: Callable[[], pd.DataFrame], column_config: Mapping[str, Any]
    ) -> None:
        self.name, self.column_config = name, column_config
        state, config = st.session_state, repr(column_config)
        kept: _Kept | None = state.get(self._kept_key)
        if kept is None:
            kept = _Kept(1, 1, start(), origin, config)
        elif _changed(origin, kept.origin):
            kept = _Kept(kept.version + 1, kept.origin_version + 1, start(), origin, config)
        elif kept.edited is not None and (self._editor_key(kept.version) not in state or kept.config != config):
            kept = _Kept(kept.version + 1, kept.origin_version, kept.edited, origin, config)
        state[self._kept_key] = self._kept = kept

    @property
    def _kept_key(self) -> str:
        return f"_{self.name}_table"

    def _editor_key(self, version: int) -> str:
        return f"{self.name}_editor_{version}"

    @property
    def version(self) -> int:
        """The editor's version: it changes when the editor starts again (from the origin or what was typed)."""
        return self._kept.version

    @property
    def origin_version(self) -> int:
        """Changes only when the table starts from a new outside value: the key of what belongs to that value (an
        uploader keyed by it drops its file then, but keeps it, and its message, across a language switch)."""
        return self._kept.origin_version

    def draw(self, where: DeltaGenerator | None = None, **options: Any) -> pd.DataFrame:
        """Draw the editor (in `where`, e.g. a column; other `st.data_editor` options as given) and return the table
        as edited."""
        edited = (where or st).data_editor(
            self._kept.base, key=self._editor_key(self.version), column_config=self.column_config, **options
        )
        self._kept.edited = edited
        return edited

    def restart(self) -> None:
        """Start the editor again from `start()` on the next run (a new upload, even one equal to the last)."""
        self._kept.origin = _RESTART

    def settle(self, origin: object) -> None:
        """Take `origin` as the value the edits made (written by the panel), so it does not start the editor again."""
        self._kept.origin = origin
