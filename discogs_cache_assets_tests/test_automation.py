"""The new-dump sensor and the monthly schedule, evaluated on real Dagster instances against a
real dump folder and a real HTTP listing on 127.0.0.1."""


import datetime as dt
import shutil
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.assets.dump import discogs_dump
from discogs_cache_assets.automation import (
    BUILD_JOB, BUILD_TAG, DUMP_TAG, build_job, freshness_job, monthly_build, new_dump_sensor,
)
from discogs_cache_assets.checks import all_checks
from discogs_cache_assets.definitions import all_assets, defs
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.resources import Workspace
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.dump_server import NEW, OLD, YEAR, add_month, serve_bucket, two_months
from discogs_cache_assets_tests.graph import build, graph_resources, metadata



@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_months(tmp_path_factory.mktemp("sample"))


def tick(instance: dg.DagsterInstance, dump: DumpResource, cursor: str | None = None):  # noqa: ANN201
    # Evaluation contexts must be closed: they install the instance's state storage globally.
    with dg.build_sensor_context(instance=instance, cursor=cursor, resources={"dump": dump}) as context:
        return new_dump_sensor.evaluate_tick(context)


def assert_build_of(request: dg.RunRequest, dump_id: str) -> None:
    assert request.run_key == dump_id and request.job_name == BUILD_JOB
    assert request.tags[DUMP_TAG] == dump_id and BUILD_TAG in request.tags
    assert request.run_config["ops"]["discogs_dump"]["config"] == {"dump_id": dump_id}


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
        assert not again.run_requests and f"{OLD} was already seen" in again.skip_message
        # A month still being copied (no releases file yet) is not new.
        shutil.copy(sample / f"discogs_{OLD}_labels.xml.gz", folder / f"discogs_{NEW}_labels.xml.gz")
        assert not tick(instance, dump, first.cursor).run_requests
        add_month(sample, folder, NEW)
        (newer,) = tick(instance, dump, first.cursor).run_requests
        assert_build_of(newer, NEW)


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
        assert_build_of(again, OLD)
        # (test_dump_download: after a whole build of a month, neither launcher requests it.)


def test_sensor_sees_a_new_month_in_the_listing(sample, tmp_path) -> None:  # noqa: ANN001
    with serve_bucket(tmp_path / "bucket") as bucket, dg.instance_for_test() as instance:
        add_month(sample, tmp_path / "src", OLD)
        bucket.publish(tmp_path / "src", OLD)
        dump = DumpResource(listing_url=bucket.url)
        first = tick(instance, dump)
        (request,) = first.run_requests
        assert_build_of(request, OLD)
        assert not tick(instance, dump, first.cursor).run_requests
        add_month(sample, tmp_path / "src", NEW)
        bucket.publish(tmp_path / "src", NEW, checksum=False)  # upload in progress
        assert not tick(instance, dump, first.cursor).run_requests
        bucket.publish(tmp_path / "src", NEW)
        (newer,) = tick(instance, dump, first.cursor).run_requests
        assert_build_of(newer, NEW)


def test_schedule_targets_the_newest_dump(sample, tmp_path) -> None:  # noqa: ANN001
    folder = tmp_path / "dumps"
    for dump_id in (OLD, NEW):
        add_month(sample, folder, dump_id)
    assert monthly_build.cron_schedule.split()[2:] == ["3", "*", "*"]  # monthly
    with dg.instance_for_test() as instance:
        with dg.build_schedule_context(
            instance=instance, resources={"dump": DumpResource(dump_dir=str(folder))},
            scheduled_execution_time=dt.datetime(YEAR, 2, 3, 6, tzinfo=dt.timezone.utc),
        ) as context:
            (request,) = monthly_build.evaluate_tick(context).run_requests
    assert_build_of(request, NEW)


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
