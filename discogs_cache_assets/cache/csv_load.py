"""Bulk-load one converter CSV into an all-text raw table named after its header columns.

Columns are found by header name (order and extra columns do not matter, as with the reference
loader). PostgreSQL's own CSV parser does the work; its structural complaints (wrong column
count, bad UTF-8, unterminated quotes) are turned into one line naming the file and line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from discogs_cache_assets.cache.errors import InputError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class CsvSpec:
    file: str  # e.g. "release.csv"
    needed: tuple[str, ...]
    optional: tuple[str, ...] = ()
    required_file: bool = True

    @property
    def table(self) -> str:
        return self.file.removesuffix(".csv")

    @property
    def raw_table(self) -> str:
        return "raw_" + self.table


@dataclass(frozen=True)
class Loaded:
    spec: CsvSpec
    path: Path | None
    rows: int
    bytes: int


def read_header(path: Path) -> list[str]:
    with path.open("rb") as fh:
        first = fh.readline()
    if not first:
        raise InputError(f"{path}: line 1: empty file (expected a CSV header)")
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: line 1, byte {exc.start}: invalid UTF-8 in header") from None
    header = next(csv.reader([line.lstrip("\ufeff")]))
    if len(set(header)) != len(header):
        raise InputError(f"{path}: line 1: repeated column name in header {header}")
    return header


def load_csv(conn: psycopg.Connection, spec: CsvSpec, csv_dir: Path) -> Loaded:
    """Create ``raw_<name>`` (text columns) and COPY the file into it; missing optional columns
    become NULL columns so the cleaning SQL can always name them."""
    path = csv_dir / spec.file
    if not path.is_file():
        if spec.required_file:
            raise InputError(f"{path}: missing file (required by the import)")
        header: list[str] = []
    else:
        header = read_header(path)
        missing = [c for c in spec.needed if c not in header]
        if missing:
            raise InputError(f"{path}: line 1: missing column(s) {', '.join(missing)} in header")
    columns = list(header) + [c for c in (*spec.needed, *spec.optional) if c not in header]
    table = sql.Identifier(spec.raw_table)
    conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(table))
    conn.execute(
        sql.SQL("CREATE UNLOGGED TABLE {} ({})").format(
            table, sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
        )
    )
    if not header:
        return Loaded(spec, None, 0, 0)
    copy_stmt = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, HEADER true)").format(
        table, sql.SQL(", ").join(map(sql.Identifier, header))
    )
    size = path.stat().st_size
    try:
        with conn.cursor() as cur:
            with cur.copy(copy_stmt) as copy, path.open("rb") as fh:
                while chunk := fh.read(_CHUNK):
                    copy.write(chunk)
            rows = cur.rowcount
    except psycopg.errors.DataError as exc:
        raise InputError(f"{path}: {describe_copy_error(exc)}") from None
    if spec.needed and rows == 0 and spec.file == "release.csv":
        raise InputError(f"{path}: line 2: no data rows (an empty or truncated CSV set)")
    return Loaded(spec, path, rows, size)


_LINE = re.compile(r"\bline (\d+)(?:, column (\w+))?")


def describe_copy_error(exc: psycopg.Error) -> str:
    """'line N, column C: <primary message>' from PostgreSQL's COPY error and its context."""
    diag = exc.diag
    primary = (diag.message_primary or str(exc)).strip()
    where = ""
    if diag.context and (m := _LINE.search(diag.context)):
        where = f"line {m.group(1)}" + (f", column {m.group(2)}" if m.group(2) else "")
    if "invalid byte sequence" in primary:
        primary = "invalid UTF-8 (" + primary.split(":", 1)[-1].strip() + ")"
    return f"{where}: {primary}" if where else primary
