"""One build at a time per database, from its conversion to the end of its run.

Every database step works on what the step before it left in the build schema, so two builds with
other inputs must not take turns step by step: that published caches mixing both inputs, and runs
that reported a month they never published; and the month's CSV folder is shared, so a second
conversion would rewrite the files the first build still imports. A run therefore holds the
database's build lock (a PostgreSQL advisory lock, session level) on a session of its own: taken
by the conversion (or the run's first database step when it has none), kept through the publish
and the checks after it (which still read the build schema), ended with the run. PostgreSQL drops the lock with the session, so a killed run holds
nothing; there is no claim to find stale and take over.

Why one holder rather than a build schema and workspace folder per build: both builds publish
into the one ``public`` schema all the same, so per-build schemas would only move the conflict to
the publish; the next-cache schema and the step markers a killed build resumes from would have to
be per build too, and cleaned up when a build is abandoned; every build would pay for its own
copy of the tables. A second build has nothing to gain from the database before the first has
published.

The session lives in this process: the code location runs every step of a run in one process
(``in_process_executor``), and PostgresResource ends the hold when the run ends. Under an executor
that starts a process per step the hold would last one step; even then no step builds on another
build's tables (each checks that the step before it in the database is its own run's, see
``build.require_marker``): it fails instead of waiting.

A second build waits for the lock in PostgreSQL's lock queue (up to PostgresResource's
``build_wait_seconds``), then fails with one line naming the holder: its run id, dump id and since
when, from the row the holder writes once it has the lock.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import Holder, acquire_build_lock
from discogs_cache_assets.cache.errors import BuildConflict

if TYPE_CHECKING:
    import dagster as dg

    from discogs_cache_assets.resources import PostgresResource

@dataclass
class _Hold:
    conn: psycopg.Connection
    session: ExitStack


# Run id -> that run's hold; one process runs every step of a run.
_HOLDS: dict[str, _Hold] = {}


def hold_build(context: dg.AssetExecutionContext, postgres: PostgresResource) -> None:
    """Make sure this run holds ``postgres`` for its build: the run's first step that needs it
    takes the hold (waiting for another build's, if need be), the later ones find it."""
    run_id = context.run.run_id
    if held := _HOLDS.get(run_id):
        try:
            held.conn.execute("SELECT 1")
            return
        except psycopg.Error:
            release_build(run_id)
            raise BuildConflict(
                "this run's hold on the database ended (its session was closed): materialize again"
            ) from None

    wait_seconds = postgres.build_wait_seconds

    def waiting(holder: Holder | None) -> None:
        context.log.info(f"waiting up to {wait_seconds:.0f} s for the build of {holder or 'another session'} to end")

    session = ExitStack()
    try:
        conn = session.enter_context(postgres.connect(autocommit=True))
        acquire_build_lock(conn, wait_seconds, waiting)
        conn.execute(sqlfiles.query("hold/table"))
        conn.execute(sqlfiles.query("hold/claim"), {"run_id": run_id})
    except BaseException:
        # Unwound with the error, so that connect() can say in one line what the database refused.
        if not session.__exit__(*sys.exc_info()):
            raise
    _HOLDS[run_id] = _Hold(conn, session)


def note_dump(run_id: str, dump_id: str) -> None:
    """The month this run builds, for the line a waiting build shows."""
    if held := _HOLDS.get(run_id):
        try:
            held.conn.execute(sqlfiles.query("hold/dump"), {"dump_id": dump_id})
        except psycopg.Error:
            pass  # a lost hold is the next database step's to report (hold_build)


def release_build(run_id: str | None) -> None:
    """End this run's hold (nothing when it has none): at the end of the run."""
    held = _HOLDS.pop(run_id or "", None)
    if held is None:
        return
    try:
        held.conn.execute(sqlfiles.query("hold/release"))
    except psycopg.Error:
        pass  # the session is gone already: so is the lock
    finally:
        held.session.close()
