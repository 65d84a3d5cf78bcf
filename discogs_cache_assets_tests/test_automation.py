"""The new-dump sensor and the monthly schedule, evaluated on real Dagster instances against a
real dump folder, a real S3-style listing and a real data.discogs.com-like host on 127.0.0.1."""


import datetime as dt
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.assets.dump import discogs_dump
from discogs_cache_assets.automation import (
    BUILD_JOB, BUILD_TAG, DIGEST_TAG, DUMP_TAG, build_job, freshness_job, monthly_build, new_dump_sensor,
)
from discogs_cache_assets.checks import all_checks
from discogs_cache_assets.definitions import all_assets, defs
from discogs_cache_assets.dump.http import user_agent
from discogs_cache_assets.dump.resource import DISCOGS_SOURCE, DumpResource
from discogs_cache_assets.dump.watch import WatchState
from discogs_cache_assets.resources import Workspace
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.dump_server import (
    NEW, OLD, YEAR, Bucket, add_month, failure, materialize_dump, serve_bucket, serve_discogs, two_months,
)
from discogs_cache_assets_tests.graph import build, graph_resources, metadata



@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_months(tmp_path_factory.mktemp("sample"))


def tick(instance: dg.DagsterInstance, dump: DumpResource, cursor: str | None = None):  # noqa: ANN201
    # Evaluation contexts must be closed: they install the instance's state storage globally.
    with dg.build_sensor_context(instance=instance, cursor=cursor, resources={"dump": dump}) as context:
        return new_dump_sensor.evaluate_tick(context)


class Sensor:
    """Ticks of the sensor against one host, carrying the cursor from tick to tick and checking
    that no tick sends the host more than one request, each naming the product."""

    def __init__(self, instance: dg.DagsterInstance, host: Bucket) -> None:
        self.instance, self.host, self.cursor = instance, host, None
        self.dump = DumpResource(listing_url=host.url)

    def tick(self):  # noqa: ANN201
        before = len(self.host.hits)
        result = tick(self.instance, self.dump, self.cursor)
        self.cursor = result.cursor
        sent = self.host.hits[before:]
        assert len(sent) <= 1, sent
        assert all(h.agent == user_agent() and h.method == "GET" for h in sent)
        self.sent = len(sent)
        return result

    def later(self, **times: dt.datetime) -> None:
        """Move the cursor's clock: e.g. ``next_look=`` a day later, ``not_before=`` the wait over."""
        state = WatchState.from_json(self.cursor)
        for name, moment in times.items():
            setattr(state, name, moment.isoformat())
        self.cursor = state.to_json()


PAST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def assert_build_of(request: dg.RunRequest, dump_id: str) -> str:
    """The month's build request; returns the digest of its checksums (in the run key)."""
    dump_id_in_key, digest = request.run_key.split(":")
    assert dump_id_in_key == dump_id and len(digest) == 16 and request.job_name == BUILD_JOB
    assert request.tags[DUMP_TAG] == dump_id and request.tags[DIGEST_TAG] == digest and BUILD_TAG in request.tags
    assert request.run_config["ops"]["discogs_dump"]["config"] == {"dump_id": dump_id}
    return digest


