"""When a build runs: a sensor that notices a new dump, a monthly schedule as the backstop, and a
daily freshness check of the published cache.

Both launchers request the same job for the same dump id with ``run_key = dump id`` and skip a
dump that has been built or is being built, so a month is built once whichever sees it first.
Every build run carries the ``discogs/build`` tag, which dagster.yaml's run queue limits to one
run at a time; the database steps also share a pool and an advisory lock.
"""

import os

import dagster as dg
from dagster import ScheduleEvaluationContext, SensorEvaluationContext

from discogs_cache_assets.assets.cache import discogs_cache
from discogs_cache_assets.assets.dump import DumpSelection, discogs_dump
from discogs_cache_assets.checks import cache_is_fresh
from discogs_cache_assets.dump.listing import ListingError
from discogs_cache_assets.dump.resource import DumpResource

BUILD_TAG = "discogs/build"  # dagster.yaml: tag_concurrency_limits on this key, limit 1
DUMP_TAG = "discogs/dump_id"
BUILD_JOB = "build_cache"
# A month's files appear on the 1st or 2nd; the schedule runs after, the sensor sooner.
MONTHLY_CRON = "0 6 3 * *"
SENSOR_INTERVAL_SECONDS = 3600
# Off unless DISCOGS_AUTOMATION=1 (docker-compose sets it): `dagster dev` on a laptop should not
# start monthly builds by itself.
_ON = os.environ.get("DISCOGS_AUTOMATION") == "1"
SENSOR_STATUS = dg.DefaultSensorStatus.RUNNING if _ON else dg.DefaultSensorStatus.STOPPED
SCHEDULE_STATUS = dg.DefaultScheduleStatus.RUNNING if _ON else dg.DefaultScheduleStatus.STOPPED

build_job = dg.define_asset_job(
    BUILD_JOB,
    selection=dg.AssetSelection.all(),
    description="Everything from the library and the dump to the published cache",
    tags={BUILD_TAG: "cache"},
    executor_def=dg.in_process_executor,
)

freshness_job = dg.define_asset_job(
    "check_freshness",
    selection=dg.AssetSelection.checks(cache_is_fresh),
    description="Warn when the published cache is older than ~45 days",
)

_ACTIVE = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]


def is_built(instance: dg.DagsterInstance, dump_id: str) -> bool:
    """A build of this dump is queued or running, or a successful run verified it and published
    the cache (a run that only fetched the dump does not count)."""
    if instance.get_runs(dg.RunsFilter(tags={DUMP_TAG: dump_id}, statuses=_ACTIVE), limit=1):
        return True
    for record in instance.fetch_materializations(discogs_dump.key, limit=100).records:
        materialized = record.asset_materialization
        if materialized is None or "dump_id" not in materialized.metadata:
            continue
        if materialized.metadata["dump_id"].value != dump_id:
            continue
        run = instance.get_run_by_id(record.run_id)
        if run is not None and run.status == dg.DagsterRunStatus.SUCCESS and _published_in(instance, record.run_id):
            return True
    return False


def _published_in(instance: dg.DagsterInstance, run_id: str) -> bool:
    events = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    return any(r.event_log_entry.dagster_event.asset_key == discogs_cache.key for r in events)


def build_request(dump_id: str) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=dump_id,
        job_name=BUILD_JOB,
        run_config=dg.RunConfig(ops={discogs_dump.op.name: DumpSelection(dump_id=dump_id)}),
        tags={DUMP_TAG: dump_id, BUILD_TAG: "cache"},
    )


def _newest(dump: DumpResource) -> str | dg.SkipReason:
    try:
        newest = dump.newest_available()
    except ListingError as exc:
        return dg.SkipReason(f"listing unreadable: {exc}")
    return newest if newest else dg.SkipReason("no complete dump available yet")


@dg.sensor(job=build_job, minimum_interval_seconds=SENSOR_INTERVAL_SECONDS, default_status=SENSOR_STATUS)
def new_dump_sensor(context: SensorEvaluationContext, dump: DumpResource) -> dg.SensorResult | dg.SkipReason:
    """A new complete month in the dump folder or the listing → one build of it. The cursor is
    the newest dump id seen; an older or already-built month is never requested."""
    newest = _newest(dump)
    if isinstance(newest, dg.SkipReason):
        return newest
    if context.cursor and newest <= context.cursor:
        return dg.SkipReason(f"dump {newest} was already seen")
    if is_built(context.instance, newest):
        return dg.SensorResult(skip_reason=f"dump {newest} is already built", cursor=newest)
    return dg.SensorResult(run_requests=[build_request(newest)], cursor=newest)


@dg.schedule(job=build_job, cron_schedule=MONTHLY_CRON, default_status=SCHEDULE_STATUS)
def monthly_build(context: ScheduleEvaluationContext, dump: DumpResource) -> dg.RunRequest | dg.SkipReason:
    """Once a month, build the newest dump unless the sensor (or a person) already did."""
    newest = _newest(dump)
    if isinstance(newest, dg.SkipReason):
        return newest
    if is_built(context.instance, newest):
        return dg.SkipReason(f"dump {newest} is already built")
    return build_request(newest)


daily_freshness = dg.ScheduleDefinition(
    job=freshness_job, cron_schedule="0 7 * * *", default_status=SCHEDULE_STATUS
)
