"""Two builds with different inputs against one database: each publishes its own whole cache, and
each run's metadata says what the database records.

The concurrent test runs the code location as users do, from two Dagster instances sharing the
database and the workspace. Each run's converter is a gate the test opens (a script that waits for
a file, then runs the real converter), so when each build may go on is the test's choice, not the
scheduler's: the first build is parked in its conversion, holding the database, after its
library files, while the second one starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import acquire_build_lock
from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.resources import APPLICATION_NAME, PostgresResource
from discogs_cache_assets.sample import SampleInfo, generate_sample
from discogs_cache_assets_tests.cli import cli_env, start_materialize
from discogs_cache_assets_tests.csvsets import RELEASES, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, published_rows

SAMPLE_RELEASES = 400  # a few more than the curated scenarios: a cache in seconds


def _sample(folder: Path, seed: int, month: str) -> SampleInfo:
    return generate_sample(folder, releases=SAMPLE_RELEASES, seed=seed, dump_date=month, library_fraction=0.3)


def _sample_resources(url: str, home: Path, info: SampleInfo) -> dict[str, object]:
    resources = graph_resources(
        pg_url=url, home=home, csv_dir=home, library_db=info.library_db, labels_csv=info.library_labels_csv
    )
    resources["dump"] = DumpResource(dump_dir=str(info.out_dir))
    return resources


def _alone(url: str, home: Path, info: SampleInfo) -> dict[str, list[tuple]]:
    """What the input publishes when it is the only build."""
    with dg.instance_for_test() as instance:
        build(instance, _sample_resources(url, home, info))
    return published_rows(url)


@dataclass
class GatedBuild:
    """`dagster asset materialize` of one input, in its own Dagster instance, whose converter waits
    for the test's go."""

    folder: Path
    env: dict[str, str]
    run: subprocess.Popen[bytes] | None = None

    @classmethod
    def prepare(cls, folder: Path, url: str, home: Path, info: SampleInfo) -> GatedBuild:
        folder.mkdir()
        gate = folder / "converter"
        gate.write_text(
            "#!/bin/sh\n"
            f'touch "{folder / "parked"}"\n'
            f'while [ ! -e "{folder / "go"}" ]; do sleep 0.05; done\n'
            f'exec "{converter_path()}" "$@"\n',
            encoding="utf-8",
        )
        gate.chmod(0o755)
        env = cli_env(
            folder, url, csv_dir=info.out_dir, library_db=info.library_db,
            DISCOGS_CSV_DIR="", DISCOGS_DUMP_DIR=str(info.out_dir), LIBRARY_LABELS_CSV=str(info.library_labels_csv),
            DISCOGS_CACHE_HOME=str(home), DISCOGS_CONVERTER=str(gate),
            DISCOGS_ALLOW_SHRINK="1",  # the second input is another library, not a smaller month of the first
        )  # fmt: skip
        return cls(folder, env)

    def start(self) -> None:
        self.run = start_materialize(self.env, self.folder / "run.log")

    @property
    def parked(self) -> bool:
        return (self.folder / "parked").exists()

    def go(self) -> int:
        (self.folder / "go").touch()
        assert self.run is not None
        return self.run.wait(timeout=300)

    def log(self) -> str:
        return (self.folder / "run.log").read_text(errors="replace")

    def stop(self) -> None:
        (self.folder / "go").touch()
        if self.run is not None and self.run.poll() is None:
            os.killpg(self.run.pid, signal.SIGKILL)
            self.run.wait(timeout=30)

    def instance(self) -> dg.DagsterInstance:
        return dg.DagsterInstance.from_config(self.env["DAGSTER_HOME"])


