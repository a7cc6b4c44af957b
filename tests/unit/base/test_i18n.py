"""Translation catalogues: Dutch and English complete, same keys, same placeholders."""

import re
import string

from ros.base.config import LOCALES_DIR
from ros.base.i18n import Translator, catalogue, language, section, translate


def test_both_languages_have_the_same_files_and_keys() -> None:
    nl_files = sorted(p.name for p in (LOCALES_DIR / "nl").glob("*.toml"))
    en_files = sorted(p.name for p in (LOCALES_DIR / "en").glob("*.toml"))
    assert nl_files == en_files
    nl, en = catalogue("nl"), catalogue("en")
    assert sorted(set(nl) - set(en)) == []
    assert sorted(set(en) - set(nl)) == []


def test_placeholders_match_between_languages() -> None:
    nl, en = catalogue("nl"), catalogue("en")
    fields = lambda text: sorted({f for _, f, _, _ in string.Formatter().parse(text) if f})  # noqa: E731
    mismatched = [key for key in nl if fields(nl[key]) != fields(en[key])]
    assert mismatched == []


def test_no_text_is_empty_or_a_placeholder_word() -> None:
    for lang in ("nl", "en"):
        for key, text in catalogue(lang).items():
            assert text.strip(), key
            assert not re.search(r"\b(TODO|FIXME|lorem)\b", text, re.IGNORECASE), key


def test_translate_fills_values_and_falls_back() -> None:
    assert translate("nl", "common.unknown") == "onbekend"
    assert translate("en", "common.unknown") == "unknown"
    assert translate("xx", "common.unknown") == "onbekend"
    assert translate("nl", "overview.since", value="+1", date="1-1-2024") == "+1 sinds 1-1-2024"
    assert translate("nl", "no.such.key") == "no.such.key"


def test_language_accepts_only_supported_codes() -> None:
    assert language("en") == "en"
    assert language("<script>") == "nl"
    assert language(None) == "nl"


def test_section_strips_the_area_prefix() -> None:
    assert section("en", "governance")["then"] == "then"


def test_localized_names_the_column_of_the_language() -> None:
    from ros.base.i18n import localized

    assert localized("title", "en") == "title_en"
    assert localized("title", "nl") == "title_nl"
    assert localized("note", "xx") == "note_nl"  # an unknown language falls back to Dutch


def test_a_translator_looks_up_in_its_language_and_area() -> None:
    assert Translator("nl", "targets")("path_title", start=2025) == "Nieuwe woningen in Twente, cumulatief vanaf 2025"
    assert Translator("en", "targets")("path_title", start=2025) == "New homes in Twente, cumulative from 2025"
    assert Translator("en")("common.unknown") == "unknown"
    assert Translator("fr")("common.unknown") == "onbekend"  # an unknown language falls back to Dutch
