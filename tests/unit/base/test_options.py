"""ros.base.options: one parser for every 'one of these options' value in a link."""

from __future__ import annotations

import pytest

from ros.base.options import NotAnOption, one_of


def test_one_of_accepts_only_the_options() -> None:
    parse = one_of(("tijdlijn", "lijst"))
    assert parse("lijst") == "lijst"
    for bad in ("kaart", "Lijst", " lijst", ""):
        with pytest.raises(NotAnOption) as refused:
            parse(bad)
        assert isinstance(refused.value, ValueError)
    with pytest.raises(KeyError):
        parse("kaart")


def test_folding_case_trims_and_lowers() -> None:
    parse = one_of({"raad", "college"}, fold_case=True)
    assert parse(" Raad ") == "raad"
    with pytest.raises(NotAnOption):
        parse("minister")
