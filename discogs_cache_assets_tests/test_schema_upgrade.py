"""A cache published at an earlier schema version is upgraded in place by the schema step, then
rebuilt over, and keeps what the lookup service wrote; a cache newer than the code is refused.

Every version a cache may be at before this code's is a starting point: the layout the release
before versioning published (unversioned_cache.sql, frozen), with the upgrade steps up to that
version applied, as the release of that version left it.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache import build as build_steps
from discogs_cache_assets.cache import schema_version
from discogs_cache_assets.cache.errors import BuildConflict
from discogs_cache_assets_tests.catalog import published_schema
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_rows
from discogs_cache_assets_tests.service import Fetched, negative_hit, record_negative, write_release
from discogs_cache_assets_tests.test_cache_contract import CONTRACT
from discogs_cache_assets_tests.test_service_writes import EXPECTED_FETCHED, FETCHED, NEW_ID, hydrated

UNVERSIONED = Path(__file__).with_name("unversioned_cache.sql")
BULK = KEPT[0]  # a release of the CSV set every build publishes


def earlier_cache(conn: psycopg.Connection, version: int) -> None:
    """A cache as the release of schema ``version`` published it, with one bulk release."""
    build_steps.run_sql_file(conn, "extensions")
    conn.execute(UNVERSIONED.read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO cache_build (build_key, dump_id, library_fingerprint, published_at) "
        "VALUES ('earlier', '20251201', 'earlier', now())"
    )
    conn.execute("INSERT INTO release (id, title, master_id) VALUES (%s, 'Blue Train', 1)", (BULK,))
    conn.execute("INSERT INTO cache_metadata (release_id, source) VALUES (%s, 'bulk_import')", (BULK,))
    conn.commit()
    schema_version.upgrade(conn, "test", to=version)
    conn.commit()


def _versions(conn: psycopg.Connection) -> list[int]:
    return [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY version")]


def _resources(tmp_path: Path, pg_url: str) -> dict[str, object]:
    return graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                           library_db=write_library(tmp_path / "library.db"))


def test_upgrade_steps_give_the_layout_a_build_publishes(pg_url) -> None:  # noqa: ANN001
    with psycopg.connect(pg_url) as conn:
        earlier_cache(conn, 0)
        assert published_schema(conn) != CONTRACT
        upgraded = schema_version.upgrade(conn, "test")
        conn.commit()
        assert (upgraded.before, upgraded.after) == (0, schema_version.current())
        assert published_schema(conn) == CONTRACT
        assert schema_version.upgrade(conn, "test").applied == ()  # each step once


@pytest.mark.parametrize("start", range(schema_version.current()))
def test_an_earlier_cache_is_upgraded_then_rebuilt_keeping_the_service_rows(
    start: int, tmp_path: Path, pg_url: str
) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        earlier_cache(conn, start)
        write_release(conn, FETCHED)
        write_release(conn, Fetched(**{**FETCHED.__dict__, "id": BULK, "title": "Service Title"}))
        checked = conn.execute("SELECT artwork_checked_at FROM release WHERE id = %s", (BULK,)).fetchone()[0]
        record_negative(conn, None, "a track", True)
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url))
    schema = metadata(result, "cache_schema")
    assert (schema["schema_version_before"], schema["schema_version"]) == (start, schema_version.current())
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert published_schema(conn) == CONTRACT
        assert _versions(conn) == list(range(1, schema_version.current() + 1))
        assert hydrated(conn, NEW_ID) == EXPECTED_FETCHED
        # The build's row wins, with the artwork check time the service wrote back (a build has none).
        assert conn.execute("SELECT title, artwork_checked_at FROM release WHERE id = %s", (BULK,)).fetchone() == (
            "Blue Train", checked)
        assert negative_hit(conn, None, "a track", True)
    assert sorted(r[0] for r in published_rows(pg_url)["release"]) == sorted([*KEPT, NEW_ID])


def test_a_cache_newer_than_the_code_is_refused_with_one_line(tmp_path, pg_url) -> None:  # noqa: ANN001
    resources = _resources(tmp_path, pg_url)
    newer = schema_version.current() + 1
    with dg.instance_for_test() as instance:
        build(instance, resources)
        before = published_rows(pg_url)
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, 'from_the_future')", (newer,))
        result = build(instance, resources, raise_on_error=False)
    assert not result.success
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "cache_schema"
    message = failed.step_failure_data.user_failure_data.description
    assert "\n" not in message
    assert f"schema version {newer}, newer than this code's {schema_version.current()}" in message, message
    assert published_rows(pg_url) == before


@pytest.fixture
def broken_next_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The project's SQL with one more upgrade step, whose second statement fails."""
    folder = tmp_path / "sql"
    shutil.copytree(sqlfiles.sql_dir(), folder)
    step = folder / "upgrade" / f"{schema_version.current() + 1:04d}_broken.sql"
    step.write_text("ALTER TABLE public.release ADD COLUMN half_done text;\n"
                    "ALTER TABLE public.nowhere ADD COLUMN x text;\n", encoding="utf-8")
    monkeypatch.setattr(sqlfiles, "sql_dir", lambda: folder)
    schema_version.steps.cache_clear()
    yield step
    monkeypatch.undo()
    schema_version.steps.cache_clear()


def test_a_failing_step_leaves_the_cache_as_it_was(pg_url, broken_next_step) -> None:  # noqa: ANN001
    with psycopg.connect(pg_url, autocommit=True) as conn:
        earlier_cache(conn, 1)
        with pytest.raises(BuildConflict) as failed:
            schema_version.upgrade(conn, "the cache")
        assert str(failed.value) == (
            f"the cache: upgrade {broken_next_step} failed: relation \"public.nowhere\" does not exist"
        )
        assert schema_version.published_version(conn) == 1
        columns = [c for (c,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'release'")]
        assert "half_done" not in columns and "format" not in columns


def test_an_upgrade_waiting_for_a_service_transaction_does_not_hold_up_other_reads(pg_url) -> None:  # noqa: ANN001
    """A step's ALTER queued behind a long reader would queue every later read behind itself; the
    upgrade gives up its place briefly and tries again instead, and finishes once the reader ends."""
    with psycopg.connect(pg_url, autocommit=True) as conn:
        earlier_cache(conn, 1)  # the next step alters release
    done: list[schema_version.Upgraded] = []
    with psycopg.connect(pg_url) as long_reader:
        long_reader.execute("SELECT count(*) FROM release").fetchone()  # its transaction stays open

        def run() -> None:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                done.append(schema_version.upgrade(conn, "test"))

        upgrading = threading.Thread(target=run)
        upgrading.start()
        time.sleep(0.5)
        with psycopg.connect(pg_url, autocommit=True) as reader:
            reader.execute("SET statement_timeout = '3s'")
            for _ in range(5):
                started = time.monotonic()
                reader.execute("SELECT count(*) FROM release").fetchone()
                assert time.monotonic() - started < 1.0
        assert not done  # still waiting for the long reader
        long_reader.commit()
        upgrading.join(timeout=30)
    assert done and done[0].after == schema_version.current()
