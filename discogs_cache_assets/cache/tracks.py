"""release_tracks: the import policy's counts for the tracks and track credits of the survivors.

No rows are written: tracks are only published, so cache_tables types them from the raw rows
for the published releases alone (a third fewer rows than the survivors' at 2M releases).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from discogs_cache_assets.cache.child_rows import ChildCounts, count_child
from discogs_cache_assets.cache.csv_load import Loaded
from discogs_cache_assets.cache.release_import import TRACKS


@dataclass(frozen=True)
class TrackReport:
    tracks: ChildCounts
    track_artists: ChildCounts
    seconds: float


def import_tracks(conn: psycopg.Connection, csv_dir: Path) -> TrackReport:
    """The raw track tables were loaded and grouped by release_tables; csv_dir only names them in errors."""
    started = time.monotonic()
    tracks, track_artists = (
        count_child(conn, Loaded(spec, csv_dir / spec.file, 0, 0), survivors="dedup_survivor") for spec in TRACKS
    )
    return TrackReport(tracks, track_artists, time.monotonic() - started)
