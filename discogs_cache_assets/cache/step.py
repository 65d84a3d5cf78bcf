"""Running one database step: hold the database, decide whether it is already built, build, mark,
commit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import dagster as dg
import psycopg

from discogs_cache_assets.cache.build import (
    build_key,
    require_marker,
    set_marker,
    step_marker,
    tune_session,
    use_build_schema,
)
from discogs_cache_assets.cache.errors import BuildConflict, InputError
from discogs_cache_assets.cache.hold import hold_build
from discogs_cache_assets.history import latest_metadata, upstream_metadata, without_timings
from discogs_cache_assets.resources import PostgresResource

Work = Callable[[psycopg.Connection], dict[str, Any]]
AlreadyBuilt = Callable[[psycopg.Connection, str], bool]


def reuse_or_none(
    context: dg.AssetExecutionContext, key: str, db_agrees: bool
) -> dg.MaterializeResult | None:
    """The previous result again, when history and the database both say ``key`` is built."""
    previous = latest_metadata(context, context.asset_key)
    if previous and previous.get("build_key") == key and db_agrees:
        context.log.info(f"{context.asset_key.to_user_string()} is up to date for build key {key}; reusing it")
        return dg.MaterializeResult(
            metadata={**without_timings(previous), "reused": True}, data_version=dg.DataVersion(key)
        )
    if previous and previous.get("build_key") == key:
        context.log.warning("history says this step is built but the database disagrees: rebuilding it")
    return None


def adopted(context: dg.AssetExecutionContext, key: str, metadata: dict[str, Any]) -> dg.MaterializeResult:
    """``key`` is already built in the database by another run (of another Dagster instance): the
    whole key is equal (dump, library, label preferences, settings, code), so there is nothing to
    redo, and history learns it from this run."""
    context.log.info(f"{context.asset_key.to_user_string()} was built for key {key} by another run; adopting it")
    return dg.MaterializeResult(
        metadata={**metadata, "build_key": key, "reused": True, "built_by_another_run": True},
        data_version=dg.DataVersion(key),
    )


def result(key: str, metadata: dict[str, Any]) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={**metadata, "build_key": key, "reused": False}, data_version=dg.DataVersion(key)
    )


def run_build_step(
    context: dg.AssetExecutionContext,
    postgres: PostgresResource,
    step: str,
    key_of: Callable[[psycopg.Connection], str],
    work: Work,
) -> dg.MaterializeResult:
    """A step of the build schema, in one transaction with its marker: a crash leaves no trace."""
    hold_database(context, postgres)
    with postgres.connect() as conn, failures_as_one_line():
        use_build_schema(conn)
        tune_session(conn)
        key = build_key(key_of(conn), code_version(context))
        if reused := reuse_or_none(context, key, step_marker(conn, step) == key):
            conn.rollback()
            return reused
        metadata = work(conn)
        set_marker(conn, step, key)
        conn.commit()
    return result(key, metadata)


def hold_database(context: dg.AssetExecutionContext, postgres: PostgresResource) -> None:
    """This run holds the database for its build from here to its end (cache/hold.py)."""
    with failures_as_one_line():
        hold_build(context, postgres)


def upstream_step(context: dg.AssetExecutionContext, conn: psycopg.Connection, step: str) -> str:
    """The build key of ``step`` as this run's history has it, once the database agrees: a step
    builds only on its own build's tables, never on what another build left in their place."""
    return require_marker(conn, step, str(upstream_metadata(context, step)["build_key"]))


def code_version(context: dg.AssetExecutionContext) -> str:
    """The asset's code version: changed Python code is another key, like changed SQL."""
    return str(context.assets_def.code_versions_by_key.get(context.asset_key) or "")


@contextmanager
def failures_as_one_line() -> Iterator[None]:
    """Bad input and build conflicts end the step with their one-line message, no traceback."""
    try:
        yield
    except (InputError, BuildConflict, ConnectionError) as exc:
        raise dg.Failure(description=str(exc), allow_retries=False) from None
