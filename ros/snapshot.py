"""Loading the shipped data snapshot: read every catalogued CSV, validate it and check the links between tables.

`load_snapshot` returns typed pandas frames (integers as int64, dates as `datetime.date`). It fails with a
`DataError` that names the file, the line and the problem, so a broken data update never reaches the screen.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Union, get_args, get_origin

import pandas as pd

from ros.catalog import CATALOG, TWENTE_CODES, Dataset
from ros.config import DATA_DIR
from ros.validation import DataError, require_unique, validate_table


@dataclass(frozen=True)
class Snapshot(Mapping[str, pd.DataFrame]):
    """The validated tables of the snapshot by dataset name; treat the frames as read-only. `version` is a
    fingerprint of the files it was read from (empty for a snapshot built in code)."""

    tables: Mapping[str, pd.DataFrame]
    version: str = ""

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)


def read_table(dataset: Dataset, data_dir: Path) -> pd.DataFrame:
    """Read and validate one dataset; columns typed by its row model."""
    path = data_dir / dataset.file
    if not path.exists():
        raise DataError(f"{dataset.file}: bestand ontbreekt in {data_dir}")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        raise DataError(f"{dataset.file}: niet te lezen als UTF-8 CSV ({error})") from None
    rows = validate_table(raw, dataset.model, path)
    frame = pd.DataFrame([row.model_dump() for row in rows], columns=list(dataset.model.model_fields))
    for column in _optional_int_fields(dataset):
        frame[column] = frame[column].astype("Int64")
    require_unique(frame, list(dataset.key), path)
    if dataset.per_municipality:
        _require_twente(frame, dataset.file)
    return frame


def _optional_int_fields(dataset: Dataset) -> list[str]:
    """Fields typed `int | None`, which pandas would otherwise turn into floats."""

    def is_int(annotation: object) -> bool:
        return annotation is int or (get_origin(annotation) is Annotated and get_args(annotation)[0] is int)

    fields = dataset.model.model_fields.items()
    return [
        name
        for name, field in fields
        if get_origin(field.annotation) in (Union, type(int | None))
        and type(None) in get_args(field.annotation)
        and any(is_int(a) for a in get_args(field.annotation))
    ]


def _require_twente(frame: pd.DataFrame, file: str) -> None:
    """Raise DataError unless the table covers exactly the 14 Twente municipalities."""
    codes = set(frame["code"])
    unknown = sorted(codes - TWENTE_CODES)
    if unknown:
        line = int(frame.index[frame["code"] == unknown[0]][0]) + 2
        raise DataError(f"{file}, regel {line}: '{unknown[0]}' is geen Twentse gemeente")
    absent = sorted(TWENTE_CODES - codes)
    if absent:
        raise DataError(f"{file}: gemeente(n) {', '.join(absent)} ontbreken; verwacht zijn precies de 14 Twentse gemeenten")


def _require_sources(tables: Mapping[str, pd.DataFrame], catalog: tuple[Dataset, ...]) -> None:
    """Raise DataError for the first row whose source id is not in sources.csv."""
    known = set(tables["sources"]["id"])
    for dataset in catalog:
        frame = tables[dataset.name]
        for column in (c for c in frame.columns if c.endswith("source_id")):
            bad = frame.index[~frame[column].isin(known) & frame[column].notna()]
            if len(bad):
                value = frame.at[bad[0], column]
                raise DataError(f"{dataset.file}, regel {int(bad[0]) + 2}: bron '{value}' staat niet in sources.csv")


def load_snapshot(data_dir: Path = DATA_DIR, catalog: tuple[Dataset, ...] = CATALOG) -> Snapshot:
    """Load and validate every dataset of the catalogue from `data_dir`."""
    tables = {dataset.name: read_table(dataset, Path(data_dir)) for dataset in catalog}
    _require_sources(tables, catalog)
    return Snapshot(tables, fingerprint(Path(data_dir), catalog))


def fingerprint(data_dir: Path, catalog: tuple[Dataset, ...] = CATALOG) -> str:
    """The first 12 hexadecimal digits of the SHA-256 of the catalogued files (names and bytes): it changes with
    any data update, so a download says which data it was computed from."""
    digest = hashlib.sha256()
    for dataset in catalog:
        digest.update(dataset.file.encode() + b"\0" + (data_dir / dataset.file).read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class DataVersion:
    """Which data a result was computed from: the files' fingerprint and the newest source's date."""

    fingerprint: str
    newest_source: str


def data_version(snapshot: Snapshot) -> DataVersion:
    """The snapshot's fingerprint and the most recent publication date among its sources (as precise as known)."""
    dates = [d for d in snapshot["sources"]["date"] if d]
    newest = max(dates, key=lambda d: tuple(int(p) for p in d.split("-"))) if dates else ""
    return DataVersion(snapshot.version, newest)


def sources_of(snapshot: Snapshot, name: str) -> pd.DataFrame:
    """The rows of sources.csv that dataset `name` points to (through any *source_id column)."""
    frame = snapshot[name]
    if name == "sources":
        return snapshot["sources"]
    values = frame[[c for c in frame.columns if c.endswith("source_id")]].to_numpy().ravel()
    ids = {v for v in values if isinstance(v, str) and v}
    return snapshot["sources"][snapshot["sources"]["id"].isin(ids)].reset_index(drop=True)
