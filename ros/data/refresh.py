"""`python -m ros.data.refresh`: fetch the newest CBS figures and make them a new snapshot version.

Reads the tables of the registry (`ros.data.cbs_tables`): 81955NED (dwelling changes 2012–2024), 86098NED (its
successor: years from 2024 and the months of the running year), 37230ned (population at the start of each month since
2024), 85173NED (the 2022 regional forecast with its 67% interval), 83671NED (building permits per quarter and year by
ownership and client) and 82900NED (the stock by owner on 1 January, or its declared successor 86286NED once CBS stops
it), for the municipalities of the shipped snapshot, plus Overijssel and Twente where a table has them. Each table
comes through OData v4 or, when that fails, v3 (`ros.data.cbs`). `--check` reports per table whether CBS still
publishes it with our measures, its newest period and whether CBS has discontinued it, and switches nothing.
The new version is staged, validated and only then switched to (see `ros.data.versions`); `--dry-run` prints what would
change and switches nothing. Any failure prints one paragraph naming the table and the problem, exits with status 1
and leaves the current version in use.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ros.base import config
from ros.base.i18n import translate
from ros.data import cbs, cbs_tables, versions
from ros.data.catalog import (
    DwellingChangeRow,
    PermitRow,
    PopulationForecastRow,
    PopulationMonthRow,
    StockByOwnerRow,
)
from ros.data.cbs_service import CbsError, Service
from ros.data.snapshot import Snapshot, load_snapshot
from ros.data.validation import DataError, Row, validate_table

REFRESHED = ("dwelling_changes", "population_monthly", "population_forecast", "permits", "stock_by_owner")
FILES = {name: f"{name}.csv" for name in REFRESHED}
FIRST_PERMIT_YEAR = 2012  # permits and the stock by owner: as far back as CBS publishes them per municipality


class RefreshError(CbsError):
    """A refresh that stopped; `message(lang)` is the paragraph shown to the user."""


@dataclass(frozen=True)
class Outcome:
    """What a refresh did: the new version (None on a dry run), the report, the version it compared against."""

    version: Path | None
    report: Mapping[str, Mapping[str, Any]]
    previous: str
    interrupted: list[str]
    tables: Mapping[str, Mapping[str, Any]]  # the manifest's description of each CBS table read


def _checked(frame: pd.DataFrame, model: type[Row], file: str, table: str) -> pd.DataFrame:
    """Validate one CBS table's rows with the catalogue's row model; RefreshError names table, region and period."""
    try:
        validate_table(frame.astype(object).where(frame.notna(), None), model, f"{file} (CBS {table})")
    except DataError as error:
        line = re.search(r"regel (\d+)", str(error))
        where = ""
        if line:
            row = frame.iloc[int(line[1]) - 2]
            where = f"{row['code']} {row.get('period', row.get('month', row.get('year', '')))}: "
        detail = str(error).split(": ", 1)[-1]
        raise RefreshError(table, "invalid", detail=where + detail) from None
    return frame


def _previous(root: Path, base_dir: Path) -> Snapshot:
    """The snapshot the app would read without ROS_DATA_DIR: the newest valid version, else `base_dir`."""
    return versions.load_first_valid((*(str(p) for p in versions.version_dirs(root)), str(base_dir)))


def _described(fetched: cbs.Fetched, dataset: str) -> dict[str, Any]:
    """The manifest's entry for one table: title, date, the dataset it fed, the protocol that served it and why v4
    did not (both languages), and the discontinued table it was read for."""
    entry: dict[str, Any] = {
        "title": fetched.info.get("Title", ""),
        "modified": fetched.info.get("Modified", ""),
        "dataset": dataset,
        "protocol": fetched.protocol,
    }
    if fetched.fallback is not None:
        entry["v4_failure"] = {lang: fetched.fallback.message(lang) for lang in config.LANGUAGES}
    if fetched.replaces:
        entry["replaces"] = fetched.replaces
    return entry


def _fetch_into(staging: Path, service: Service, base: Snapshot) -> dict[str, Any]:
    """Fetch the tables into the staging directory; the manifest's table descriptions by CBS table id."""
    codes = sorted(c for c in base["municipalities"]["code"])
    dwellings, parts = cbs.dwelling_changes(service, codes)
    for table, part in dwellings.groupby("source_id", sort=False):
        _checked(part.reset_index(drop=True), DwellingChangeRow, FILES["dwelling_changes"], str(table)[4:].upper())
    versions.write_table(staging, FILES["dwelling_changes"], dwellings)
    population = cbs.fetch(cbs_tables.POPULATION_MONTHLY, service, codes, cbs.months_from(cbs.FIRST_REFRESH_YEAR))
    monthly = _checked(cbs.population_rows(population), PopulationMonthRow, FILES["population_monthly"], "37230ned")
    versions.write_table(staging, FILES["population_monthly"], monthly)
    forecast = cbs.fetch(cbs_tables.POPULATION_FORECAST, service, codes, cbs.years_from(2023, 2050))
    new_forecast = _checked(
        cbs.forecast_rows(forecast), PopulationForecastRow, FILES["population_forecast"], "85173NED"
    )
    shipped = base["population_forecast"]
    combined = pd.concat([shipped[shipped["vintage"] != "2022"], new_forecast], ignore_index=True)
    versions.write_table(staging, FILES["population_forecast"], combined)
    permits = cbs.fetch(cbs_tables.PERMITS, service, codes, cbs.quarters_and_years_from(FIRST_PERMIT_YEAR))
    permit_rows = _checked(cbs.permit_rows(permits), PermitRow, FILES["permits"], permits.spec.id)
    versions.write_table(staging, FILES["permits"], permit_rows)
    owners = cbs.fetch(cbs_tables.STOCK_BY_OWNER, service, codes, cbs.years_from(FIRST_PERMIT_YEAR))
    owner_rows = _checked(cbs.stock_by_owner_rows(owners), StockByOwnerRow, FILES["stock_by_owner"], owners.spec.id)
    versions.write_table(staging, FILES["stock_by_owner"], owner_rows)
    fed = [(part, "dwelling_changes") for part in parts]
    fed += [(population, "population_monthly"), (forecast, "population_forecast")]
    fed += [(permits, "permits"), (owners, "stock_by_owner")]
    return {fetched.spec.id: _described(fetched, dataset) for fetched, dataset in fed}


