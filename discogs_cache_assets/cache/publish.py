"""discogs_cache: swap the next cache into ``public`` in one transaction.

The lookup service queries unqualified table names, so it sees either the old complete cache or
the new complete one: the swap moves whole tables between schemas (indexes, constraints and
defaults travel with them) while holding ACCESS EXCLUSIVE locks. Readers and writers that arrive
meanwhile wait for the commit and then resolve the names to the new tables. What the service
wrote since the last build is copied into the new tables inside the same transaction (its own
releases whole; on releases the build also holds, the artwork it wrote since cache_tables copied
it: cache/written.py), and so are the privileges other roles hold on the old tables (a station's
lookup service may run as its own role). Under the same locks, and before anything moves, the
shrink guard (cache/shrink.py) measures the next cache against the published one. Each attempt
queues for the locks only briefly and is retried (cache/brief_locks.py says why).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.brief_locks import lock_timeout_ms, retried
from discogs_cache_assets.cache.build import NEXT_SCHEMA, PREV_SCHEMA, PUBLISHED_SCHEMA, table_exists
from discogs_cache_assets.cache.errors import BuildConflict
from discogs_cache_assets.cache.shrink import ShrinkLimit, ShrinkRefused, Verdict, judge
from discogs_cache_assets.cache.tables import FILLED_TABLES, OPTIONAL_TABLES, PUBLISHED_TABLES
from discogs_cache_assets.cache.written import AT_SWAP, keep_written



@dataclass
class PublishReport:
    carried: dict[str, int] = field(default_factory=dict)
    # Column -> releases the build also holds on which the service wrote a newer value during the
    # build (what it wrote before is in the next cache already: cache_tables).
    kept: dict[str, int] = field(default_factory=dict)
    shrink: Verdict | None = None
    swap_seconds: float = 0.0
    attempts: int = 1


def published_build_key(conn: psycopg.Connection) -> str | None:
    """Build key of the cache currently in ``public`` (None when none was published)."""
    if not table_exists(conn, PUBLISHED_SCHEMA, "cache_build"):
        return None
    row = conn.execute(
        "SELECT build_key FROM public.cache_build WHERE published_at IS NOT NULL "
        "ORDER BY published_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def next_build_key(conn: psycopg.Connection) -> str | None:
    """Build key of the next cache waiting in ``discogs_next`` (None when there is none)."""
    if not table_exists(conn, NEXT_SCHEMA, "cache_build"):
        return None
    row = conn.execute("SELECT build_key FROM discogs_next.cache_build WHERE published_at IS NULL").fetchone()
    return row[0] if row else None


def recorded_dump(conn: psycopg.Connection, key: str) -> str | None:
    """The dump id ``cache_build`` records for build ``key``: in the next cache, else the published
    one. A run's metadata says this, so it can never name another month than the database does."""
    for schema in (NEXT_SCHEMA, PUBLISHED_SCHEMA):
        if table_exists(conn, schema, "cache_build"):
            row = conn.execute(sqlfiles.query("cache_build_dump", schema=schema), {"key": key}).fetchone()
            if row:
                return row[0]
    return None


def _common_columns(conn: psycopg.Connection, table: str) -> sql.Composable:
    rows = conn.execute(
        "SELECT n.column_name FROM information_schema.columns n "
        "JOIN information_schema.columns p ON p.table_name = n.table_name AND p.column_name = n.column_name "
        "AND p.table_schema = %s WHERE n.table_schema = %s AND n.table_name = %s ORDER BY n.ordinal_position",
        (PUBLISHED_SCHEMA, NEXT_SCHEMA, table),
    ).fetchall()
    return sql.SQL(", ").join(sql.Identifier(r[0]) for r in rows)


def _carried_columns(conn: psycopg.Connection, existing: set[str]) -> dict[str, sql.Composable]:
    """The columns _carry copies, per table: read before the swap takes its locks (a catalog
    query per table, a third of the time the locks would otherwise be held)."""
    return {t: _common_columns(conn, t) for t in (*FILLED_TABLES, "lookup_negative") if t in existing}


def _carry(conn: psycopg.Connection, existing: set[str], columns: dict[str, sql.Composable]) -> dict[str, int]:
    carried: dict[str, int] = {}
    if "release" in existing and "cache_metadata" in existing:
        conn.execute(
            sql.SQL("CREATE TEMP TABLE carried_release ON COMMIT DROP AS {}").format(sqlfiles.query("publish_carried"))
        )
        carried["release"] = conn.execute(
            sqlfiles.query("publish_carry_release", columns=columns["release"])
        ).rowcount
        for table in FILLED_TABLES[1:]:
            if table in existing:
                carried[table] = conn.execute(
                    sqlfiles.query("publish_carry_child", table=table, columns=columns[table])
                ).rowcount
    if "lookup_negative" in existing:
        carried["lookup_negative"] = conn.execute(
            sqlfiles.query("publish_carry_negative", columns=columns["lookup_negative"])
        ).rowcount
    if "cache_build" in existing:
        # Earlier publishes stay on record: the cache's own history of builds.
        conn.execute(
            "INSERT INTO discogs_next.cache_build SELECT * FROM public.cache_build ON CONFLICT DO NOTHING"
        )
    return carried


