"""Materializing the real asset graph in tests, and reading what it published."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import psycopg
from psycopg import sql

from discogs_cache_assets.cache.dedup import DedupSettings
from discogs_cache_assets.cache.search_indexes import SearchIndexes
from discogs_cache_assets.cache.shrink import ShrinkGuard
from discogs_cache_assets.cache.tables import FILLED_TABLES
from discogs_cache_assets.checks import all_checks
from discogs_cache_assets.definitions import all_assets
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.library.mysql import MySQLResource
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.library_match import CacheSettings
from discogs_cache_assets.pipes_reader import converter_client
from discogs_cache_assets.resources import PostgresResource, TargetPostgresResource, Workspace


def graph_resources(
    *,
    pg_url: str,
    home: Path,
    csv_dir: Path,
    library_db: Path,
    labels_csv: Path | None = None,
    hierarchy_csv: Path | None = None,
    prune: bool = True,
    target_url: str | None = None,
    allow_shrink: bool = False,
    nearest: bool = False,
    dedup: str = "master",
) -> dict[str, object]:
    return {
        "workspace": Workspace(home=str(home)),
        "postgres": PostgresResource(url=pg_url),
        "target_postgres": TargetPostgresResource(url=target_url),
        "mysql": MySQLResource(url=None),
        "library": LibraryResource(
            db_path=str(library_db),
            labels_csv=str(labels_csv) if labels_csv else None,
            label_hierarchy_csv=str(hierarchy_csv) if hierarchy_csv else None,
        ),
        "dump": DumpResource(csv_dir=str(csv_dir)),
        "pipes_subprocess_client": converter_client(),
        "cache_settings": CacheSettings(prune=prune),
        "shrink_guard": ShrinkGuard(allow_shrink=allow_shrink),
        "search_indexes": SearchIndexes(nearest=nearest),
        "dedup": DedupSettings(by=dedup),
    }


def build(instance: dg.DagsterInstance, resources: dict[str, object], *, raise_on_error: bool = True, selection=None):  # noqa: ANN001, ANN201
    return dg.materialize(
        [*all_assets, *all_checks], instance=instance, resources=resources, raise_on_error=raise_on_error, selection=selection
    )


def published_ids(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM public.release ORDER BY id")]


def published_rows(url: str) -> dict[str, list[tuple]]:
    """Every published table's rows, sorted, without the build-time stamps."""
    out: dict[str, list[tuple]] = {}
    with psycopg.connect(url) as conn:
        for table in FILLED_TABLES:
            cols = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = %s AND column_name NOT IN ('cached_at') ORDER BY ordinal_position",
                    (table,),
                )
            ]
            query = sql.SQL("SELECT {} FROM public.{}").format(
                sql.SQL(", ").join(map(sql.Identifier, cols)), sql.Identifier(table)
            )
            out[table] = sorted(conn.execute(query).fetchall(), key=repr)
    return out


def metadata(result, asset: str) -> dict[str, object]:  # noqa: ANN001
    events = result.asset_materializations_for_node(asset)
    assert events, f"{asset} was not materialized"
    return {k: v.value for k, v in events[-1].metadata.items()}
