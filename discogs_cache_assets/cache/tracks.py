"""release_tracks: the tracks and track credits of the dedup survivors only."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from discogs_cache_assets.cache.build import run_sql_file
from discogs_cache_assets.cache.child_rows import ChildCounts, clean_child
from discogs_cache_assets.cache.csv_load import Loaded
from discogs_cache_assets.cache.release_import import TRACKS


@dataclass(frozen=True)
class TrackReport:
    tracks: ChildCounts
    track_artists: ChildCounts
    seconds: float


def import_tracks(conn: psycopg.Connection, csv_dir: Path) -> TrackReport:
    """The raw track tables were loaded by release_tables; csv_dir only names them in errors."""
    started = time.monotonic()
    run_sql_file(conn, "release_tracks")
    tracks, track_artists = (
        clean_child(conn, Loaded(spec, csv_dir / spec.file, 0, 0), survivors="dedup_survivor") for spec in TRACKS
    )
    return TrackReport(tracks, track_artists, time.monotonic() - started)
