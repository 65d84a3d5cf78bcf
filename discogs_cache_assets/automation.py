"""When a build runs: a sensor that notices a new or re-published month, a monthly schedule as
the backstop, and a daily freshness check of the published cache.

Both launchers request the same job with ``run_key = <dump id>:<digest of its checksum file>``
and skip a month already built (or being built) with those checksums, so a month is built once
whichever sees it first, and again when Discogs re-uploads one of its files. The deployment's run
queue (deploy/dagster.yaml) starts one run at a time, tagged or not (a UI "Materialize all" is
not); build runs also carry the ``discogs/build`` tag, limited to one run there as well. The
database steps also share a pool and an advisory lock.
"""

import datetime as dt
import os

import dagster as dg
from dagster import ScheduleEvaluationContext, SensorEvaluationContext

from discogs_cache_assets.assets.cache import discogs_cache
from discogs_cache_assets.assets.dump import TRY_AGAIN_AFTER, DumpSelection, discogs_dump
from discogs_cache_assets.checks import cache_is_fresh
from discogs_cache_assets.dump.http import RateLimited
from discogs_cache_assets.dump.listing import ListingError, newest_month
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.dump.source import month_digest
from discogs_cache_assets.dump.watch import WatchState, look

BUILD_TAG = "discogs/build"  # deploy/dagster.yaml: tag_concurrency_limits on this key, limit 1
DUMP_TAG = "discogs/dump_id"
DIGEST_TAG = "discogs/checksums"  # digest of the month's checksum file
BUILD_JOB = "build_cache"
# A month's files usually appear on the 1st or 2nd (January 2026 on the 15th); the schedule runs
# on the 3rd, the sensor looks every day.
MONTHLY_CRON = "0 6 3 * *"
# Ticks are hourly; the dump source itself is asked at most once a day (plus a follow-up request
# for a new checksum file), see dump/watch.py.
SENSOR_INTERVAL_SECONDS = 3600
# Off unless DISCOGS_AUTOMATION=1 (docker-compose sets it): `dagster dev` on a laptop should not
# start monthly builds by itself.
AUTOMATION_ON = os.environ.get("DISCOGS_AUTOMATION") == "1"
SENSOR_STATUS = dg.DefaultSensorStatus.RUNNING if AUTOMATION_ON else dg.DefaultSensorStatus.STOPPED
SCHEDULE_STATUS = dg.DefaultScheduleStatus.RUNNING if AUTOMATION_ON else dg.DefaultScheduleStatus.STOPPED

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


def is_built(instance: dg.DagsterInstance, dump_id: str, digest: str) -> bool:
    """A build of this month with these checksums is queued or running, or a successful run
    verified it and published the cache (a run that only fetched the dump does not count)."""
    tags = {DUMP_TAG: dump_id, DIGEST_TAG: digest}
    if instance.get_runs(dg.RunsFilter(tags=tags, statuses=_ACTIVE), limit=1):
        return True
    for record in instance.fetch_materializations(discogs_dump.key, limit=100).records:
        materialized = record.asset_materialization
        if materialized is None:
            continue
        recorded = {k: materialized.metadata[k].value for k in ("dump_id", "month_digest") if k in materialized.metadata}
        if recorded != {"dump_id": dump_id, "month_digest": digest}:
            continue
        run = instance.get_run_by_id(record.run_id)
        if run is not None and run.status == dg.DagsterRunStatus.SUCCESS and _published_in(instance, record.run_id):
            return True
    return False


def _published_in(instance: dg.DagsterInstance, run_id: str) -> bool:
    events = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION).records
    return any(r.event_log_entry.dagster_event.asset_key == discogs_cache.key for r in events)


def run_key(dump_id: str, digest: str) -> str:
    return f"{dump_id}:{digest}"


def build_request(dump_id: str, digest: str) -> dg.RunRequest:
    return dg.RunRequest(
        run_key=run_key(dump_id, digest),
        job_name=BUILD_JOB,
        run_config=dg.RunConfig(ops={discogs_dump.op.name: DumpSelection(dump_id=dump_id)}),
        tags={DUMP_TAG: dump_id, DIGEST_TAG: digest, BUILD_TAG: "cache"},
    )


