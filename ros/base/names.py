"""Matching what a user types or uploads to a municipality or party: the one place where names are compared.

Users write the CBS name ("Hengelo (O.)"), the province-qualified forms ("Hengelo (Ov)", "Hengelo (Overijssel)"),
"Gemeente Hengelo", any case, with or without accents, hyphens or spaces ("rijssen holten"), or the code
("gm0164"). All of them mean the same municipality; the qualifier must be Overijssel's, so "Hengelo (Gld)" is not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_OVERIJSSEL = re.compile(r"\s*\(\s*(o|ov|ovl|ovl?ijssel|overijssel)\s*\.?\s*\)\s*$", re.IGNORECASE)
_GEMEENTE = re.compile(r"^\s*gemeente\s+", re.IGNORECASE)
_NOT_LETTER = re.compile(r"[^0-9a-z]")


def name_key(text: object) -> str:
    """The comparable form of a name or code: no accents, no Overijssel qualifier, no 'gemeente', letters and
    digits only, lower case ('Hengelo (O.)' → 'hengelo', 'Rijssen-Holten' → 'rijssenholten')."""
    plain = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    plain = _GEMEENTE.sub("", _OVERIJSSEL.sub("", plain.strip()))
    return _NOT_LETTER.sub("", plain.casefold())


def find_code(text: object, names: Mapping[str, str]) -> str | None:
    """The code (a key of `names`, code → name) that `text` names, by code or by name; None when none does."""
    key = name_key(text)
    if not key:
        return None
    for code, name in names.items():
        if key in (name_key(code), name_key(name)):
            return code
    return None