def _until(condition: Callable[[], bool], build_: GatedBuild, what: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert build_.run is not None
        if build_.run.poll() is not None:
            pytest.fail(f"the run ended before {what}:\n{build_.log()[-3000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"never {what}:\n{build_.log()[-3000:]}")
        time.sleep(0.05)


def _waiting_for_the_database(url: str) -> bool:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT count(*) > 0 FROM pg_stat_activity WHERE application_name = %s AND cardinality(pg_blocking_pids(pid)) > 0",
            (APPLICATION_NAME,),
        ).fetchone()[0]


def _assert_metadata_true(url: str, build_: GatedBuild, month: str) -> None:
    """The run's cache_tables and discogs_cache say the month cache_build records for their key."""
    with build_.instance() as instance:
        said = {
            asset: {k: v.value for k, v in instance.get_latest_materialization_event(dg.AssetKey(asset)).asset_materialization.metadata.items()}  # type: ignore[union-attr]
            for asset in ("cache_tables", "discogs_cache")
        }
    key = said["discogs_cache"]["build_key"]
    assert said["cache_tables"]["build_key"] == key
    with psycopg.connect(url) as conn:
        recorded = conn.execute("SELECT dump_id FROM public.cache_build WHERE build_key = %s", (key,)).fetchone()
    assert recorded == (month,)
    assert said["cache_tables"]["dump_id"] == said["discogs_cache"]["dump_id"] == month


def test_two_builds_of_other_inputs_at_once_each_publish_their_own_whole_cache(tmp_path, pg_url_factory) -> None:  # noqa: ANN001
    months = {"a": "20260101", "b": "20260201"}
    inputs = {name: _sample(tmp_path / f"dump-{name}", seed, months[name]) for name, seed in (("a", 21), ("b", 22))}
    expected = {name: _alone(pg_url_factory(), tmp_path / f"alone-{name}", info) for name, info in inputs.items()}
    assert expected["a"] != expected["b"]

    url = pg_url_factory()
    home = tmp_path / "shared-home"  # one workspace too, as with the embedded database's default home
    a, b = (GatedBuild.prepare(tmp_path / name, url, home, inputs[name]) for name in ("a", "b"))
    try:
        a.start()
        _until(lambda: a.parked, a, "the first build reached its conversion")
        b.start()
        # The second build takes its turn before converting: it waits for the first one's hold on
        # the database, and its converter has not started (it would rewrite a shared CSV folder).
        _until(lambda: _waiting_for_the_database(url), b, "the second build waits for the first")
        assert not b.parked
        assert a.go() == 0, a.log()[-3000:]
        assert published_rows(url) == expected["a"]
        _assert_metadata_true(url, a, months["a"])
        assert b.go() == 0, b.log()[-3000:]
        assert published_rows(url) == expected["b"]
        _assert_metadata_true(url, b, months["b"])
    finally:
        a.stop()
        b.stop()
    with a.instance() as instance:
        (first,) = instance.get_runs()
    assert f"for the build of run {first.run_id} (dump {months['a']}) since " in b.log()  # the waiting build named the first


def test_a_build_waits_then_fails_with_one_line_naming_the_holder(tmp_path, pg_url) -> None:  # noqa: ANN001
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "20260101"),
        library_db=write_library(tmp_path / "library.db"),
    )  # fmt: skip
    resources["postgres"] = PostgresResource(url=pg_url, build_wait_seconds=1)
    with psycopg.connect(pg_url, autocommit=True) as holder:  # what a run's hold does (cache/hold.py)
        acquire_build_lock(holder, 1)
        holder.execute(sqlfiles.query("hold/table"))
        holder.execute(sqlfiles.query("hold/claim"), {"run_id": "first-run"})
        holder.execute(sqlfiles.query("hold/dump"), {"dump_id": "20251201"})
        with dg.instance_for_test() as instance:
            started = time.monotonic()
            failed = build(instance, resources, raise_on_error=False)
            waited = time.monotonic() - started
    assert not failed.success
    failures = {e.step_key: e.step_failure_data.user_failure_data.description for e in failed.all_events
                if e.is_step_failure}  # fmt: skip
    # A build's turn starts at its conversion (the month's CSV folder is shared), and the schema
    # step, which needs no CSV, waits for the same turn.
    assert set(failures) == {"convert_dump", "cache_schema"}, failures
    for message in failures.values():
        assert "\n" not in message
        assert message.startswith("another build holds this database: run first-run (dump 20251201) since 20"), message
        assert "UTC; it did not end within 1 s" in message
    assert waited < 60


def test_a_run_builds_only_on_its_own_build_s_tables(tmp_path, pg_url) -> None:  # noqa: ANN001
    """A build resumed in another run (its first steps, then the rest) after another Dagster
    instance rebuilt the build schema with another month: the rest fails, nothing of both is published."""
    library_db = write_library(tmp_path / "library.db")
    mine = graph_resources(
        pg_url=pg_url, home=tmp_path / "mine", csv_dir=write_csv_set(tmp_path / "20260101"), library_db=library_db
    )
    theirs = graph_resources(
        pg_url=pg_url, home=tmp_path / "theirs", library_db=library_db,
        csv_dir=write_csv_set(tmp_path / "20260201", [r for r in RELEASES if r[0] != 102]),  # no US Blue Train
    )  # fmt: skip
    with dg.instance_for_test() as my_instance, dg.instance_for_test() as their_instance:
        build(my_instance, mine, selection="*deduped_releases")
        build(their_instance, theirs)
        published = published_rows(pg_url)
        rest = build(
            my_instance, mine, selection=dg.AssetSelection.assets("deduped_releases").downstream(include_self=False),
            raise_on_error=False,
        )  # fmt: skip
    assert not rest.success
    failures = {e.step_key: e.step_failure_data.user_failure_data.description for e in rest.all_events if e.is_step_failure}
    assert set(failures) == {"release_tracks", "library_matches"}, failures
    for message in failures.values():
        assert message.startswith("deduped_releases in this database is another build's"), message
        assert message.endswith("materialize deduped_releases again")
    assert published_rows(pg_url) == published  # the other month's cache, whole
