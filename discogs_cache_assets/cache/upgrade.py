"""The schema step's work on the database the cache is published to: a target database created
when it does not exist yet, and its published cache upgraded to this code's schema version
(cache/schema_version.py) before anything is built."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass

from discogs_cache_assets.cache import build
from discogs_cache_assets.cache.schema_version import upgrade
from discogs_cache_assets.cache.target_database import create_if_missing
from discogs_cache_assets.resources import PostgresResource, TargetPostgresResource, published_database


@dataclass(frozen=True)
class PublishedSchema:
    database: str
    version_before: int
    version: int
    applied: tuple[str, ...]
    created_database: bool = False

    def metadata(self) -> dict[str, object]:
        return {
            "published_database": self.database,
            "schema_version": self.version,
            "schema_version_before": self.version_before,
            "schema_upgrades_applied": ", ".join(self.applied),
            "created_database": self.created_database,
        }


def upgrade_published(postgres: PostgresResource, target: TargetPostgresResource) -> PublishedSchema:
    """Bring the published cache to this code's version. The caller's run holds the build
    database; a separate target database is held for the upgrade itself, as for the publish."""
    dest = published_database(postgres, target)
    created = dest is target and create_if_missing(target)
    lock = nullcontext if dest is postgres else build.build_lock
    with dest.connect(autocommit=True) as conn, lock(conn):
        done = upgrade(conn, dest.describe())
    return PublishedSchema(dest.describe(), done.before, done.after, tuple(s.file for s in done.applied), created)
