"""Loading a data snapshot: read every catalogued CSV, validate it and check the links between tables.

A snapshot is the shipped `data/`, a refreshed version under the cache directory (see `ros.data.versions`) or a
directory pinned by ROS_DATA_DIR. `load_snapshot` returns typed pandas frames (integers as int64, dates as
`datetime.date`) and the version it read. It fails with a `DataError` that names the file, the line and the problem,
so a broken data update never reaches the screen. Optional tables that are absent are not in the mapping.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

import pandas as pd

from ros.base import config
from ros.data import series
from ros.data.catalog import CATALOG, TWENTE_CODES, Dataset
from ros.data.validation import DataError, require_unique, validate_table

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class SnapshotVersion:
    """Which snapshot was read: the shipped data, a refreshed version (fetched_at set) or a pinned directory."""

    label: str
    fetched_at: datetime | None
    path: Path
    kind: Literal["shipped", "refreshed", "pinned"] = "shipped"
    fingerprint: str = ""


@dataclass(frozen=True)
class Snapshot(Mapping[str, pd.DataFrame]):
    """The validated tables of the snapshot by dataset name; treat the frames as read-only. `version` says which
    snapshot it was read from, with a fingerprint of its files (empty label and fingerprint when built in code)."""

    tables: Mapping[str, pd.DataFrame]
    version: SnapshotVersion = field(
        default_factory=lambda: SnapshotVersion("", None, config.SHIPPED_DATA_DIR, "shipped")
    )

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
        raise DataError(
            f"{file}: gemeente(n) {', '.join(absent)} ontbreken; verwacht zijn precies de 14 Twentse gemeenten"
        )


def _require_known_municipalities(tables: Mapping[str, pd.DataFrame], catalog: tuple[Dataset, ...]) -> None:
    """Raise DataError for the first municipality code of a regional table that is not in municipalities.csv."""
    known = set(tables["municipalities"]["code"])
    for dataset in (d for d in catalog if d.name in tables and not d.per_municipality):
        frame = tables[dataset.name]
        if "code" not in frame.columns:
            continue
        bad = frame.index[frame["code"].str.startswith("GM") & ~frame["code"].isin(known)]
        if len(bad):
            value = frame.at[bad[0], "code"]
            raise DataError(f"{dataset.file}, regel {int(bad[0]) + 2}: '{value!s}' staat niet in municipalities.csv")


def _require_sources(tables: Mapping[str, pd.DataFrame], catalog: tuple[Dataset, ...]) -> None:
    """Raise DataError for the first row whose source id is not in sources.csv."""
    known = set(tables["sources"]["id"])
    for dataset in (d for d in catalog if d.name in tables):
        frame = tables[dataset.name]
        for column in (c for c in frame.columns if c.endswith("source_id")):
            bad = frame.index[~frame[column].isin(known) & frame[column].notna()]
            if len(bad):
                value = frame.at[bad[0], column]
                raise DataError(f"{dataset.file}, regel {int(bad[0]) + 2}: bron '{value!s}' staat niet in sources.csv")


def read_version(data_dir: Path, kind: Literal["shipped", "refreshed", "pinned"] | None = None) -> SnapshotVersion:
    """The version of the snapshot in `data_dir`: its manifest when it has one, else the shipped or a pinned one."""
    data_dir = Path(data_dir)
    manifest = data_dir / MANIFEST
    if manifest.exists():
        try:
            fetched = datetime.fromisoformat(json.loads(manifest.read_text(encoding="utf-8"))["fetched_at"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise DataError(f"{MANIFEST}: niet te lezen in {data_dir} ({error})") from None
        return SnapshotVersion(data_dir.name, fetched, data_dir, kind or "refreshed")
    shipped = data_dir.resolve() == config.SHIPPED_DATA_DIR.resolve()
    if shipped:
        return SnapshotVersion("data/", None, data_dir, kind or "shipped")
    return SnapshotVersion(data_dir.name, None, data_dir, kind or "pinned")


def load_snapshot(
    data_dir: Path | None = None,
    catalog: tuple[Dataset, ...] = CATALOG,
    kind: Literal["shipped", "refreshed", "pinned"] | None = None,
) -> Snapshot:
    """Load and validate every dataset of the catalogue from `data_dir` (default `ros.base.config.data_dir()`; absent
    optional tables are left out)."""
    data_dir = config.data_dir() if data_dir is None else Path(data_dir)
    tables = {
        dataset.name: read_table(dataset, data_dir)
        for dataset in catalog
        if not (dataset.optional and not (data_dir / dataset.file).exists())
    }
    _require_sources(tables, catalog)
    if "municipalities" in tables:
        _require_known_municipalities(tables, catalog)
    version = replace(read_version(data_dir, kind), fingerprint=fingerprint(data_dir, catalog))
    if "sources" in tables:
        tables["sources"] = series.current_sources(tables, version.fetched_at)
    return Snapshot(tables, version)


def datasets_in(snapshot: Snapshot, catalog: tuple[Dataset, ...] = CATALOG) -> list[Dataset]:
    """The catalogued datasets this snapshot holds, in catalogue order."""
    return [dataset for dataset in catalog if dataset.name in snapshot]


def fingerprint(data_dir: Path, catalog: tuple[Dataset, ...] = CATALOG) -> str:
    """The first 12 hexadecimal digits of the SHA-256 of the catalogued files (names and bytes): it changes with
    any data update, so a download says which data it was computed from."""
    digest = hashlib.sha256()
    for dataset in (d for d in catalog if (data_dir / d.file).exists()):
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
    return DataVersion(snapshot.version.fingerprint, newest)


def sources_of(snapshot: Snapshot, name: str) -> pd.DataFrame:
    """The rows of sources.csv that dataset `name` points to (through any *source_id column)."""
    frame = snapshot[name]
    if name == "sources":
        return snapshot["sources"]
    values = frame[[c for c in frame.columns if c.endswith("source_id")]].to_numpy().ravel()
    ids = {v for v in values if isinstance(v, str) and v}
    return snapshot["sources"][snapshot["sources"]["id"].isin(ids)].reset_index(drop=True)
