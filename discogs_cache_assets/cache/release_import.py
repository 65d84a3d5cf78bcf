"""release_tables: COPY the CSVs into the build schema and apply the import policy.

Releases, credits and labels are typed here (dedup and the library match read them); the
publish-only children are grouped and counted (child_rows.PUBLISH_ONLY). Tracks are grouped here
too, since dedup ranks by their raw count; their policy counts need the survivors and are
release_tracks' job. The masters and artists files are only COPYed and counted
(cache/side_tables.py).

The two halves need different raw tables, so they run side by side on two connections (two
cores): this step's own transaction types releases, credits and labels while a helper connection
loads and groups the publish-only children and commits them (sql/forget_import.sql says why that
early commit is safe).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from discogs_cache_assets.cache.build import run_sql_file, tune_session, use_build_schema
from discogs_cache_assets.cache.child_rows import MAX_DIRT, PUBLISH_ONLY, ChildCounts, clean_child, count_child, key_child
from discogs_cache_assets.cache.csv_load import CsvSpec, Loaded, load_csv
from discogs_cache_assets.cache.errors import InputError
from discogs_cache_assets.cache.side_tables import SIDE_SPECS, SideCounts, count_side, keep_side

RELEASE = CsvSpec(
    "release.csv",
    needed=("id", "title", "country", "released", "master_id"),
    optional=("format", "format_descriptions"),
)
BASE_CHILDREN = (
    # position and join_field: the library match reads the main credits' line (match_joined_credits).
    CsvSpec("release_artist.csv", needed=("release_id", "artist_id", "artist_name", "extra"),
            optional=("role", "position", "join_field")),
    CsvSpec("release_label.csv", needed=("release_id", "label"), optional=("catno", "label_id")),
    CsvSpec("release_genre.csv", needed=("release_id", "genre"), required_file=False),
    CsvSpec("release_style.csv", needed=("release_id", "style"), required_file=False),
    CsvSpec(
        "release_video.csv",
        needed=("release_id", "src"),
        optional=("sequence", "title", "duration", "embed"),
        required_file=False,
    ),
)
IMAGES = CsvSpec("release_image.csv", needed=("release_id", "type", "uri"), required_file=False)
# Loaded and grouped here (dedup ranks by track count); counted against the survivors by release_tracks.
TRACKS = (
    CsvSpec("release_track.csv", needed=("release_id", "sequence", "position", "title", "duration")),
    CsvSpec(
        "release_track_artist.csv", needed=("release_id", "track_sequence", "artist_name"), optional=("extra", "role")
    ),
)


Connect = Callable[[], AbstractContextManager[psycopg.Connection]]


@dataclass
class ImportReport:
    releases_in_file: int = 0
    releases: int = 0
    skipped_no_title: int = 0
    repeated_ids: int = 0
    bad_ids: int = 0
    bytes: int = 0
    seconds: float = 0.0
    children: list[ChildCounts] = field(default_factory=list)
    sides: list[SideCounts] = field(default_factory=list)
    raw_rows: dict[str, int] = field(default_factory=dict)


def import_release_tables(conn: psycopg.Connection, csv_dir: Path, connect: Connect) -> ImportReport:
    """``connect`` opens the helper connection (same database and session settings as ``conn``)."""
    started = time.monotonic()
    report = ImportReport()
    run_sql_file(conn, "release_tables")
    publish_only = [s for s in (*BASE_CHILDREN, *TRACKS) if s.table in PUBLISH_ONLY]
    typed = [s for s in (RELEASE, *BASE_CHILDREN, IMAGES) if s not in publish_only]
    with ThreadPoolExecutor(max_workers=1) as helper:
        beside = helper.submit(_load_publish_only, connect, publish_only, csv_dir, SIDE_SPECS)
        loaded = {spec.file: load_csv(conn, spec, csv_dir) for spec in typed}
        run_sql_file(conn, "release_clean")
        report.releases_in_file = loaded["release.csv"].rows
        report.releases = conn.execute("SELECT count(*) FROM release").fetchone()[0]
        report.skipped_no_title, report.bad_ids = conn.execute(
            "SELECT count(*) FILTER (WHERE to_int(id) IS NOT NULL AND coalesce(btrim(title), '') = ''),"
            " count(*) FILTER (WHERE to_int(id) IS NULL) FROM raw_release"
        ).fetchone()
        report.repeated_ids = report.releases_in_file - report.releases - report.skipped_no_title - report.bad_ids
        dirt = report.repeated_ids + report.bad_ids
        if dirt > MAX_DIRT * report.releases_in_file:
            raise InputError(
                f"{loaded['release.csv'].path}: {dirt} of {report.releases_in_file} releases have a repeated "
                f"or unparsable id; more than {MAX_DIRT:.0%} means the CSV set is broken, not dirty"
            )
        for spec in BASE_CHILDREN:
            if spec not in publish_only:
                report.children.append(clean_child(conn, loaded[spec.file]))
        loaded.update(beside.result())
    for spec in BASE_CHILDREN:
        if spec in publish_only:
            report.children.append(count_child(conn, loaded[spec.file], survivors="release"))
    report.sides = [count_side(conn, loaded[spec.file]) for spec in SIDE_SPECS]
    keep_side(conn, [loaded[spec.file] for spec in SIDE_SPECS])
    for spec in (RELEASE, *BASE_CHILDREN, IMAGES, *TRACKS, *SIDE_SPECS):
        report.raw_rows[spec.file] = loaded[spec.file].rows
        report.bytes += loaded[spec.file].bytes
    report.seconds = time.monotonic() - started
    return report


def _load_publish_only(
    connect: Connect, specs: list[CsvSpec], csv_dir: Path, raw_only: tuple[CsvSpec, ...]
) -> dict[str, Loaded]:
    """COPY and group the publish-only children on a connection of their own, COPY the
    ``raw_only`` files (masters and artists, typed at publish time) beside them, and commit."""
    with connect() as helper:
        use_build_schema(helper)
        tune_session(helper)
        run_sql_file(helper, "forget_import")
        loaded = {}
        for spec in specs:
            loaded[spec.file] = load_csv(helper, spec, csv_dir)
            key_child(helper, spec.table)
        for spec in raw_only:
            loaded[spec.file] = load_csv(helper, spec, csv_dir)
        helper.commit()
    return loaded
