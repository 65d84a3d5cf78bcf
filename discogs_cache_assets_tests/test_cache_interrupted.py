"""Runs that die (SIGKILL) in the middle of a step, builds that overlap, and readers during a rebuild.

The kill tests park the run on a lock the test holds, so the run is provably inside the step when
it is killed; then the run is repeated and must publish exactly what an uninterrupted run does.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import step_marker
from discogs_cache_assets.resources import APPLICATION_NAME
from discogs_cache_assets_tests.cli import cli_env, materialize, start_materialize
from discogs_cache_assets_tests.csvsets import KEPT, SURVIVORS, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, published_ids, published_rows


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    return {"csv_dir": write_csv_set(tmp_path / "csv"), "library_db": write_library(tmp_path / "library.db")}


def _uninterrupted(tmp_path: Path, url: str, inputs: dict[str, Path], *, prune: bool = True) -> dict[str, list[tuple]]:
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(pg_url=url, home=tmp_path / "ref-home", prune=prune, **inputs))
    return published_rows(url)


def _blocked_query(url: str, blocker_pid: int, run, log: Path, timeout: float = 180.0) -> str:  # noqa: ANN001
    """The statement of the build backend that waits on the test's lock."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT query FROM pg_stat_activity WHERE application_name = %s AND %s = ANY(pg_blocking_pids(pid))",
                (APPLICATION_NAME, blocker_pid),
            ).fetchone()
            if row:
                return row[0]
            if run.poll() is not None:
                pytest.fail(f"the run ended before reaching the lock:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)
    pytest.fail("the run never reached the lock the test holds")


def _kill(run) -> None:  # noqa: ANN001
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(timeout=30)


def _wait_for_no_build_backends(url: str, timeout: float = 30.0) -> None:
    """The killed run's backends notice the dead client and roll back (client_connection_check_interval)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as conn:
        while conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", (APPLICATION_NAME,)).fetchone()[0]:
            assert time.monotonic() < deadline, "a killed build's backend is still running"
            time.sleep(0.1)


def test_run_killed_in_dedup_then_rerun_matches_an_uninterrupted_run(tmp_path, pg_url_factory, inputs) -> None:  # noqa: ANN001
    expected = _uninterrupted(tmp_path, pg_url_factory(), inputs)
    url = pg_url_factory()
    env = cli_env(tmp_path, url, **inputs)
    first = materialize(env, "*release_tables")
    assert first.returncode == 0, first.stderr[-3000:]

    with psycopg.connect(url) as blocker:
        blocker.execute("LOCK TABLE discogs_build.release IN ACCESS EXCLUSIVE MODE")
        run = start_materialize(env, tmp_path / "killed.log")
        statement = _blocked_query(url, blocker.info.backend_pid, run, tmp_path / "killed.log")
        assert "dedup" in statement or "label_pref" in statement, statement[:200]
        _kill(run)
        _wait_for_no_build_backends(url)
        blocker.rollback()

    with psycopg.connect(url) as conn:
        assert step_marker(conn, "deduped_releases") is None  # nothing of the dead step was committed
    again = materialize(env)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "release_tables is up to date" in again.stderr  # resumed: the import was not redone
    assert published_rows(url) == expected


def test_run_killed_in_publish_leaves_the_old_cache_then_rerun_matches(tmp_path, pg_url_factory, inputs) -> None:  # noqa: ANN001
    expected = _uninterrupted(tmp_path, pg_url_factory(), inputs, prune=False)
    url = pg_url_factory()
    env = cli_env(tmp_path, url, **inputs)
    assert materialize(env).returncode == 0
    old = published_rows(url)
    assert published_ids(url) == KEPT

    rebuild = {**env, "DISCOGS_PRUNE": "0"}
    assert materialize(rebuild, "*cache_tables").returncode == 0  # the next cache waits in discogs_next
    with psycopg.connect(url) as blocker:
        # Parks the swap after it has locked the published tables and carried the service's rows,
        # at its copy of the build history: the middle of the publish transaction.
        blocker.execute("LOCK TABLE discogs_next.cache_build IN SHARE MODE")
        run = start_materialize(rebuild, tmp_path / "killed.log")
        statement = _blocked_query(url, blocker.info.backend_pid, run, tmp_path / "killed.log")
        assert statement.startswith("INSERT INTO discogs_next.cache_build"), statement[:200]
        _kill(run)
        _wait_for_no_build_backends(url)
        blocker.rollback()

    assert published_rows(url) == old  # the killed swap left the published cache as it was
    again = materialize(rebuild)
    assert again.returncode == 0, again.stderr[-3000:]
    assert published_ids(url) == SURVIVORS
    assert published_rows(url) == expected


def test_two_builds_at_once_publish_one_coherent_cache(tmp_path, pg_url_factory, inputs) -> None:  # noqa: ANN001
    expected = _uninterrupted(tmp_path, pg_url_factory(), inputs)
    url = pg_url_factory()
    runs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        env = cli_env(tmp_path / name, url, **inputs)  # separate Dagster instances: nothing shared but the database
        runs.append(start_materialize(env, tmp_path / f"{name}.log"))
    for run in runs:
        run.wait(timeout=300)
    logs = [(tmp_path / f"{n}.log").read_text() for n in ("a", "b")]
    assert [r.returncode for r in runs] == [0, 0], "\n".join(log[-2000:] for log in logs)
    assert published_rows(url) == expected
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").fetchone()[0] == 0
        assert conn.execute("SELECT to_regnamespace('discogs_next')").fetchone()[0] is None


def test_readers_during_rebuilds_see_a_whole_cache_every_time(tmp_path, pg_url, inputs) -> None:  # noqa: ANN001
    resources = dict(pg_url=pg_url, home=tmp_path / "home", **inputs)
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(**resources))
        seen: set[tuple[int, ...]] = set()
        errors: list[BaseException] = []
        stop = threading.Event()

        def read() -> None:
            # The service's shapes: unqualified names; a single-statement search, and a
            # transaction that bounds itself with SET LOCAL and reads tracks before releases
            # (the opposite order to the swap's locks: a reader must never be a deadlock victim).
            with psycopg.connect(pg_url, autocommit=True) as conn:
                while not stop.is_set():
                    try:
                        conn.execute(sqlfiles.text("lookup/search_track"), {"track": "blue train", "limit": 20}).fetchall()
                        with conn.transaction():
                            conn.execute("SET LOCAL statement_timeout = '30s'")
                            with_tracks = conn.execute("SELECT count(DISTINCT release_id) FROM release_track").fetchone()[0]
                            ids = tuple(r[0] for r in conn.execute("SELECT id FROM release ORDER BY id"))
                        assert with_tracks == len(ids), f"tracks of {with_tracks} of {len(ids)} releases: a half-built cache"
                        seen.add(ids)
                    except BaseException as exc:  # noqa: BLE001 - every failure is the finding
                        errors.append(exc)
                        return

        readers = [threading.Thread(target=read) for _ in range(2)]
        for reader in readers:
            reader.start()
        try:
            for prune in (False, True, False):  # pruning drops a quarter: allowed
                build(instance, graph_resources(**resources, prune=prune, allow_shrink=True))
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=30)
    assert not errors, repr(errors[0])
    assert seen <= {tuple(KEPT), tuple(SURVIVORS)}
    assert seen == {tuple(KEPT), tuple(SURVIVORS)}  # both caches were read, each whole
