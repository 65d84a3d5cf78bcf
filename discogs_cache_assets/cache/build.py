"""Build bookkeeping shared by the database steps: schemas, build keys, step markers, the lock.

Resume works from two witnesses that must agree: the asset's last materialization (Dagster's
history) and the step's marker row, which is committed in the same transaction as the step's
tables. History alone could be wrong after the database was wiped; the marker alone could not
tell Dagster what happened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.errors import BuildConflict

BUILD_SCHEMA = "discogs_build"
NEXT_SCHEMA = "discogs_next"
PREV_SCHEMA = "discogs_prev"
PUBLISHED_SCHEMA = "public"

# One build at a time per database: a run holds this advisory lock from its first database step
# to its end (cache/hold.py).
BUILD_LOCK_ID = int.from_bytes(hashlib.sha256(b"discogs-cache-assets build").digest()[:8], "big", signed=True)


def build_key(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


def use_build_schema(conn: psycopg.Connection) -> None:
    conn.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(BUILD_SCHEMA)))


def tune_session(conn: psycopg.Connection, maintenance_work_mem: str = "512MB") -> None:
    """Bulk-load settings for this session only; nothing is set at database or role level.

    Measured on the 2M-release rehearsal (BENCHMARKS.md): two parallel maintenance workers build
    the largest trigram GIN index (PostgreSQL 18 builds GIN in parallel) 1.7x faster than none,
    also on two cores; more maintenance_work_mem than 64MB made no difference at that size but
    leaves room for the full dump's GIN builds. Stated here rather than trusted to the server's
    defaults, which a managed server may lower.
    """
    conn.execute("SET synchronous_commit TO off")
    conn.execute(sql.SQL("SET maintenance_work_mem TO {}").format(sql.Literal(maintenance_work_mem)))
    conn.execute("SET max_parallel_maintenance_workers TO 2")
    conn.execute("SET work_mem TO '256MB'")


def table_exists(conn: psycopg.Connection, schema: str, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{schema}.{table}",)).fetchone()
    return bool(row and row[0])


def step_marker(conn: psycopg.Connection, step: str) -> str | None:
    if not table_exists(conn, BUILD_SCHEMA, "build_step"):
        return None
    row = conn.execute(
        sql.SQL("SELECT build_key FROM {}.build_step WHERE step = %s").format(sql.Identifier(BUILD_SCHEMA)),
        (step,),
    ).fetchone()
    return row[0] if row else None


def require_marker(conn: psycopg.Connection, step: str, expected: str) -> str:
    """``expected`` (the key this run's history gives ``step``), once the database's marker agrees."""
    key = step_marker(conn, step)
    if key is None:
        raise BuildConflict(f"step {step} has not been built in this database: materialize it first")
    if key != expected:
        raise BuildConflict(
            f"{step} in this database is another build's (build key {key}, this run's is {expected}): "
            f"materialize {step} again"
        )
    return key


def set_marker(conn: psycopg.Connection, step: str, key: str) -> None:
    conn.execute(
        sql.SQL(
            "INSERT INTO {}.build_step (step, build_key) VALUES (%s, %s) "
            "ON CONFLICT (step) DO UPDATE SET build_key = EXCLUDED.build_key, finished_at = now()"
        ).format(sql.Identifier(BUILD_SCHEMA)),
        (step, key),
    )


@dataclass(frozen=True)
class Holder:
    """The session holding the build lock, as a build that waits for it names it: a run's hold
    (cache/hold.py) says which run and month; anything else is named by its session."""

    pid: int
    application: str | None
    connected: datetime | None
    run_id: str | None = None
    dump_id: str | None = None
    since: datetime | None = None

    def __str__(self) -> str:
        if self.run_id:
            month = f"dump {self.dump_id}" if self.dump_id else "its dump not known yet"
            return f"run {self.run_id} ({month}) since {_utc(self.since)}"
        return f"backend pid {self.pid} ({self.application or 'unnamed'}, connected since {_utc(self.connected)})"


def _utc(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "an unknown time"


def lock_holder(conn: psycopg.Connection) -> Holder | None:
    """Who holds the build lock in this database now (None: nobody)."""
    key = {"high": (BUILD_LOCK_ID >> 32) & 0xFFFFFFFF, "low": BUILD_LOCK_ID & 0xFFFFFFFF}
    row = conn.execute(sqlfiles.query("hold/lock_holder"), key).fetchone()
    if row is None:
        return None
    found = Holder(*row)
    if table_exists(conn, BUILD_SCHEMA, "build_hold"):
        if claim := conn.execute(sqlfiles.query("hold/claim_of"), {"pid": found.pid}).fetchone():
            found = replace(found, run_id=claim[0], dump_id=claim[1], since=claim[2])
    return found


def acquire_build_lock(
    conn: psycopg.Connection, wait_seconds: float, before_waiting: Callable[[Holder | None], None] | None = None
) -> None:
    """Take the database's build lock (session level), waiting in PostgreSQL's lock queue up to
    ``wait_seconds``; then fail with one line naming the holder."""
    locked = conn.execute("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK_ID,)).fetchone()[0]
    if not conn.autocommit:
        conn.commit()
    if locked:
        return
    held_by = lock_holder(conn)
    if before_waiting:
        before_waiting(held_by)
    try:
        conn.execute(sql.SQL("SET lock_timeout = {}").format(sql.Literal(f"{max(int(wait_seconds * 1000), 1)}ms")))
        conn.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK_ID,))
    except psycopg.errors.LockNotAvailable:
        if not conn.autocommit:
            conn.rollback()
        conn.execute("RESET lock_timeout")
        still = lock_holder(conn) or held_by
        raise BuildConflict(
            f"another build holds this database: {still or 'a session that has since ended'}; "
            f"it did not end within {wait_seconds:.0f} s: try again when it has published"
        ) from None
    conn.execute("RESET lock_timeout")
    if not conn.autocommit:
        conn.commit()


def release_build_lock(conn: psycopg.Connection) -> None:
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.rollback()
    conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_ID,))
    if not conn.autocommit:
        conn.commit()


@contextmanager
def build_lock(conn: psycopg.Connection, wait_seconds: float = 600.0) -> Iterator[None]:
    """Hold the database's build lock on ``conn`` for the duration of the block: for work outside
    a Dagster run (the benchmark's direct build) and the publish into a separate target database.
    A run's steps hold it from the first to the end of the run instead (cache/hold.py)."""
    acquire_build_lock(conn, wait_seconds)
    try:
        yield
    finally:
        release_build_lock(conn)


def run_sql_file(conn: psycopg.Connection, name: str, **identifiers: str | sql.Composable) -> None:
    conn.execute(sqlfiles.query(name, **identifiers))
