"""Uploads within bounds: the size limit just under and just over, in Dutch and English, on the page and in the help."""

from __future__ import annotations

import tomllib

import pytest

from ros.base.config import MAX_UPLOAD_BYTES, ROOT
from ros.data import uploads
from ros.model import allocation, own_figures

TOO_LARGE = {"nl": "Het bestand is groter dan 5 MB.", "en": "The file is larger than 5 MB."}


def test_the_limit_is_five_megabytes_and_a_file_of_exactly_that_size_passes() -> None:
    assert uploads.MAX_BYTES == MAX_UPLOAD_BYTES == 5 * 1024 * 1024
    # Streamlit refuses anything larger before it is held in memory (issue 24, F8): its limit is ours
    streamlit = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert streamlit * 1024 * 1024 == MAX_UPLOAD_BYTES
    uploads.check_size(b"x" * MAX_UPLOAD_BYTES)
    with pytest.raises(uploads.UploadError) as refused:
        uploads.check_size(b"x" * (MAX_UPLOAD_BYTES + 1))
    assert [refused.value.text(lang) for lang in ("nl", "en")] == [TOO_LARGE["nl"], TOO_LARGE["en"]]


@pytest.mark.parametrize(
    "read",
    [
        lambda data: uploads.csv_rows(data, 100),
        lambda data: uploads.table_rows("kasboek.csv", data, 100),
        lambda data: uploads.table_rows("kasboek.xlsx", data, 100),
        lambda data: own_figures.read_upload("eigen.csv", data),
    ],
    ids=["csv", "table csv", "table xlsx", "own figures"],
)
def test_every_reader_refuses_one_byte_over_the_limit_and_reads_on_at_the_limit(read) -> None:
    with pytest.raises(uploads.UploadError) as over:
        read(b" " * (MAX_UPLOAD_BYTES + 1))
    assert over.value.text("nl") == TOO_LARGE["nl"]
    with pytest.raises(uploads.UploadError) as at_limit:  # past the size check, the next one answers
        read(b" " * MAX_UPLOAD_BYTES)
    assert at_limit.value.text("nl") not in ("", TOO_LARGE["nl"])


def test_weights_over_the_limit_are_refused_in_both_languages(snapshot) -> None:
    municipalities = snapshot["municipalities"]
    with pytest.raises(allocation.AllocationError) as refused:
        allocation.read_weights_csv(b"x" * (MAX_UPLOAD_BYTES + 1), municipalities["code"], municipalities["name"])
    assert TOO_LARGE["nl"] in refused.value.text("nl")
    assert TOO_LARGE["en"] in refused.value.text("en")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_ledger_upload_names_our_limit_and_refuses_just_over_it_in_the_ui_language(lang: str) -> None:
    from tests.support.app import run_app
    from tests.support.markdown import shown

    browser = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    at = run_app("app_pages/budget.py", {"lang": lang})
    uploader = at.file_uploader(key="budget_ledger_upload")
    assert (
        uploader.help
        == {
            "nl": (
                f"Hoogstens 5 MB. Een bestand boven {browser} MB weigert het uploadvak zelf, met een Engelse melding "
                f'("File must be {browser}.0MB or smaller"), zonder het te versturen.'
            ),
            "en": (
                f"At most 5 MB. The upload box itself refuses a file over {browser} MB "
                f'("File must be {browser}.0MB or smaller") without sending it.'
            ),
        }[lang]
    )
    uploader.upload("groot.csv", b"x" * (MAX_UPLOAD_BYTES + 1), "text/csv").run()
    intro = {"nl": "Bestand groot.csv is niet overgenomen", "en": "File groot.csv was not taken over"}[lang]
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1
    assert errors[0].startswith(intro)
    assert errors[0].endswith(f"- {TOO_LARGE[lang]}")


def test_the_scenario_file_and_weights_uploaders_name_their_own_limit() -> None:
    from tests.support.app import run_app

    scenarios = run_app("app_pages/scenarios.py", {"lang": "en"})
    assert scenarios.file_uploader(key="scenario_upload").help.startswith(
        "A file made with ‘Download scenario file’, here or in another installation of the dashboard. At most 1 MB."
    )
    weights = run_app("app_pages/doelen.py", {"sleutel": "custom"})
    assert weights.file_uploader(key="weights_upload_1").help.startswith("Hoogstens 5 MB. ")


def test_the_progress_uploaders_name_the_limit_and_an_empty_own_cell_reads_unknown() -> None:
    from tests.support.app import run_app

    at = run_app("app_pages/voortgang.py", {"gemeente": "GM0153"})
    assert at.file_uploader(key="own_upload_1").help.startswith("Hoogstens 5 MB. ")
    assert at.file_uploader(key="capacity_upload_0").help.startswith("Hoogstens 5 MB. ")
    [editor] = at.get("data_editor")
    assert editor.proto.placeholder == "onbekend"  # Streamlit's own default would be the English "None"
