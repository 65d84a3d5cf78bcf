"""What discogs_cache shows about the cache that is live: where it comes from, how big it is,
and what the publish carried over from the one it replaced.

Counts that belong together (rows per table, carried rows per table) are one total plus a table,
so the UI plots the total across builds instead of one plot per table.
"""

from __future__ import annotations

from collections.abc import Mapping

import dagster as dg
import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import PUBLISHED_SCHEMA
from discogs_cache_assets.cache.publish import PublishReport
from discogs_cache_assets.cache.tables import PUBLISHED_TABLES

BYTES_PER_MB = 1_000_000
KEPT = "kept_service_values"


def counts_table(counts: Mapping[str, int], key: str, value: str) -> dg.TableMetadataValue:
    return dg.TableMetadataValue(
        records=[dg.TableRecord({key: k, value: int(n)}) for k, n in counts.items()],
        schema=dg.TableSchema(columns=[dg.TableColumn(key, "string"), dg.TableColumn(value, "int")]),
    )


def published_metadata(conn: psycopg.Connection, key: str) -> dict[str, object]:
    """The live cache: its dump and library, its releases, rows per table and size."""
    rows = {
        t: conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(PUBLISHED_SCHEMA, t))).fetchone()[0]
        for t in PUBLISHED_TABLES
    }
    size = conn.execute(sqlfiles.query("published_bytes"), {"tables": list(PUBLISHED_TABLES)}).fetchone()[0]
    built = conn.execute(sqlfiles.query("live_build"), {"key": key}).fetchone()
    dump_id, library_fingerprint = built if built else (None, None)
    return {
        "dump_id": dump_id,  # as cache_build records it
        "library_fingerprint": library_fingerprint or "",
        "releases": rows["release"],
        "dagster/row_count": rows["release"],
        "rows_by_table": counts_table(rows, "table", "rows"),
        "size_mb": round(int(size) / BYTES_PER_MB, 1),
    }


def kept_metadata(kept: Mapping[str, int], name: str = KEPT) -> dict[str, object]:
    """Values the service wrote back that a build leaves NULL, kept on the build's releases and
    artists (cache_tables), or newer ones written during the build (the swap)."""
    return {name: sum(kept.values()), f"{name}_by_column": counts_table(kept, "column", "rows")}


def publish_metadata(report: PublishReport) -> dict[str, object]:
    """What the swap did: how long the service waited, what it carried and kept."""
    carried = {t: n for t, n in report.carried.items() if t != "grants"}
    metadata: dict[str, object] = {
        "swap_seconds": round(report.swap_seconds, 3),
        "swap_attempts": report.attempts,
        "carried_rows": sum(carried.values()),
        "carried_rows_by_table": counts_table(carried, "table", "rows"),
        "carried_grants": report.carried.get("grants", 0),
        **kept_metadata(report.kept, "newer_service_values"),
    }
    for loss in report.shrink.losses if report.shrink else ():
        metadata[f"{loss.measure}_before"] = loss.published
        metadata[f"{loss.measure}_loss_percent"] = round(loss.percent, 2)
    return metadata
