"""The published cache's schema version, and the upgrade of an older cache in place.

Version N is the layout a build publishes (sql/cache_tables.sql with its constraints and
indexes); ``sql/upgrade/NNNN_<name>.sql`` takes a published cache from version N-1 to N. A cache
without ``public.schema_version`` was published before versions were recorded: version 0. The
schema step applies the missing steps in order, each once, recorded in ``public.schema_version``
in the same transaction, before the build publishes: the swap carries the service's rows and
write-backs by column name, so an older cache must have the new names first, and the lookup
service can read which layout it is talking to. A step must also run in a database where nothing
is published yet (``IF EXISTS``): there it only records the version the first build publishes.
A cache newer than the code is refused, never published over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.brief_locks import lock_timeout_ms, retried
from discogs_cache_assets.cache.build import PUBLISHED_SCHEMA, table_exists
from discogs_cache_assets.cache.errors import BuildConflict
from discogs_cache_assets.cache.tables import PUBLISHED_TABLES

UPGRADE_DIR = "upgrade"
_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


class SchemaTooNew(BuildConflict):
    """The published cache records a version this code does not know."""


@dataclass(frozen=True)
class Step:
    version: int
    name: str

    @property
    def file(self) -> str:
        return f"{UPGRADE_DIR}/{self.version:04d}_{self.name}"


@cache
def steps() -> tuple[Step, ...]:
    """Every upgrade step, in order; their numbers run 1, 2, … without gaps."""
    folder = sqlfiles.sql_dir() / UPGRADE_DIR
    found: list[Step] = []
    for expected, path in enumerate(sorted(folder.glob("*.sql")), start=1):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise sqlfiles.SqlFilesNotFound(f"{path}: an upgrade file is named NNNN_<name>.sql (lower case)")
        if int(match[1]) != expected:
            raise sqlfiles.SqlFilesNotFound(
                f"{path}: upgrade files are numbered from 0001 without gaps or repeats; expected {expected:04d} here"
            )
        found.append(Step(expected, match[2]))
    return tuple(found)


def current() -> int:
    """The version this code publishes."""
    return len(steps())


def published_version(conn: psycopg.Connection) -> int:
    """The version the database's published cache records (0: none recorded)."""
    if not table_exists(conn, PUBLISHED_SCHEMA, "schema_version"):
        return 0
    return int(conn.execute(sqlfiles.query("schema_version")).fetchone()[0])


def _too_new(found: int, where: str) -> SchemaTooNew:
    return SchemaTooNew(
        f"{where}: the published cache is at schema version {found}, newer than this code's {current()}: "
        f"build it with the discogs-cache-assets that published it, or a newer one"
    )


@dataclass(frozen=True)
class Upgraded:
    before: int
    applied: tuple[Step, ...]

    @property
    def after(self) -> int:
        return self.applied[-1].version if self.applied else self.before


def upgrade(conn: psycopg.Connection, where: str, to: int | None = None) -> Upgraded:
    """Apply the steps the published cache lacks, up to ``to`` (default: the current version), in
    one transaction, taken with brief lock waits and retried as the swap is (the lookup service
    reads on meanwhile). ``where`` names the database in the error lines."""
    target = current() if to is None else to
    timeout_ms = lock_timeout_ms(conn, len(PUBLISHED_TABLES))
    done, _tries = retried(lambda: _upgrade_once(conn, where, target, timeout_ms), f"{where}: the published cache")
    return done


def _upgrade_once(conn: psycopg.Connection, where: str, target: int, timeout_ms: int) -> Upgraded:
    with conn.transaction():
        conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(f"{timeout_ms}ms")))
        found = published_version(conn)
        if found > current():
            raise _too_new(found, where)
        applied = [s for s in steps() if found < s.version <= target]
        for step in applied:
            try:
                conn.execute(sqlfiles.query(step.file))
            except psycopg.errors.LockNotAvailable:
                raise
            except psycopg.Error as exc:
                raise BuildConflict(
                    f"{where}: upgrade {sqlfiles.sql_dir() / step.file}.sql failed: {str(exc).splitlines()[0]}"
                ) from None
            conn.execute(sqlfiles.query("schema_version_record"), {"version": step.version, "name": step.name})
    return Upgraded(found, tuple(applied))


def require_current(conn: psycopg.Connection, where: str) -> None:
    """Refuse to build or publish over a cache that is not at this code's version."""
    found = published_version(conn)
    if found > current():
        raise _too_new(found, where)
    if found < current():
        raise BuildConflict(
            f"{where}: the published cache is at schema version {found}, this build publishes {current()}: "
            f"materialize cache_schema first (it upgrades the cache)"
        )
