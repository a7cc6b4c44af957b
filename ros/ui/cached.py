"""One caching decorator for everything built from the data: results shared by all sessions, keyed by their
arguments, the snapshot version in use and (for words and figures) the UI language.

A builder takes the data (`ros.ui.data.Data`) first, then the language when it shows words, then its own simple,
hashable arguments; a page calls it with its own arguments only and the decorator fills in the rest:

    @per_language(max_entries=4)
    def growth_chart(data: Data, language: str) -> go.Figure: ...

    ui.growth_chart()  # built once per data version and language, shared by every session

The version in use is `ros.ui.data.data_dir()`, so a refresh shows on the next rerun; an invalid snapshot stops the
page with a message before anything is built. What comes back is shared: callers never change it (a view object is
a frozen dataclass; a page that needs a changed table makes its own copy). Arguments whose name starts with `_` are
not part of the key (Streamlit's rule), for values such as boundaries that a simpler argument already identifies.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Concatenate, Generic, ParamSpec, TypeVar

import streamlit as st

from ros.ui.data import Data, current
from ros.ui.text import lang

P = ParamSpec("P")
R = TypeVar("R")


class Shared(Generic[P, R]):
    """A builder cached for all sessions; calling it fills in the data version (and language) before its arguments."""

    def __init__(self, build: Callable[..., R], keys: Callable[[], tuple[object, ...]], max_entries: int | None):
        # Streamlit keys a cache by the function's module, name and source: those of `build`, so no two collide.
        self.cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(build)
        self._keys = keys
        self._names = tuple(inspect.signature(build).parameters)
        self.__doc__ = build.__doc__

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        # By name: Streamlit looks up the name of every positional argument (inspect.signature, ~40 µs each); the
        # key is the same (name, value) pairs as for a positional call such as the warm-up's.
        named = dict(zip(self._names, (*self._keys(), *args), strict=False))
        return self.cached(**named, **kwargs)


def _data_key() -> tuple[object, ...]:
    return (current(),)


def _language_key() -> tuple[object, ...]:
    return current(), lang()


def per_data(*, max_entries: int | None = None) -> Callable[[Callable[Concatenate[Data, P], R]], Shared[P, R]]:
    """Cache a builder `(data, *args)` once per data version and arguments; call it as `(*args)`."""

    def decorate(build: Callable[Concatenate[Data, P], R]) -> Shared[P, R]:
        return Shared(build, _data_key, max_entries)

    return decorate


def per_language(*, max_entries: int | None = None) -> Callable[[Callable[Concatenate[Data, str, P], R]], Shared[P, R]]:
    """Cache a builder `(data, language, *args)` once per data version, UI language and arguments; call it as
    `(*args)`."""

    def decorate(build: Callable[Concatenate[Data, str, P], R]) -> Shared[P, R]:
        return Shared(build, _language_key, max_entries)

    return decorate