def _carry_grants(conn: psycopg.Connection, existing: set[str], incoming: list[str]) -> int:
    """The published tables' grants onto the next cache's; an optional table new to the cache
    gets release's (whoever reads the releases reads the search table beside them)."""
    granted = 0
    sources = {t: t for t in existing} | {t: t if t in existing else "release" for t in incoming}
    for table, source in sorted(sources.items()):
        for privilege, grantee, grantable in conn.execute(sqlfiles.query("publish_grants"), {"table": source}):
            conn.execute(
                sql.SQL("GRANT {} ON {} TO {}{}").format(
                    sql.SQL(privilege),  # one of PostgreSQL's own privilege keywords
                    sql.Identifier(NEXT_SCHEMA, table),
                    sql.SQL("PUBLIC") if grantee is None else sql.Identifier(grantee),
                    sql.SQL(" WITH GRANT OPTION" if grantable else ""),
                )
            )
            granted += 1
    return granted


def _swap_once(conn: psycopg.Connection, lock_timeout_ms: int, limit: ShrinkLimit) -> PublishReport:
    report = PublishReport()
    existing = {t for t in PUBLISHED_TABLES if table_exists(conn, PUBLISHED_SCHEMA, t)}
    optional = [t for t in OPTIONAL_TABLES if table_exists(conn, PUBLISHED_SCHEMA, t)]
    existing |= set(optional)
    incoming = [t for t in OPTIONAL_TABLES if table_exists(conn, NEXT_SCHEMA, t)]
    if "release" in existing and "cache_build" not in existing:
        raise BuildConflict(
            "public.release exists but was not published by discogs-cache-assets (no public.cache_build); "
            "move those tables out of the way before the first publish"
        )
    # What a publish that stopped before dropping it left (see below), while no lock is held.
    with conn.transaction():
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(PREV_SCHEMA)))
    columns = _carried_columns(conn, existing)
    started = time.monotonic()
    with conn.transaction():
        conn.execute(sql.SQL("SET LOCAL lock_timeout = {}").format(sql.Literal(f"{lock_timeout_ms}ms")))
        if existing:
            ordered = [t for t in (*PUBLISHED_TABLES, *optional) if t in existing]
            conn.execute(
                sql.SQL("LOCK TABLE {} IN ACCESS EXCLUSIVE MODE").format(
                    sql.SQL(", ").join(sql.Identifier(PUBLISHED_SCHEMA, t) for t in ordered)
                )
            )
            if "release" in existing:
                report.shrink = judge(conn, limit)
                if report.shrink.refused:
                    raise ShrinkRefused(report.shrink.line())
                report.kept = keep_written(conn, AT_SWAP)
            report.carried = _carry(conn, existing, columns)
            report.carried["grants"] = _carry_grants(conn, existing & {*PUBLISHED_TABLES, *incoming}, incoming)
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(PREV_SCHEMA)))
            for table in ordered:
                conn.execute(
                    sql.SQL("ALTER TABLE {} SET SCHEMA {}").format(
                        sql.Identifier(PUBLISHED_SCHEMA, table), sql.Identifier(PREV_SCHEMA)
                    )
                )
        for table in (*PUBLISHED_TABLES, *incoming):
            conn.execute(
                sql.SQL("ALTER TABLE {} SET SCHEMA {}").format(
                    sql.Identifier(NEXT_SCHEMA, table), sql.Identifier(PUBLISHED_SCHEMA)
                )
            )
        conn.execute("UPDATE public.cache_build SET published_at = now() WHERE published_at IS NULL")
        conn.execute(sql.SQL("DROP SCHEMA {}").format(sql.Identifier(NEXT_SCHEMA)))
    report.swap_seconds = time.monotonic() - started
    # The old cache is dropped after the swap has committed: removing its files at commit is most
    # of a swap's time, and inside the swap the service's searches would wait for it.
    with conn.transaction():
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(PREV_SCHEMA)))
    return report


def publish(conn: psycopg.Connection, limit: ShrinkLimit | None = None) -> PublishReport:
    """Swap as soon as no service transaction holds the published tables (up to brief_locks.LOCK_WAIT_SECONDS),
    unless the next cache is past ``limit``'s loss (ShrinkRefused; nothing changes then)."""
    if not table_exists(conn, NEXT_SCHEMA, "release"):
        raise BuildConflict("no next cache to publish (schema discogs_next is missing): materialize cache_tables")
    timeout_ms = lock_timeout_ms(conn, len(PUBLISHED_TABLES))
    report, tries = retried(lambda: _swap_once(conn, timeout_ms, limit or ShrinkLimit()), "the published cache")
    report.attempts = tries.attempts
    # The most any service statement can have waited on this publish.
    report.swap_seconds = max(report.swap_seconds, tries.longest_wait)
    return report


def vacuum_analyze(conn: psycopg.Connection, report: PublishReport) -> None:
    """VACUUM the published tables (visibility map for index-only scans, hint bits); needs an
    autocommit connection. cache_tables analyzed them on their final rows, so only the tables the
    swap wrote into (carried rows, the build history) are analyzed again: a second ANALYZE of
    every table cost ~0.4 s per million imported releases for statistics that were current."""
    for table in PUBLISHED_TABLES:
        newer = table == "release" and any(report.kept.values())
        wrote = report.carried.get(table, 0) > 0 or table == "cache_build" or newer
        options = sql.SQL("(ANALYZE)" if wrote else "")
        conn.execute(sql.SQL("VACUUM {} {}").format(options, sql.Identifier(PUBLISHED_SCHEMA, table)))
