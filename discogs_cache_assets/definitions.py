"""The code location: every asset, check, job, schedule, sensor and resource of the platform.

Configuration comes from environment variables (secrets only ever as dg.EnvVar):
DATABASE_URL (cache database; unset: embedded PostgreSQL), TARGET_DATABASE_URL (publish the
matches there instead of pruning in place), STATION_MYSQL_URL (station catalog), LIBRARY_DB,
LIBRARY_LABELS_CSV, LABEL_HIERARCHY_CSV, DISCOGS_DUMP_DIR, DISCOGS_CSV_DIR, DISCOGS_CACHE_HOME.
"""

from __future__ import annotations

import os

import dagster as dg

from discogs_cache_assets.assets import cache as cache_assets
from discogs_cache_assets.assets import dump as dump_assets
from discogs_cache_assets.assets import library as library_assets
from discogs_cache_assets.checks import all_checks
from discogs_cache_assets.library.mysql import MySQLResource
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.library_match import CacheSettings
from discogs_cache_assets.resources import PostgresResource, TargetPostgresResource, Workspace
from discogs_cache_assets.dump.resource import DumpResource


def _env(name: str) -> dg.EnvVar | None:
    """An EnvVar only when it is set, so an unset optional secret means 'not configured'."""
    return dg.EnvVar(name) if os.environ.get(name) else None


def _env_str(name: str) -> str:
    return os.environ.get(name, "")


def default_resources() -> dict[str, object]:
    from discogs_cache_assets.home import default_home

    home = default_home()
    return {
        "workspace": Workspace(home=_env_str("DISCOGS_CACHE_HOME")),
        "postgres": PostgresResource(url=_env("DATABASE_URL")),
        "target_postgres": TargetPostgresResource(url=_env("TARGET_DATABASE_URL")),
        "mysql": MySQLResource(url=_env("STATION_MYSQL_URL")),
        "library": LibraryResource(
            db_path=os.environ.get("LIBRARY_DB", str(home / "sample" / "library.db")),
            labels_csv=os.environ.get("LIBRARY_LABELS_CSV") or None,
            label_hierarchy_csv=os.environ.get("LABEL_HIERARCHY_CSV") or None,
        ),
        "dump": DumpResource(
            dump_dir=os.environ.get("DISCOGS_DUMP_DIR", str(home / "sample" / "dump")),
            csv_dir=_env_str("DISCOGS_CSV_DIR"),
        ),
        "pipes_subprocess_client": dg.PipesSubprocessClient(),
        "cache_settings": CacheSettings(prune=os.environ.get("DISCOGS_PRUNE", "1") != "0"),
    }


all_assets = dg.load_assets_from_modules([library_assets, dump_assets, cache_assets])

build_job = dg.define_asset_job(
    "build_cache",
    selection=dg.AssetSelection.all(),
    description="Everything from the library and the dump to the published cache",
)

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=all_checks,
    jobs=[build_job],
    resources=default_resources(),
)
