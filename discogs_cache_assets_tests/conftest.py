"""Fixtures shared by the whole suite.

The reference corpus lives in ``../shared/fixtures`` beside the checkout and is never copied into
the repo: conformance tests read it in place, skip with a reason when it is absent, and fail
instead under ``CI=true`` where it must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO_ROOT.parent / "shared" / "fixtures"


def require_shared(*parts: str) -> Path:
    """Path inside ../shared/fixtures, or skip (fail under CI=true) when it is not there."""
    path = SHARED_FIXTURES.joinpath(*parts)
    if path.exists():
        return path
    reason = f"reference corpus not found at {path} (it sits in ../shared beside the checkout)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture
def shared_fixtures() -> Path:
    return require_shared()


# --- PostgreSQL: DATABASE_URL when given, else one embedded server for the session ------------

import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402

import psycopg  # noqa: E402
from psycopg.conninfo import conninfo_to_dict, make_conninfo  # noqa: E402


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Conninfo of a server the tests may create databases on."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    from discogs_cache_assets.resources import embedded_uri

    # Stopped when the session ends: a server left running in a tmp folder that pytest later
    # deletes would pile up.
    return embedded_uri(tmp_path_factory.mktemp("pg") / "data", keep_running=False)


def _new_database(server: str) -> tuple[str, str]:
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name, make_conninfo(server, dbname=name)


def _drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database for one test."""
    name, url = _new_database(pg_server)
    yield url
    _drop_database(pg_server, name)


@pytest.fixture
def pg_url_factory(pg_server: str) -> Iterator:
    """Make as many fresh databases as a test needs (e.g. source and target)."""
    made: list[str] = []

    def make() -> str:
        name, url = _new_database(pg_server)
        made.append(name)
        return url

    yield make
    for name in made:
        _drop_database(pg_server, name)


@pytest.fixture(scope="module")
def sample_cache(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A cache built through the graph from the generated sample, once per test module."""
    from discogs_cache_assets_tests.samplecache import build_sample_cache

    name, url = _new_database(pg_server)
    build_sample_cache(url, tmp_path_factory.mktemp("sample-cache"))
    yield url
    _drop_database(pg_server, name)


def database_name(url: str) -> str:
    return conninfo_to_dict(url)["dbname"]
