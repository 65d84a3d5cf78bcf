"""Masters and artists: the masters and artists dumps' CSVs, published for the published
releases only.

The converter writes these files whole (every master and artist of the dump). release_tables
COPYs them raw and applies the import policy: a row without its id or a required field, a master
credit whose master the masters file lacks (an orphan), or a repeated master or artist id is
dropped and counted; above ``MAX_DIRT`` of a file the CSV set is broken and the step fails naming
the file and the first such line. It then keeps, typed (side_rows/), only the rows of the imported
releases' masters and credited artists (side_keep.sql; the raw rows go), and cache_tables
publishes from those the masters of the published releases and the artists credited on them
(sql/published_artist_ids.sql says which credits count). A month without its masters or artists
dump leaves those tables empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.child_rows import MAX_DIRT
from discogs_cache_assets.cache.csv_load import CsvSpec, Loaded
from discogs_cache_assets.cache.errors import InputError

SIDE_SPECS = (
    CsvSpec("master.csv", needed=("id", "title"), optional=("main_release_id", "year"), required_file=False),
    CsvSpec("master_artist.csv", needed=("master_id", "artist_name"), optional=("artist_id",), required_file=False),
    CsvSpec("artist.csv", needed=("artist_id", "artist_name"), optional=("profile",), required_file=False),
    CsvSpec("artist_alias.csv", needed=("artist_id", "alias_name"), optional=("alias_id",), required_file=False),
    CsvSpec("artist_name_variation.csv", needed=("artist_id", "name"), required_file=False),
    CsvSpec(
        "artist_member.csv", needed=("group_artist_id", "member_artist_id", "member_name"), required_file=False
    ),
    CsvSpec("artist_url.csv", needed=("artist_id", "url"), required_file=False),
)
# In FK order: a master before its credits, an artist before its rows.
SIDE_TABLES = tuple(spec.table for spec in SIDE_SPECS)
# Files with one row per id, whose repeated ids the policy drops.
KEYED = ("master", "artist")
# The column a kept row belongs to its master or artist by.
KEYS = {"master": "id", "master_artist": "master_id", "artist": "id"}
ARTIST_CHILDREN = {"aliases": "artist_alias", "variations": "artist_name_variation",
                   "members": "artist_member", "urls": "artist_url"}


@dataclass(frozen=True)
class SideCounts:
    table: str
    total: int
    dropped: int

    @property
    def kept(self) -> int:
        return self.total - self.dropped


def side_rows(table: str) -> sql.Composable:
    """The raw rows of a masters or artists file, typed, in file order, with the policy's verdict."""
    return sqlfiles.query(f"side_rows/{table}")


def kept_table(table: str) -> str:
    return f"side_{table}"


def kept_rows(table: str) -> sql.Composable:
    """The typed rows the import kept of a masters or artists file (side_keep.sql)."""
    return sqlfiles.query("side_kept", kept=kept_table(table))


def publish_parts(table: str) -> dict[str, sql.Composable]:
    """What cache_rows/<table>.sql composes for a masters or artists table."""
    parts: dict[str, sql.Composable] = {"rows": kept_rows(table)}
    if table.startswith("master"):
        parts["masters"] = sqlfiles.query("published_master_ids")
        if table == "master_artist":
            parts["master_rows"] = kept_rows("master")
    else:
        parts["artists"] = sqlfiles.query("published_artist_ids")
        if table == "artist":
            parts.update({name: kept_rows(child) for name, child in ARTIST_CHILDREN.items()})
    return parts


def import_files() -> tuple[str, ...]:
    """The SQL files the import policy reads these CSVs with (part of release_tables' build key)."""
    return (
        "side_stats", "side_repeated", "side_first_invalid", "side_keep", "side_drop_raw",
        "side_candidates_master", "side_candidates_artist", *(f"side_rows/{t}" for t in SIDE_TABLES),
    )


def publish_files() -> tuple[str, ...]:
    """The SQL files cache_tables publishes them with (part of its build key)."""
    return (
        "published_master_ids",
        "published_artist_ids",
        "side_kept",
        *(f"cache_rows/{t}" for t in SIDE_TABLES),
    )


def count_side(conn: psycopg.Connection, loaded: Loaded) -> SideCounts:
    """The policy's counts of one loaded masters or artists file; fails when it is broken."""
    table = loaded.spec.table
    rows = side_rows(table)
    total, dropped = conn.execute(sqlfiles.query("side_stats", rows=rows)).fetchone()
    if table in KEYED:
        dropped += conn.execute(sqlfiles.query("side_repeated", rows=rows)).fetchone()[0]
    counts = SideCounts(table, int(total), int(dropped))
    if counts.total and counts.dropped > MAX_DIRT * counts.total:
        line = conn.execute(sqlfiles.query("side_first_invalid", rows=rows)).fetchone()
        where = f"line {line[0]}: " if line else ""
        raise InputError(
            f"{loaded.path}: {where}{counts.dropped} of {counts.total} rows "
            f"({100 * counts.dropped / counts.total:.1f}%) lack their id or a required field, repeat an id "
            f"or belong to no master; more than {MAX_DIRT:.0%} means the CSV set is broken, not dirty"
        )
    return counts


def keep_side(conn: psycopg.Connection, loaded: list[Loaded]) -> None:
    """After the counts: keep the typed rows of the imported releases' masters and credited
    artists, then drop the raw tables (the masters' raw ids judge the master credits until then)."""
    for spec in (one.spec for one in loaded):
        kind = "master" if spec.table.startswith("master") else "artist"
        conn.execute(sqlfiles.query(
            "side_keep", kept=kept_table(spec.table), rows=side_rows(spec.table),
            key=KEYS.get(spec.table, "artist_id"), candidates=sqlfiles.query(f"side_candidates_{kind}"),
        ))
    for spec in (one.spec for one in loaded):
        conn.execute(sqlfiles.query("side_drop_raw", raw=spec.raw_table))