def _wait_named_to_a_run(instance: dg.DagsterInstance) -> dt.datetime | None:
    """The time the dump source named when it turned a recent run away (429 in discogs_dump)."""
    for run in instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE]), limit=5):
        for record in instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.STEP_FAILURE).records:
            failure = record.event_log_entry.dagster_event.step_failure_data.user_failure_data
            if failure is not None and TRY_AGAIN_AFTER in failure.metadata:
                return dt.datetime.fromisoformat(str(failure.metadata[TRY_AGAIN_AFTER].value))
    return None


def _local(dump: DumpResource) -> tuple[str, str] | str:
    """(dump id, digest) of the newest complete month in the folder, or why there is none."""
    if dump.csv_dir:
        return "converted CSVs are configured: there is no dump to watch"
    newest = dump.newest_local()
    return (newest.dump_id, month_digest(newest)) if newest else "no complete dump available yet"


@dg.sensor(
    job=build_job,
    minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
    default_status=SENSOR_STATUS,
    description="Hourly: a new complete month (or a re-published one) in the dump folder or at the dump "
    "source starts one build_cache run of it; the source itself is asked at most once a day",
)
def new_dump_sensor(context: SensorEvaluationContext, dump: DumpResource) -> dg.SensorResult:
    """A new complete month, or a month whose checksum file changed, in the dump folder or at
    the dump source → one build of it. The cursor is a JSON document (dump/watch.py): when the
    source may be asked again (after a 429 to the sensor or to a run), the checksum file last
    read, the last run key requested."""
    state = WatchState.from_json(context.cursor)
    if dump.listing_url and not dump.csv_dir:
        if wait := _wait_named_to_a_run(context.instance):
            state.wait_until(wait)
        looked = look(state, dump.listing_url, dt.datetime.now(dt.UTC))
        state, found = looked.state, looked.found or looked.message
    else:
        found = _local(dump)
    if isinstance(found, str):
        return dg.SensorResult(skip_reason=found, cursor=state.to_json())
    dump_id, digest = found
    if state.requested == run_key(dump_id, digest):
        return dg.SensorResult(skip_reason=f"dump {dump_id} (checksums {digest}) was already requested",
                               cursor=state.to_json())
    state.requested = run_key(dump_id, digest)
    if is_built(context.instance, dump_id, digest):
        return dg.SensorResult(skip_reason=f"dump {dump_id} (checksums {digest}) is already built", cursor=state.to_json())
    return dg.SensorResult(run_requests=[build_request(dump_id, digest)], cursor=state.to_json())


@dg.schedule(
    job=build_job,
    cron_schedule=MONTHLY_CRON,
    default_status=SCHEDULE_STATUS,
    description="The 3rd of each month, 06:00 UTC: builds the newest complete month unless the sensor "
    "or a person already built it with the same checksums",
)
def monthly_build(context: ScheduleEvaluationContext, dump: DumpResource) -> dg.RunRequest | dg.SkipReason:
    """Once a month, build the newest dump unless the sensor (or a person) already did."""
    if dump.listing_url and not dump.csv_dir:
        try:
            month = newest_month(dump.listing_url)
        except (RateLimited, ListingError) as exc:
            return dg.SkipReason(str(exc))
        found: tuple[str, str] | str = (month.dump_id, month.digest)
    else:
        found = _local(dump)
    if isinstance(found, str):
        return dg.SkipReason(found)
    if is_built(context.instance, *found):
        return dg.SkipReason(f"dump {found[0]} (checksums {found[1]}) is already built")
    return build_request(*found)


daily_freshness = dg.ScheduleDefinition(
    job=freshness_job,
    cron_schedule="0 7 * * *",
    default_status=SCHEDULE_STATUS,
    description="Daily, 07:00 UTC: the cache_is_fresh check warns when the published cache is older than 45 days",
)
