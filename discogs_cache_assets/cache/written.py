"""What the lookup service wrote back onto releases a new build also holds (artwork, its check
time): copied into the next cache by cache_tables, and what it wrote since then by the swap."""

from __future__ import annotations

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import NEXT_SCHEMA, PUBLISHED_SCHEMA, table_exists

AT_BUILD = "publish_keep_written"
AT_SWAP = "publish_keep_newer"


def keep_written(conn: psycopg.Connection, file: str) -> dict[str, int]:
    """Column -> releases whose value came from the published cache (nothing when none is published)."""
    if not (table_exists(conn, PUBLISHED_SCHEMA, "release") and table_exists(conn, NEXT_SCHEMA, "release")):
        return {}
    with conn.cursor() as cur:
        row = cur.execute(sqlfiles.query(file)).fetchone()
        return {d.name: int(n) for d, n in zip(cur.description or (), row or (), strict=True)}