def configured_service() -> Service:
    """The CBS service as configured: addresses of the protocols ROS_CBS_PROTOCOLS names, and the timeout."""
    protocols = config.cbs_protocols()
    return Service(
        config.cbs_url() if "v3" in protocols else "",
        config.cbs_timeout(),
        config.cbs_v4_url() if "v4" in protocols else "",
    )


def refresh(
    dry_run: bool = False,
    base_dir: Path | None = None,
    root: Path | None = None,
    service: Service | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Fetch, stage, validate and (unless `dry_run`) publish a new version; RefreshError when anything fails."""
    base_dir = Path(base_dir or config.SHIPPED_DATA_DIR)
    root = root or versions.versions_root()
    service = service or configured_service()
    now = now or versions.fetched_at_now()
    with versions.refresh_lock(root) as locked:
        if not locked:
            raise RefreshError("—", "busy", root=str(root))
        interrupted = versions.remove_stale_staging(root)
        try:
            previous = _previous(root, base_dir)
            base = previous if previous.version.path == base_dir else load_snapshot(base_dir)
        except DataError as error:
            raise RefreshError("—", "base_invalid", detail=str(error)) from None
        name = versions.new_version_name(now, root)
        staging = versions.start_staging(base_dir, root, name)
        try:
            try:
                tables = _fetch_into(staging, service, base)
            except CbsError as error:
                raise RefreshError(error.table, error.problem, **error.details) from None
            manifest: dict[str, Any] = {
                "fetched_at": now.isoformat(),
                "cbs_url": service.url,
                "cbs_v4_url": service.v4_url,
                "tables": tables,
                "previous": previous.version.label,
                "dry_run": dry_run,
            }
            versions.write_manifest(staging, manifest)
            try:
                staged = load_snapshot(staging, kind="refreshed")
            except DataError as error:
                raise RefreshError("—", "invalid", detail=str(error)) from None
            manifest["changes"] = versions.change_report(previous, staged, REFRESHED)
            versions.write_manifest(staging, manifest)
            if dry_run:
                shutil.rmtree(staging, ignore_errors=True)
                return Outcome(None, manifest["changes"], previous.version.label, interrupted, tables)
            version = versions.publish(staging, root, name)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        versions.clear_failure(root)
        return Outcome(version, manifest["changes"], previous.version.label, interrupted, tables)


def _span(span: list[str] | None) -> str:
    """'2012–2024' for a first and last period, '—' for none."""
    return "—" if not span else span[0] if span[0] == span[1] else f"{span[0]}–{span[1]}"


def _following(period: str) -> str:
    """The month after `2026-09` or the quarter after `2025Q4`; '' for a year (years are never joined)."""
    if len(period) == 7:
        year, number = int(period[:4]), int(period[5:])
        return f"{year + number // 12}-{number % 12 + 1:02d}"
    if len(period) == 6:
        year, number = int(period[:4]), int(period[5])
        return f"{year + number // 4}Q{number % 4 + 1}"
    return ""


def compact_periods(periods: list[str]) -> str:
    """Years, then runs of consecutive quarters and months joined: '2025, 2025Q1–2025Q4, 2026-01–2026-09'; '—' for
    none."""
    parts: list[list[str]] = []
    for item in sorted(periods, key=lambda period: (len(period), period)):  # years, then quarters, then months
        if parts and _following(parts[-1][-1]) == item:
            parts[-1].append(item)
        else:
            parts.append([item])
    return ", ".join(_span([run[0], run[-1]]) for run in parts) or "—"


def periods_text(entry: Mapping[str, Any], lang: str) -> str:
    """The periods a table covers, in words: 'jaren 2012–2024; maanden 2026-01–2026-09'."""
    periods = []
    if "years" in entry:
        periods.append(translate(lang, "refresh.report_years", span=_span(entry["years"])))
    if "quarters" in entry:
        periods.append(translate(lang, "refresh.report_quarters", span=_span(entry["quarters"])))
    if "months" in entry:
        periods.append(translate(lang, "refresh.report_months", span=_span(entry["months"])))
    for vintage, span in (entry.get("vintages") or {}).items():
        periods.append(translate(lang, "refresh.report_vintage", vintage=vintage, span=_span(span)))
    return "; ".join(periods)


def versions_table(history: Sequence[Mapping[str, Any]], in_use: str) -> pd.DataFrame:
    """One row per version and refreshed table, newest first: when fetched, whether in use, rows added / changed /
    removed against the version before it, periods covered and still provisional, and which CBS table through which
    protocol fed it (codes, for the UI to word)."""
    rows = []
    for manifest in history:
        fetched = datetime.fromisoformat(manifest["fetched_at"]) if manifest.get("fetched_at") else None
        tables = manifest.get("tables") or {}
        for name, entry in (manifest.get("changes") or {}).items():
            rows.append(
                {
                    "version": manifest["label"],
                    "fetched_at": fetched,
                    "in_use": manifest["label"] == in_use,
                    "previous": manifest.get("previous", ""),
                    "table": name,
                    "added": entry["added"],
                    "changed": entry["changed"],
                    "removed": entry["removed"],
                    "entry": entry,
                    "protocols": {t: e.get("protocol", "") for t, e in tables.items() if e.get("dataset") == name},
                }
            )
    columns = ["version", "fetched_at", "in_use", "table", "added", "changed", "removed", "previous", "entry"]
    return pd.DataFrame(rows, columns=[*columns, "protocols"])


def protocols_text(protocols: Mapping[str, str], lang: str) -> str:
    """Which protocol served each CBS table: '81955NED via OData v4, 86098NED via OData v3'; '' for none recorded."""
    return ", ".join(
        translate(lang, "refresh.served_by", table=table, protocol=protocol)
        for table, protocol in protocols.items()
        if protocol
    )


def report_lines(report: Mapping[str, Mapping[str, Any]], lang: str) -> list[str]:
    """The change report as one line per table, in `lang`."""
    lines = []
    for name, entry in report.items():
        periods = [periods_text(entry, lang)]
        if entry.get("provisional") is not None:
            periods.append(translate(lang, "refresh.report_provisional", periods=compact_periods(entry["provisional"])))
        lines.append(
            translate(
                lang,
                "refresh.report_line",
                table=name,
                added=entry["added"],
                changed=entry["changed"],
                removed=entry["removed"],
                periods="; ".join(periods),
            )
        )
    return lines


def source_lines(tables: Mapping[str, Mapping[str, Any]], lang: str) -> list[str]:
    """One line per CBS table read through v3 after v4 failed, or read from the successor of a discontinued one."""
    lines = []
    for table, entry in tables.items():
        if entry.get("replaces"):
            lines.append(translate(lang, "refresh.read_successor", table=table, old=entry["replaces"]))
        if failure := entry.get("v4_failure"):
            lines.append(translate(lang, "refresh.read_v3", table=table, reason=failure.get(lang, "")))
    return lines


def check_line(found: cbs.TableCheck, lang: str) -> str:
    """One line of `--check` for one table and protocol, in `lang`."""
    if found.failure is not None:
        state = translate(lang, "refresh.check_failed", message=found.failure.message(lang))
    else:
        parts = [
            translate(
                lang,
                "refresh.check_published",
                status=found.status or "—",
                measures=found.measures,
                first=found.first or "—",
                newest=found.newest or "—",
            )
        ]
        if not found.expected_first:
            parts.append(translate(lang, "refresh.check_first_missing", first=found.expected))
        if found.discontinued:
            parts.append(translate(lang, "refresh.check_discontinued", named=", ".join(found.named) or "—"))
        if found.closed:
            parts.append(translate(lang, "refresh.check_closed", closed=found.closed))
        elif found.discontinued and found.successor:
            parts.append(translate(lang, "refresh.check_successor", successor=found.successor))
        elif found.discontinued:
            parts.append(translate(lang, "refresh.check_declare"))
        state = "; ".join(parts)
    return translate(lang, "refresh.check_line", table=found.table, protocol=found.protocol, state=state)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: refresh (or --dry-run), print the report or one paragraph on failure; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m ros.data.refresh", description="Haal de nieuwste CBS-cijfers op.")
    parser.add_argument("--dry-run", action="store_true", help="print what would change, switch nothing")
    parser.add_argument(
        "--check", action="store_true", help="report per table whether CBS still publishes it, switch nothing"
    )
    parser.add_argument("--lang", choices=config.LANGUAGES, default=config.DEFAULT_LANGUAGE)
    args = parser.parse_args(argv)
    lang, root = args.lang, versions.versions_root()
    if args.check:
        found = cbs.checks(configured_service(), cbs_tables.REGISTRY)
        print(translate(lang, "refresh.check_title"))
        print("\n".join(check_line(item, lang) for item in found))
        ok = cbs.checks_pass(found)
        print(translate(lang, "refresh.check_done" if ok else "refresh.check_attention"))
        return 0 if ok else 1
    try:
        try:
            outcome = refresh(dry_run=args.dry_run, root=root)
        except OSError as error:  # a full disk or a read-only cache: the staging directory is already removed
            raise RefreshError("—", "io", root=str(root), detail=error.strerror or str(error)) from None
    except RefreshError as error:
        if error.problem not in ("busy", "io") and not args.dry_run:
            failure = {
                "at": versions.fetched_at_now().isoformat(),
                "table": error.table,
                "problem": error.problem,
                "details": error.details,
                "nl": error.message("nl"),
                "en": error.message("en"),
            }
            with contextlib.suppress(OSError):  # the message below matters more than the note for the app
                versions.record_failure(root, failure)
        print(error.message(lang) + " " + translate(lang, "refresh.kept"), file=sys.stderr)
        return 1
    for name in outcome.interrupted:
        print(translate(lang, "refresh.interrupted_earlier", name=name))
    print(translate(lang, "refresh.report_title", previous=outcome.previous))
    print("\n".join(report_lines(outcome.report, lang) + source_lines(outcome.tables, lang)))
    if outcome.version is None:
        print(translate(lang, "refresh.dry_run_done"))
    else:
        print(translate(lang, "refresh.published", name=outcome.version.name, path=str(outcome.version)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