def test_sensor_one_request_per_new_local_dump(sample, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "dumps"
    dump = DumpResource(dump_dir=str(folder))
    with dg.instance_for_test() as instance:
        empty = tick(instance, dump)
        assert not empty.run_requests and "no complete dump" in empty.skip_message
        add_month(sample, folder, OLD)
        first = tick(instance, dump)
        (request,) = first.run_requests
        assert_build_of(request, OLD)
        again = tick(instance, dump, first.cursor)
        assert not again.run_requests and again.skip_message.endswith("was already requested")
        # A month still being copied (no releases file yet) is not new.
        shutil.copy(sample / f"discogs_{OLD}_labels.xml.gz", folder / f"discogs_{NEW}_labels.xml.gz")
        assert not tick(instance, dump, first.cursor).run_requests
        add_month(sample, folder, NEW)
        newer = tick(instance, dump, first.cursor)
        (request,) = newer.run_requests
        digest = assert_build_of(request, NEW)
        # Without a checksum file, a file replaced in the folder makes it another month to build.
        artists = folder / f"discogs_{NEW}_artists.xml.gz"
        artists.write_bytes(gzip.compress(gzip.decompress(artists.read_bytes()), compresslevel=9))
        (rebuilt,) = tick(instance, dump, newer.cursor).run_requests
        assert assert_build_of(rebuilt, NEW) != digest


def test_a_run_that_only_fetched_the_dump_is_not_a_build(sample, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "dumps"
    add_month(sample, folder, OLD)
    dump = DumpResource(dump_dir=str(folder))
    with dg.instance_for_test() as instance:
        (request,) = tick(instance, dump).run_requests
        # Run what the request asks for, but only its first step, on the same instance.
        done = dg.materialize(
            [discogs_dump], instance=instance, run_config=request.run_config, tags=request.tags,
            resources={"dump": dump, "workspace": Workspace(home=str(tmp_path / "home"))},
        )
        assert metadata(done, "discogs_dump")["dump_id"] == OLD
        (again,) = tick(instance, dump).run_requests  # nothing was published: still to build
        assert again.run_key == request.run_key
        # (test_dump_download: after a whole build of a month, neither launcher requests it.)


def test_sensor_sees_a_new_month_in_an_s3_style_listing(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_bucket(tmp_path / "bucket") as bucket, dg.instance_for_test() as instance:
        add_month(sample, tmp_path / "src", OLD)
        bucket.publish(tmp_path / "src", OLD)
        sensor = Sensor(instance, bucket)
        assert "is listed" in sensor.tick().skip_message
        (request,) = sensor.tick().run_requests  # its checksum file read on the next tick
        assert_build_of(request, OLD)
        add_month(sample, tmp_path / "src", NEW)
        bucket.publish(tmp_path / "src", NEW, checksum=False)  # upload in progress
        sensor.later(next_look=PAST)
        assert not sensor.tick().run_requests and sensor.sent == 1
        assert not sensor.tick().run_requests and sensor.sent == 0  # OLD unchanged: nothing to read
        bucket.publish(tmp_path / "src", NEW)
        sensor.later(next_look=PAST)
        assert "is listed" in sensor.tick().skip_message
        (newer,) = sensor.tick().run_requests
        assert_build_of(newer, NEW)


def test_sensor_waits_for_a_late_month_and_its_checksum_file_and_looks_once_a_day(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_discogs(tmp_path / "host") as host, dg.instance_for_test() as instance:
        sensor = Sensor(instance, host)
        host.publish(sample, NEW, checksum=False)  # every file, the checksum file not yet
        nothing = sensor.tick()
        assert f"no month with a checksum file under data/{YEAR}/ yet" in nothing.skip_message and sensor.sent == 1
        assert f"no month with a checksum file under data/{YEAR - 1}/" in sensor.tick().skip_message
        # Both listings were read: nothing more today, however often the sensor ticks.
        for _ in range(3):
            quiet = sensor.tick()
            assert sensor.sent == 0 and "next look after" in quiet.skip_message
        host.write_checksum(NEW)  # written last, days late
        assert not sensor.tick().run_requests and sensor.sent == 0
        sensor.later(next_look=PAST)  # the next day
        listed = sensor.tick()
        assert f"dump {NEW} is listed" in listed.skip_message and sensor.sent == 1
        (request,) = sensor.tick().run_requests
        assert_build_of(request, NEW)
        assert host.hits[-1].target == f"discogs_{NEW}_CHECKSUM.txt"
        assert sensor.tick().skip_message.startswith("the listing was read less than a day ago")


def test_sensor_keeps_away_from_the_host_until_its_retry_after(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_discogs(tmp_path / "host") as host, dg.instance_for_test() as instance:
        host.publish(sample, NEW)
        sensor = Sensor(instance, host)
        host.allowed = 1  # the listing; then 429 with Retry-After: 3600
        sensor.tick()
        started = dt.datetime.now(dt.UTC)
        limited = sensor.tick()
        assert not limited.run_requests and "answered HTTP 429" in limited.skip_message
        until = dt.datetime.fromisoformat(WatchState.from_json(sensor.cursor).not_before)
        assert dt.timedelta(minutes=59) < until - started < dt.timedelta(minutes=61)
        assert limited.skip_message.endswith(f"try again after {until:%Y-%m-%d %H:%M:%S} UTC")
        for _ in range(2):
            waiting = sensor.tick()
            assert sensor.sent == 0 and f"no request before {until:%Y-%m-%d %H:%M:%S} UTC" in waiting.skip_message
        host.allowed = None
        sensor.later(not_before=PAST)  # an hour later
        (request,) = sensor.tick().run_requests  # the checksum file it could not read
        assert_build_of(request, NEW)


def test_a_429_to_a_run_keeps_the_sensor_away_too(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_discogs(tmp_path / "host") as host, dg.instance_for_test() as instance:
        host.publish(sample, NEW)
        host.allowed = 2  # the run's listing and checksum file; its first download gets 429
        message = failure(materialize_dump(host.url, tmp_path, instance=instance))
        host.allowed = None
        sensor = Sensor(instance, host)
        waiting = sensor.tick()
    until = message.rsplit("try again after ", 1)[1]
    assert sensor.sent == 0 and waiting.skip_message.endswith(f"no request before {until}")


def test_a_month_whose_file_is_replaced_is_built_again(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_discogs(tmp_path / "host") as host, dg.instance_for_test() as instance:
        host.publish(sample, NEW)
        sensor = Sensor(instance, host)
        sensor.tick()
        (request,) = sensor.tick().run_requests
        digest = assert_build_of(request, NEW)
        resources = {"dump": DumpResource(listing_url=host.url, dump_dir=str(tmp_path / "dumps")),
                     "workspace": Workspace(home=str(tmp_path / "home"))}
        built = dg.materialize([discogs_dump], instance=instance, run_config=request.run_config,
                               tags=request.tags, resources=resources)
        assert metadata(built, "discogs_dump")["month_digest"] == digest
        sensor.later(next_look=PAST)
        unchanged = sensor.tick()  # the listing shows the same checksum file: no second request
        assert sensor.sent == 1 and unchanged.skip_message.endswith("was already requested")
        # A day after publication, Discogs re-uploads the artists file (same XML, new bytes).
        artists = gzip.decompress((sample / f"discogs_{NEW}_artists.xml.gz").read_bytes())
        host.replace(NEW, "artists", gzip.compress(artists, compresslevel=9))
        sensor.later(next_look=PAST)
        assert f"dump {NEW} is listed" in sensor.tick().skip_message
        (again,) = sensor.tick().run_requests
        assert assert_build_of(again, NEW) != digest
        before = len(host.hits)
        rebuilt = dg.materialize([discogs_dump], instance=instance, run_config=again.run_config,
                                 tags=again.tags, resources=resources)
    md = metadata(rebuilt, "discogs_dump")
    assert md["month_digest"] == again.tags[DIGEST_TAG] and md["checksum"] != metadata(built, "discogs_dump")["checksum"]
    # Only the replaced file was downloaded again.
    assert [h.target for h in host.hits[before:] if h.target.endswith(".xml.gz")] == [f"discogs_{NEW}_artists.xml.gz"]


def schedule(instance: dg.DagsterInstance, dump: DumpResource):  # noqa: ANN201
    with dg.build_schedule_context(
        instance=instance, resources={"dump": dump},
        scheduled_execution_time=dt.datetime(YEAR, 2, 3, 6, tzinfo=dt.timezone.utc),
    ) as context:
        return monthly_build.evaluate_tick(context)


def test_schedule_targets_the_newest_dump(sample, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "dumps"
    for dump_id in (OLD, NEW):
        add_month(sample, folder, dump_id)
    assert monthly_build.cron_schedule.split()[2:] == ["3", "*", "*"]  # monthly
    with dg.instance_for_test() as instance:
        (request,) = schedule(instance, DumpResource(dump_dir=str(folder))).run_requests
    assert_build_of(request, NEW)


def test_schedule_and_sensor_key_a_published_month_alike(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_discogs(tmp_path / "host") as host, dg.instance_for_test() as instance:
        host.publish(sample, OLD)
        host.publish(sample, NEW)
        (scheduled,) = schedule(instance, DumpResource(listing_url=host.url)).run_requests
        sensor = Sensor(instance, host)
        sensor.tick()
        (sensed,) = sensor.tick().run_requests
        assert scheduled.run_key == sensed.run_key
        assert_build_of(scheduled, NEW)
        host.allowed = len(host.hits)
        limited = schedule(instance, DumpResource(listing_url=host.url))
    assert not limited.run_requests and "answered HTTP 429" in limited.skip_message


def test_with_automation_on_dumps_come_from_discogs_unless_told_otherwise(tmp_path) -> None:  # noqa: ANN001
    code = "from discogs_cache_assets.definitions import defs; print(repr(defs.resources['dump'].listing_url))"
    base = {k: v for k, v in os.environ.items() if not k.startswith("DISCOGS_")} | {"DISCOGS_CACHE_HOME": str(tmp_path)}
    for extra, expected in (({"DISCOGS_AUTOMATION": "1"}, DISCOGS_SOURCE), ({"DISCOGS_AUTOMATION": "1", "DISCOGS_DUMP_URL": ""}, "")):
        out = subprocess.run([sys.executable, "-c", code], env=base | extra, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == repr(expected)
    assert DISCOGS_SOURCE == "https://data.discogs.com/"


def test_both_launch_the_build_job_which_carries_the_one_build_tag() -> None:
    assert new_dump_sensor.job_name == monthly_build.job_name == BUILD_JOB
    assert build_job.tags[BUILD_TAG] == "cache"
    assert {BUILD_JOB, "check_freshness"} <= {j.name for j in defs.jobs}


def test_freshness_job_warns_on_an_old_cache(tmp_path, pg_url) -> None:  # noqa: ANN001
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                                library_db=write_library(tmp_path / "library.db"))
    with dg.instance_for_test() as instance:
        assert build(instance, resources).success
        job = dg.Definitions(
            assets=all_assets, asset_checks=all_checks, jobs=[freshness_job], resources=resources
        ).resolve_job_def(freshness_job.name)

        def fresh() -> dg.AssetCheckEvaluation:
            result = job.execute_in_process(instance=instance)
            assert result.success and not result.asset_materializations_for_node("discogs_cache")
            (evaluation,) = result.get_asset_check_evaluations()
            return evaluation

        assert fresh().passed
        with psycopg.connect(pg_url) as conn:
            conn.execute("UPDATE public.cache_build SET published_at = now() - interval '50 days'")
        stale = fresh()
    assert not stale.passed and stale.severity == dg.AssetCheckSeverity.WARN
    assert stale.metadata["age_days"].value > 45
