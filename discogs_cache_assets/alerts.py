"""Alerts through Dagster's own run-failure sensors, off unless configured.

A failed run of this code location (a build, a UI materialization, the freshness check) is told
to Slack when SLACK_TOKEN and SLACK_CHANNEL are set, else POSTed as a small JSON document to
DISCOGS_ALERT_WEBHOOK_URL when that is set; with neither there is no alert sensor. A publish
refused by the shrink guard fails the run through its blocking check, so it arrives the same way,
marked ``"kind": "shrink"``.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field

import dagster as dg
from dagster_slack import SlackResource

from discogs_cache_assets.checks import NEXT_CACHE_NOT_SHRUNK

SLACK_TOKEN_ENV = "SLACK_TOKEN"
SLACK_CHANNEL_ENV = "SLACK_CHANNEL"
WEBHOOK_ENV = "DISCOGS_ALERT_WEBHOOK_URL"
# The blocking check that refuses a next cache much smaller than the published one.
SHRINK_CHECK = NEXT_CACHE_NOT_SHRUNK
POST_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class Alert:
    """What a failed run says: its id and job, each failed step's own line, each failed check."""

    run_id: str
    job: str
    message: str
    failed_checks: list[str] = field(default_factory=list)
    kind: str = "failure"  # "shrink" when the shrink guard refused the publish

    def text(self) -> str:
        head = "refused a shrinking cache" if self.kind == "shrink" else "failed"
        lines = [f"discogs-cache-assets: run {self.run_id} of {self.job} {head}", self.message]
        lines += [f"check {c}" for c in self.failed_checks]
        return "\n".join(line for line in lines if line)


def _step_lines(context: dg.RunFailureSensorContext) -> list[str]:
    lines = []
    for event in context.get_step_failure_events():
        data = event.step_failure_data
        user = data.user_failure_data if data else None
        why = user.description if user and user.description else (data.error.message if data and data.error else "")
        lines.append(f"{event.step_key}: {why.strip().splitlines()[0] if why.strip() else 'failed'}")
    return lines


def _failed_checks(context: dg.RunFailureSensorContext) -> dict[str, str]:
    """``asset:check`` → the check's own description (or its metadata) for each failed check."""
    records = context.instance.get_records_for_run(
        context.dagster_run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ).records
    failed: dict[str, str] = {}
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if evaluation.passed:
            continue
        said = evaluation.description or ", ".join(f"{k} {v.value}" for k, v in evaluation.metadata.items())
        failed[f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"] = said
    return failed


def alert_of(context: dg.RunFailureSensorContext) -> Alert:
    run = context.dagster_run
    checks = _failed_checks(context)
    steps = _step_lines(context)
    shrink = any(name.endswith(f":{SHRINK_CHECK}") for name in checks)
    return Alert(
        run_id=run.run_id,
        job=run.job_name,
        message="; ".join(steps) or context.failure_event.message or "",
        failed_checks=[f"{name}: {said}" if said else name for name, said in checks.items()],
        kind="shrink" if shrink else "failure",
    )


def post_json(url: str, payload: dict[str, object]) -> None:
    """POST ``payload``; a refusal is the sensor tick's error (one line): Dagster moves on to the
    next failed run all the same."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=POST_TIMEOUT_SECONDS) as response:
            response.read()
    except (urllib.error.URLError, TimeoutError) as exc:
        raise dg.Failure(f"alert webhook {WEBHOOK_ENV} did not take the alert: {exc}") from None


def webhook_sensor(url: str) -> dg.SensorDefinition:
    @dg.run_failure_sensor(
        name="webhook_on_run_failure",
        description=f"Every failed run (a refused shrinking publish included) POSTed as JSON to {WEBHOOK_ENV}: "
        "run_id, job, message, failed_checks, kind ('failure' or 'shrink')",
        default_status=dg.DefaultSensorStatus.RUNNING,
    )
    def webhook_on_run_failure(context: dg.RunFailureSensorContext) -> None:
        post_json(url, asdict(alert_of(context)))

    return webhook_on_run_failure


def slack_sensor(channel: str) -> dg.SensorDefinition:
    # dagster-slack's make_slack_on_run_failure_sensor takes the token as a plain string (an
    # EnvVar would be sent as its name) and has no description; its SlackResource reads the
    # token as an EnvVar when the sensor runs, and this sensor says what it does in the UI.
    @dg.run_failure_sensor(
        name="slack_on_run_failure",
        description=f"Every failed run (a refused shrinking publish included) told to Slack channel {channel}",
        default_status=dg.DefaultSensorStatus.RUNNING,
    )
    def slack_on_run_failure(context: dg.RunFailureSensorContext, slack: SlackResource) -> None:
        slack.get_client().chat_postMessage(channel=channel, text=alert_of(context).text())

    return slack_on_run_failure


def alert_sensors() -> tuple[list[dg.SensorDefinition], dict[str, object]]:
    """The configured alert sensor and the resources it needs; none when nothing is configured."""
    channel = os.environ.get(SLACK_CHANNEL_ENV, "")
    if os.environ.get(SLACK_TOKEN_ENV) and channel:
        return [slack_sensor(channel)], {"slack": SlackResource(token=dg.EnvVar(SLACK_TOKEN_ENV))}
    if url := os.environ.get(WEBHOOK_ENV):
        return [webhook_sensor(url)], {}
    return [], {}
