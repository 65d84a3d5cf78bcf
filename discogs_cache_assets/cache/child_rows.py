"""The import policy for child rows (DESIGN.md): keep what belongs, count what does not.

Rows of a release skipped for a missing field, or dropped by dedup, are expected losses.
Anything else (unknown release, missing required field) is dirt: counted, and above
``MAX_DIRT`` of a table's rows the input is broken rather than dirty and the step fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.csv_load import Loaded
from discogs_cache_assets.cache.errors import InputError

MAX_DIRT = 0.01


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


def clean_child(conn: psycopg.Connection, loaded: Loaded, survivors: str) -> ChildCounts:
    """Fill the typed table from ``raw_<table>`` keeping rows of ``survivors`` (a table of ids)."""
    table = loaded.spec.raw_table.removeprefix("raw_")
    kept = conn.execute(sqlfiles.query(f"clean/{table}", survivors=survivors)).rowcount
    stats = "child_stats_all" if survivors == "release" else "child_stats"
    total, of_skipped, not_survivor = conn.execute(
        sqlfiles.query(stats, raw=loaded.spec.raw_table, survivors=survivors)
    ).fetchone()
    counts = ChildCounts(table, total, kept, of_skipped, not_survivor)
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
