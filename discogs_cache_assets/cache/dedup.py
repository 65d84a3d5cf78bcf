"""deduped_releases: one release per master_id (or per master_id and normalized format),
preferring the station's labels."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import psycopg
from psycopg import sql
from pydantic import Field

from discogs_cache_assets.cache.build import run_sql_file
from discogs_cache_assets.cache.csv_load import describe_copy_error, read_header
from discogs_cache_assets.cache.errors import InputError
from discogs_cache_assets.cache.label_match import key_preferences, match_preferred_releases


DEDUP_MODES = ("master", "format")


class DedupSettings(dg.ConfigurableResource):
    """Resource key ``dedup``: what one kept release stands for."""

    by: str = Field(
        default="master",
        description="master: one release per master; format: one per master and normalized format "
        "(Vinyl, CD, Cassette, 7\", Digital, other), so a station owning the vinyl and the CD keeps both",
    )

    def mode(self) -> str:
        """``master`` or ``format`` (any case; empty is ``master``); else one line naming the setting."""
        mode = self.by.strip().lower() or DEDUP_MODES[0]
        if mode not in DEDUP_MODES:
            raise InputError(
                f"DISCOGS_DEDUP={self.by!r}: dedup keeps one release per 'master' or per master and 'format'"
            )
        return mode


@dataclass(frozen=True)
class DedupReport:
    candidates: int
    survivors: int
    removed: int
    masters: int
    label_preferences: int
    label_hierarchy_rows: int
    label_matches: int
    seconds: float


def _copy_pref_file(conn: psycopg.Connection, table: str, path: Path | None, columns: tuple[str, ...]) -> int:
    if path is None:
        return 0
    header = read_header(path)
    missing = [c for c in columns if c not in header]
    if missing:
        raise InputError(f"{path}: line 1: missing column(s) {', '.join(missing)} in header")
    # Stage every header column (text), keep the ones the ranking needs.
    conn.execute(
        sql.SQL("CREATE TEMP TABLE pref_stage ({}) ON COMMIT DROP").format(
            sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in header)
        )
    )
    try:
        with conn.cursor() as cur, cur.copy(
            sql.SQL("COPY pref_stage FROM STDIN WITH (FORMAT csv, HEADER true)")
        ) as copy:
            copy.write(path.read_bytes())
    except psycopg.errors.DataError as exc:
        raise InputError(f"{path}: {describe_copy_error(exc)}") from None
    cols = sql.SQL(", ").join(map(sql.Identifier, columns))
    rows = conn.execute(sql.SQL("INSERT INTO {} ({}) SELECT {} FROM pref_stage").format(sql.Identifier(table), cols, cols)).rowcount
    conn.execute("DROP TABLE pref_stage")
    return rows


def dedup_releases(
    conn: psycopg.Connection, label_prefs: Path | None, label_hierarchy: Path | None, *, by_format: bool = False
) -> DedupReport:
    started = time.monotonic()
    run_sql_file(conn, "label_prefs")
    prefs = _copy_pref_file(conn, "label_pref_raw", label_prefs, ("artist_name", "release_title", "label_name"))
    hierarchy = _copy_pref_file(conn, "label_hierarchy_raw", label_hierarchy, ("label_name", "parent_label_name"))
    key_preferences(conn)
    matches = match_preferred_releases(conn)
    run_sql_file(conn, "dedup", by_format=sql.Literal(by_format))
    candidates, masters = conn.execute(
        "SELECT count(*), count(DISTINCT master_id) FROM release"
    ).fetchone()
    survivors = conn.execute("SELECT count(*) FROM dedup_survivor").fetchone()[0]
    return DedupReport(
        candidates=candidates,
        survivors=survivors,
        removed=candidates - survivors,
        masters=masters,
        label_preferences=prefs,
        label_hierarchy_rows=hierarchy,
        label_matches=matches,
        seconds=time.monotonic() - started,
    )
