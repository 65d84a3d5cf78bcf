"""TARGET_DATABASE_URL naming a database that does not exist yet: the schema step creates it on
the same server and the build publishes there; a role that may not create databases fails the
step with one line."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from discogs_cache_assets.cache import schema_version
from discogs_cache_assets.resources import TargetPostgresResource
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids


@pytest.fixture
def new_name(pg_server: str) -> Iterator[str]:
    """A database name nobody has created; dropped afterwards if the test made it."""
    name = "t_new_" + uuid.uuid4().hex[:10]
    yield name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _exists(server: str, name: str) -> bool:
    with psycopg.connect(server) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def _resources(tmp_path: Path, pg_url: str, target_url: str) -> dict[str, object]:
    return graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                           library_db=write_library(tmp_path / "library.db"), target_url=target_url)


def test_a_missing_target_database_is_created_and_published_to(
    tmp_path: Path, pg_server: str, pg_url: str, new_name: str
) -> None:
    target = make_conninfo(pg_server, dbname=new_name)
    assert not _exists(pg_server, new_name)
    resources = _resources(tmp_path, pg_url, target)
    with dg.instance_for_test() as instance:
        first = build(instance, resources)
        again = build(instance, resources)
    assert metadata(first, "cache_schema")["created_database"] is True
    assert metadata(again, "cache_schema")["created_database"] is False
    assert published_ids(target) == KEPT
    with psycopg.connect(target) as conn:
        assert schema_version.published_version(conn) == schema_version.current()


def test_a_role_that_may_not_create_databases_gets_one_line(
    tmp_path: Path, pg_server: str, pg_url: str, new_name: str
) -> None:
    role = "nocreate_" + uuid.uuid4().hex[:8]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOCREATEDB").format(sql.Identifier(role)))
    try:
        target = make_conninfo(pg_server, dbname=new_name, user=role)
        with dg.instance_for_test() as instance:
            result = build(instance, _resources(tmp_path, pg_url, target), raise_on_error=False)
        (failed,) = [e for e in result.all_events if e.is_step_failure]
        message = failed.step_failure_data.user_failure_data.description
        assert failed.step_key == "cache_schema" and "\n" not in message
        assert message == (
            f"{TargetPostgresResource(url=target).describe()} does not exist and role {role} may not create "
            f"databases: create it (CREATE DATABASE {new_name} OWNER {role}) or grant the role CREATEDB"
        ), message
        assert not _exists(pg_server, new_name)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))

