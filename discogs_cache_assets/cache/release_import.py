"""release_tables: COPY the CSVs into the build schema and apply the import policy.

Releases, credits and labels are typed here (dedup and the library match read them); the
publish-only children are grouped and counted (child_rows.PUBLISH_ONLY). Tracks are grouped here
too, since dedup ranks by their raw count; their policy counts need the survivors and are
release_tracks' job.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from discogs_cache_assets.cache.build import run_sql_file
from discogs_cache_assets.cache.child_rows import MAX_DIRT, PUBLISH_ONLY, ChildCounts, clean_child, count_child, key_child
from discogs_cache_assets.cache.csv_load import CsvSpec, Loaded, load_csv
from discogs_cache_assets.cache.errors import InputError

RELEASE = CsvSpec("release.csv", needed=("id", "title", "country", "released", "master_id"))
BASE_CHILDREN = (
    CsvSpec("release_artist.csv", needed=("release_id", "artist_id", "artist_name", "extra"), optional=("role",)),
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
    raw_rows: dict[str, int] = field(default_factory=dict)


def import_release_tables(conn: psycopg.Connection, csv_dir: Path) -> ImportReport:
    started = time.monotonic()
    report = ImportReport()
    run_sql_file(conn, "release_tables")
    loaded: dict[str, Loaded] = {}
    for spec in (RELEASE, *BASE_CHILDREN, IMAGES, *TRACKS):
        loaded[spec.file] = load_csv(conn, spec, csv_dir)
        report.raw_rows[spec.file] = loaded[spec.file].rows
        report.bytes += loaded[spec.file].bytes
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
    for spec in (*BASE_CHILDREN, *TRACKS):
        table = spec.raw_table.removeprefix("raw_")
        if table in PUBLISH_ONLY:
            key_child(conn, table)
    for spec in BASE_CHILDREN:
        table = spec.raw_table.removeprefix("raw_")
        if table in PUBLISH_ONLY:
            report.children.append(count_child(conn, loaded[spec.file], survivors="release"))
        else:
            report.children.append(clean_child(conn, loaded[spec.file]))
    report.seconds = time.monotonic() - started
    return report
