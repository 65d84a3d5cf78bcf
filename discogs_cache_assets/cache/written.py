"""What the lookup service wrote back into the published cache that a new build must keep:
copied into the next cache by cache_tables, and what it wrote since then by the swap.

On releases the build also holds: the artwork and its check time (a build has none). Artists it
fetched or tombstoned: whole, whether the build holds them or not (publish_keep_artists.sql).
"""

from __future__ import annotations

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import NEXT_SCHEMA, PUBLISHED_SCHEMA, table_exists

# Per moment: each SQL file, and the table it needs in both caches.
AT_BUILD = {"publish_keep_written": "release", "publish_keep_artists": "artist"}
AT_SWAP = {"publish_keep_newer": "release", "publish_keep_artists": "artist"}


def keep_written(conn: psycopg.Connection, files: dict[str, str]) -> dict[str, int]:
    """Column -> rows whose value came from the published cache (nothing when none is published)."""
    kept: dict[str, int] = {}
    for file, table in files.items():
        if not (table_exists(conn, PUBLISHED_SCHEMA, table) and table_exists(conn, NEXT_SCHEMA, table)):
            continue
        with conn.cursor() as cur:
            row = cur.execute(sqlfiles.query(file)).fetchone()
            kept.update({d.name: int(n) for d, n in zip(cur.description or (), row or (), strict=True)})
    return kept
