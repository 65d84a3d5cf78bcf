"""The code location: every asset, check, job, schedule, sensor and resource of the platform.

Configuration comes from environment variables (secrets only ever as dg.EnvVar):
DATABASE_URL (cache database; unset: embedded PostgreSQL), TARGET_DATABASE_URL (publish the
matches there instead of pruning in place), STATION_MYSQL_URL (station catalog), LIBRARY_DB,
LIBRARY_LABELS_CSV, LABEL_HIERARCHY_CSV, DISCOGS_LIBRARY_ARTISTS_FILE (the station's own artist
list for the converter's filter), DISCOGS_KEEP_RELEASE_IDS_FILE (release ids the station pins:
kept whatever dedup and the library match say), DISCOGS_DUMP_DIR, DISCOGS_DUMP_URL (download from this dump
source; https://data.discogs.com/ by default with automation on), DISCOGS_CSV_DIR,
DISCOGS_CACHE_HOME, DISCOGS_KEEP_CSV_MONTHS (months of converted CSVs kept), DISCOGS_MAX_RELEASE_LOSS_PERCENT
and DISCOGS_ALLOW_SHRINK (the shrink guard before a publish), DISCOGS_DEDUP (format: one release
per master and format instead of per master), DISCOGS_MIN_COVERAGE_PERCENT (the share of library
rows the kept releases must answer before library_rows_answered warns, default 95),
DISCOGS_AUTOMATION (1: sensor
and schedules on), SLACK_TOKEN and SLACK_CHANNEL or DISCOGS_ALERT_WEBHOOK_URL (alerts, alerts.py),
DISCOGS_NEAREST_INDEXES (1: the optional indexes for nearest-neighbour search, docs/lookup-search.md),
DISCOGS_TIERED_INDEXES (1: the optional track title table for the tiered searches, docs/lookup-search.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from discogs_cache_assets.alerts import alert_sensors
from discogs_cache_assets.assets import cache as cache_assets
from discogs_cache_assets.assets import dump as dump_assets
from discogs_cache_assets.assets import library as library_assets
from discogs_cache_assets.automation import (
    AUTOMATION_ON,
    build_job,
    daily_freshness,
    freshness_job,
    monthly_build,
    new_dump_sensor,
)
from discogs_cache_assets.checks import all_checks
from discogs_cache_assets.library.mysql import MySQLResource
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.cache.dedup import DedupSettings
from discogs_cache_assets.cache.search_indexes import SearchIndexes
from discogs_cache_assets.cache.shrink import ShrinkGuard
from discogs_cache_assets.library_match import CacheSettings
from discogs_cache_assets.pipes_reader import converter_client
from discogs_cache_assets.process_exit import skip_final_collection
from discogs_cache_assets.resources import PostgresResource, TargetPostgresResource, Workspace
from discogs_cache_assets.dump.resource import DISCOGS_SOURCE, DumpResource


def _env(name: str) -> dg.EnvVar | None:
    """An EnvVar only when it is set, so an unset optional secret means 'not configured'."""
    return dg.EnvVar(name) if os.environ.get(name) else None


def _env_str(name: str) -> str:
    return os.environ.get(name, "")


def _env_int(name: str, default: int) -> int:
    return dg.EnvVar.int(name) if os.environ.get(name) else default


def _dump_resource(home: Path) -> DumpResource:
    # With automation on, an unset DISCOGS_DUMP_URL means Discogs' own source (set it empty for
    # local files only). With a URL and no folder, downloads go to <home>/downloads; with
    # neither, the demo's sample folder.
    url = os.environ.get("DISCOGS_DUMP_URL", DISCOGS_SOURCE if AUTOMATION_ON else "")
    default_dir = "" if url else str(home / "sample" / "dump")
    return DumpResource(
        dump_dir=os.environ.get("DISCOGS_DUMP_DIR", default_dir),
        listing_url=url,
        csv_dir=_env_str("DISCOGS_CSV_DIR"),
        filter_mode=_env_str("DISCOGS_FILTER") or "artist",
    )


def _sample_labels(sample: Path) -> str | None:
    # The sample's label preferences go with the sample's library only.
    labels = sample / "library_labels.csv"
    return str(labels) if "LIBRARY_DB" not in os.environ and labels.is_file() else None


def default_resources() -> dict[str, object]:
    from discogs_cache_assets.home import default_home

    home = default_home()
    sample = home / "sample" / "dump"  # what `python -m discogs_cache_assets demo` generates
    return {
        "workspace": Workspace(
            home=_env_str("DISCOGS_CACHE_HOME"), keep_csv_months=_env_int("DISCOGS_KEEP_CSV_MONTHS", 1)
        ),
        "postgres": PostgresResource(url=_env("DATABASE_URL")),
        "target_postgres": TargetPostgresResource(url=_env("TARGET_DATABASE_URL")),
        "mysql": MySQLResource(url=_env("STATION_MYSQL_URL")),
        "library": LibraryResource(
            db_path=os.environ.get("LIBRARY_DB", str(sample / "library.db")),
            labels_csv=os.environ.get("LIBRARY_LABELS_CSV") or _sample_labels(sample),
            label_hierarchy_csv=os.environ.get("LABEL_HIERARCHY_CSV") or None,
            artists_file=os.environ.get("DISCOGS_LIBRARY_ARTISTS_FILE") or None,
            keep_release_ids_file=os.environ.get("DISCOGS_KEEP_RELEASE_IDS_FILE") or None,
        ),
        "dump": _dump_resource(home),
        "pipes_subprocess_client": converter_client(),
        "cache_settings": CacheSettings(
            prune=os.environ.get("DISCOGS_PRUNE", "1") != "0",
            min_coverage_percent=float(os.environ.get("DISCOGS_MIN_COVERAGE_PERCENT") or 95),
        ),
        "search_indexes": SearchIndexes(
            nearest=os.environ.get("DISCOGS_NEAREST_INDEXES", "0") == "1",
            tiered=os.environ.get("DISCOGS_TIERED_INDEXES", "0") == "1",
        ),
        "dedup": DedupSettings(by=_env_str("DISCOGS_DEDUP") or "master"),
        "shrink_guard": ShrinkGuard(
            max_release_loss_percent=_env_int("DISCOGS_MAX_RELEASE_LOSS_PERCENT", 10),
            allow_shrink=os.environ.get("DISCOGS_ALLOW_SHRINK", "0") == "1",
        ),
    }


skip_final_collection()

# Who answers for the graph, and which asset the lookup service reads: the UI's owner and tag
# filters tell the published cache from the steps that lead to it.
OWNER = "team:station-engineering"
LAYER_TAG = "discogs/layer"


def _owned_and_layered(spec: dg.AssetSpec) -> dg.AssetSpec:
    layer = "published" if spec.key == cache_assets.discogs_cache.key else "intermediate"
    return spec.merge_attributes(owners=[OWNER], tags={LAYER_TAG: layer})


all_assets = dg.map_asset_specs(
    _owned_and_layered, dg.load_assets_from_modules([library_assets, dump_assets, cache_assets])
)
alerts, alert_resources = alert_sensors()

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=all_checks,
    jobs=[build_job, freshness_job],
    schedules=[monthly_build, daily_freshness],
    sensors=[new_dump_sensor, *alerts],
    resources={**default_resources(), **alert_resources},
    # The graph is a chain behind one database pool: a process per step buys no parallelism and
    # costs a Python start and a Dagster import each (docs/scaling.md has the measurement).
    executor=dg.in_process_executor,
)
