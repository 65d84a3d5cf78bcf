"""Build bookkeeping shared by the database steps: schemas, build keys, step markers, the lock.

Resume works from two witnesses that must agree: the asset's last materialization (Dagster's
history) and the step's marker row, which is committed in the same transaction as the step's
tables. History alone could be wrong after the database was wiped; the marker alone could not
tell Dagster what happened.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.errors import BuildConflict

BUILD_SCHEMA = "discogs_build"
NEXT_SCHEMA = "discogs_next"
PREV_SCHEMA = "discogs_prev"
PUBLISHED_SCHEMA = "public"

# One build at a time per database: every step holds this advisory lock while it works.
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


def require_marker(conn: psycopg.Connection, step: str) -> str:
    key = step_marker(conn, step)
    if key is None:
        raise BuildConflict(f"step {step} has not been built in this database: materialize it first")
    return key


def set_marker(conn: psycopg.Connection, step: str, key: str) -> None:
    conn.execute(
        sql.SQL(
            "INSERT INTO {}.build_step (step, build_key) VALUES (%s, %s) "
            "ON CONFLICT (step) DO UPDATE SET build_key = EXCLUDED.build_key, finished_at = now()"
        ).format(sql.Identifier(BUILD_SCHEMA)),
        (step, key),
    )


@contextmanager
def build_lock(conn: psycopg.Connection, wait_seconds: float = 600.0) -> Iterator[None]:
    """Hold the database's build lock (session level) for the duration of one step.

    A second build waits up to ``wait_seconds`` and then fails with a message naming who holds it.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        got = conn.execute("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK_ID,)).fetchone()[0]
        if not conn.autocommit:
            conn.commit()
        if got:
            break
        if time.monotonic() >= deadline:
            holder = conn.execute(
                "SELECT pid, application_name, backend_start FROM pg_locks JOIN pg_stat_activity USING (pid) "
                "WHERE locktype = 'advisory' AND objid = (%s::bigint & x'ffffffff'::bigint) LIMIT 1",
                (BUILD_LOCK_ID,),
            ).fetchone()
            who = f"backend pid {holder[0]} ({holder[1]}, since {holder[2]:%Y-%m-%d %H:%M})" if holder else "another session"
            raise BuildConflict(f"another build holds the database's build lock: {who}; try again when it ends")
        time.sleep(0.5)
    try:
        yield
    finally:
        if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            conn.rollback()
        conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_ID,))
        if not conn.autocommit:
            conn.commit()


def run_sql_file(conn: psycopg.Connection, name: str, **identifiers: str | sql.Composable) -> None:
    conn.execute(sqlfiles.query(name, **identifiers))
