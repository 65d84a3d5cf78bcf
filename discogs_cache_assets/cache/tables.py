"""cache_tables: the next cache, complete with constraints and indexes, in its own schema.

Only the releases that survive dedup and the library match are copied, with their masters and
credited artists, so every index is built once and on the final rows. With a target database
the rows stream there by binary COPY; otherwise they are inserted within the build database.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import NEXT_SCHEMA, run_sql_file
from discogs_cache_assets.cache.child_rows import PUBLISH_ONLY, typed_rows
from discogs_cache_assets.cache.search_indexes import build_index_sets
from discogs_cache_assets.cache.side_tables import SIDE_TABLES, publish_files, publish_parts
from discogs_cache_assets.cache.written import AT_BUILD, keep_written

# Filled from the build, in FK order (release first).
FILLED_TABLES = (
    "release",
    "release_artist",
    "release_label",
    "release_track",
    "release_track_artist",
    "release_genre",
    "release_style",
    "release_video",
    "cache_metadata",
)
# Everything the publish swaps: the filled tables, the masters and artists, the service's own
# and the provenance.
PUBLISHED_TABLES = (*FILLED_TABLES, *SIDE_TABLES, "lookup_negative", "cache_build")
# Made by an optional index set (cache/search_indexes.py) when it is enabled: swapped when the
# next cache has them, and the published ones dropped when it has not.
OPTIONAL_TABLES = ("track_title_search",)


@dataclass(frozen=True)
class Provenance:
    build_key: str
    dump_id: str
    library_fingerprint: str


@dataclass
class TablesReport:
    rows: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    load_seconds: float = 0.0
    index_seconds: float = 0.0
    # The optional index sets (cache/search_indexes.py), within index_seconds.
    optional_index_seconds: float = 0.0
    optional_index_bytes: int = 0


def cache_rows_parts(table: str) -> dict[str, sql.Composable]:
    """What cache_rows/<table>.sql composes: the typed raw rows of a publish-only table, or of a
    masters or artists file."""
    if table in SIDE_TABLES:
        return publish_parts(table)
    return {"rows": typed_rows(table)} if table in PUBLISH_ONLY else {}


def cache_rows_files() -> tuple[str, ...]:
    """Every SQL file the published rows are read with (part of cache_tables' build key)."""
    return (
        *(f"cache_rows/{t}" for t in FILLED_TABLES),
        *(f"child_rows/{t}" for t in PUBLISH_ONLY),
        *publish_files(),
    )


def _columns(conn: psycopg.Connection, select: sql.Composable) -> list[str]:
    with conn.cursor() as cur:
        cur.execute(sql.SQL("SELECT * FROM ({}) s LIMIT 0").format(select))
        return [d.name for d in cur.description or ()]


def build_cache_tables(
    source: psycopg.Connection,
    dest: psycopg.Connection,
    *,
    same_database: bool,
    provenance: Provenance,
    index_sets: tuple[str, ...] = (),
) -> TablesReport:
    report = TablesReport()
    started = time.monotonic()
    next_schema = sql.Identifier(NEXT_SCHEMA)
    run_sql_file(dest, "extensions")  # a target database may be brand new
    dest.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(next_schema))
    dest.execute(sql.SQL("CREATE SCHEMA {}").format(next_schema))
    dest.execute(sql.SQL("SET search_path TO {}, public").format(next_schema))
    run_sql_file(dest, "cache_tables")
    for table in (*FILLED_TABLES, *SIDE_TABLES):
        select = sqlfiles.query(f"cache_rows/{table}", **cache_rows_parts(table))
        columns = sql.SQL(", ").join(map(sql.Identifier, _columns(source, select)))
        target = sql.Identifier(NEXT_SCHEMA, table)
        if same_database:
            report.rows[table] = dest.execute(
                sql.SQL("INSERT INTO {} ({}) {}").format(target, columns, select)
            ).rowcount
        else:
            report.rows[table] = _stream(source, dest, select, target, columns)
    dest.execute(
        "INSERT INTO cache_build (build_key, dump_id, library_fingerprint) VALUES (%s, %s, %s)",
        (provenance.build_key, provenance.dump_id, provenance.library_fingerprint),
    )
    report.kept = keep_written(dest, AT_BUILD)  # before the indexes: the cheapest time to update rows
    report.load_seconds = time.monotonic() - started
    started = time.monotonic()
    run_sql_file(dest, "cache_constraints")
    run_sql_file(dest, "cache_indexes")
    if index_sets:
        report.optional_index_seconds, report.optional_index_bytes = build_index_sets(dest, NEXT_SCHEMA, index_sets)
    for table in PUBLISHED_TABLES:
        dest.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(NEXT_SCHEMA, table)))
        report.bytes[table] = dest.execute(
            "SELECT pg_total_relation_size(%s)", (f"{NEXT_SCHEMA}.{table}",)
        ).fetchone()[0]
    report.index_seconds = time.monotonic() - started
    return report


def _stream(
    source: psycopg.Connection,
    dest: psycopg.Connection,
    select: sql.Composable,
    target: sql.Composable,
    columns: sql.Composable,
) -> int:
    copy_out = sql.SQL("COPY ({}) TO STDOUT (FORMAT binary)").format(select)
    copy_in = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT binary)").format(target, columns)
    with source.cursor() as out_cur, dest.cursor() as in_cur:
        with out_cur.copy(copy_out) as out, in_cur.copy(copy_in) as inp:
            for chunk in out:
                inp.write(chunk)
        return in_cur.rowcount
