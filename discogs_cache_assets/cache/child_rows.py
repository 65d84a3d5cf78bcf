"""The import policy for child rows: keep what belongs, count what does not.

Rows of a release skipped for a missing field, or dropped by dedup, are expected losses.
Anything else (unknown release, missing required field) is dirt: counted, and above
``MAX_DIRT`` of a table's rows the input is broken rather than dirty and the step fails.

Two kinds of child table: the ones the build itself reads (credits, labels: dedup and the
library match need them) are typed into tables of the build schema by ``clean_child``; the
ones that are only published (``PUBLISH_ONLY``: genres, styles, videos, tracks, track credits)
are grouped per release by ``key_child`` and counted by ``count_child`` without being written,
and typed from their raw rows at publish time for the published releases only (cache_rows/).
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.csv_load import Loaded
from discogs_cache_assets.cache.errors import InputError

MAX_DIRT = 0.01
PUBLISH_ONLY = ("release_genre", "release_style", "release_video", "release_track", "release_track_artist")


@dataclass(frozen=True)
class ChildCounts:
    table: str
    total: int
    kept: int
    of_skipped: int
    not_survivor: int

    @property
    def dirty(self) -> int:
        return self.total - self.kept - self.of_skipped - self.not_survivor


def typed_rows(table: str) -> sql.Composable:
    """The raw rows of a publish-only table, typed, with their raw release id and policy verdict."""
    return sqlfiles.query(f"child_rows/{table}")


def keys_table(table: str) -> str:
    return f"{table}_key"


def clean_child(conn: psycopg.Connection, loaded: Loaded) -> ChildCounts:
    """Fill the typed table from ``raw_<table>`` keeping the rows of imported releases."""
    table = loaded.spec.table
    kept = conn.execute(sqlfiles.query(f"clean/{table}", survivors="release")).rowcount
    total, of_skipped, not_survivor = conn.execute(
        sqlfiles.query("child_stats_all", raw=loaded.spec.raw_table)
    ).fetchone()
    return _within_policy(conn, loaded, ChildCounts(table, total, kept, of_skipped, not_survivor))


def key_child(conn: psycopg.Connection, table: str) -> None:
    """Group a publish-only table's raw rows per raw release id (child_keys.sql)."""
    conn.execute(sqlfiles.query("child_keys", keys=keys_table(table), rows=typed_rows(table)))


def count_child(conn: psycopg.Connection, loaded: Loaded, survivors: str) -> ChildCounts:
    """The policy's counts of a publish-only table against ``survivors`` (a table of ids)."""
    table = loaded.spec.table
    total, kept, of_skipped, not_survivor = conn.execute(
        sqlfiles.query("child_key_stats", keys=keys_table(table), survivors=survivors)
    ).fetchone()
    return _within_policy(conn, loaded, ChildCounts(table, total, kept, of_skipped, not_survivor))


def _within_policy(conn: psycopg.Connection, loaded: Loaded, counts: ChildCounts) -> ChildCounts:
    if counts.total and counts.dirty > MAX_DIRT * counts.total:
        where = ""
        line = conn.execute(sqlfiles.query("first_orphan", raw=loaded.spec.raw_table)).fetchone()
        if line:
            where = f"line {line[0]}: "
        raise InputError(
            f"{loaded.path}: {where}{counts.dirty} of {counts.total} rows "
            f"({100 * counts.dirty / counts.total:.1f}%) belong to no release or lack a required field; "
            f"more than {MAX_DIRT:.0%} means the CSV set is broken, not dirty"
        )
    return counts
