"""Alerts: real failed runs on a real Dagster instance, the run-failure sensor evaluated on them,
and what it POSTs received by an HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import dagster as dg
import pytest

from dagster_slack import SlackResource
from slack_sdk import WebClient

from discogs_cache_assets.alerts import (
    SHRINK_CHECK, SLACK_CHANNEL_ENV, SLACK_TOKEN_ENV, WEBHOOK_ENV, alert_sensors, slack_sensor, webhook_sensor,
)
from discogs_cache_assets.assets.library import library_db
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets_tests.conftest import REPO_ROOT
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources


class Hook:
    """An HTTP server on 127.0.0.1 keeping every JSON document POSTed to it; it answers as Slack's
    Web API does (``{"ok": true}``), so Slack's own client can post to it too."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                hook.received.append({"content_type": self.headers["Content-Type"], "path": self.path,
                                      "authorization": self.headers.get("Authorization"), **json.loads(body)})
                answer = json.dumps({"ok": True}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/alerts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def hook() -> Iterator[Hook]:
    served = Hook()
    yield served
    served.server.shutdown()


def run_failure_event(instance: dg.DagsterInstance, run_id: str) -> dg.DagsterEvent:
    (record,) = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    return record.event_log_entry.dagster_event


def evaluate(sensor: dg.SensorDefinition, instance: dg.DagsterInstance, run_id: str, **resources: object) -> None:
    context = dg.build_run_status_sensor_context(
        sensor_name=sensor.name,
        dagster_instance=instance,
        dagster_run=instance.get_run_by_id(run_id),
        dagster_event=run_failure_event(instance, run_id),
        resources=resources or None,
    ).for_run_failure()
    sensor(context)


class LocalSlack(SlackResource):
    """dagster-slack's resource with Slack's own client, sent to a server on 127.0.0.1."""

    api_url: str

    def get_client(self) -> WebClient:
        return WebClient(self.token, base_url=self.api_url)


def test_a_failed_build_reaches_the_webhook(hook: Hook, tmp_path: Path) -> None:
    missing = tmp_path / "library.db"
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [library_db], instance=instance, raise_on_error=False,
            resources={"library": LibraryResource(db_path=str(missing))},
        )
        assert not result.success
        evaluate(webhook_sensor(hook.url), instance, result.run_id)
    (alert,) = hook.received
    assert alert["content_type"] == "application/json"
    assert alert["run_id"] == result.run_id and alert["job"] == result.job_def.name
    assert alert["kind"] == "failure" and alert["failed_checks"] == []
    # The step's own one line, naming the file: what an operator needs without opening the UI.
    assert alert["message"].startswith("library_db: ") and str(missing) in alert["message"]
    assert "Traceback" not in alert["message"]


def test_a_failed_build_reaches_slack(hook: Hook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SLACK_TOKEN_ENV, "xoxb-local-test")
    missing = tmp_path / "library.db"
    with dg.instance_for_test() as instance:
        result = dg.materialize(
            [library_db], instance=instance, raise_on_error=False,
            resources={"library": LibraryResource(db_path=str(missing))},
        )
        slack = LocalSlack(token=dg.EnvVar(SLACK_TOKEN_ENV), api_url=hook.url.removesuffix("alerts"))
        evaluate(slack_sensor("#station-engineering"), instance, result.run_id, slack=slack)
    (post,) = hook.received
    assert post["path"] == "/chat.postMessage" and post["channel"] == "#station-engineering"
    assert post["authorization"] == "Bearer xoxb-local-test"  # the token, read from its variable when sent
    assert result.run_id in post["text"] and str(missing) in post["text"]
    assert "Traceback" not in post["text"]


def test_a_refused_shrink_reaches_the_webhook_as_such(hook: Hook, tmp_path: Path, pg_url: str) -> None:
    library = write_library(tmp_path / "library.db")

    def releases(n: int) -> dict[str, object]:
        rows = [(101 + i, f"Record {i}", "US", None, f"Artist {i}", 1) for i in range(n)]
        return graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / str(n), rows),
                               library_db=library, prune=False)

    with dg.instance_for_test() as instance:
        build(instance, releases(10))
        refused = build(instance, releases(7), raise_on_error=False)  # 30 % fewer: past the 10 % default
        assert not refused.success
        evaluate(webhook_sensor(hook.url), instance, refused.run_id)
    (alert,) = hook.received
    assert alert["kind"] == "shrink" and alert["run_id"] == refused.run_id
    (check,) = alert["failed_checks"]
    assert check.startswith(f"cache_tables:{SHRINK_CHECK}: the next cache has 7 releases where 10 are published"), check
    assert "blocking asset check failed" in alert["message"]


def test_a_webhook_that_refuses_fails_the_tick_with_one_line(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/alerts"  # bound, never listening
        with dg.instance_for_test() as instance:
            result = dg.materialize(
                [library_db], instance=instance, raise_on_error=False,
                resources={"library": LibraryResource(db_path=str(tmp_path / "none.db"))},
            )
            with pytest.raises(dg.Failure, match=f"^alert webhook {WEBHOOK_ENV} did not take the alert: "):
                evaluate(webhook_sensor(url), instance, result.run_id)


def test_alerts_are_off_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (SLACK_TOKEN_ENV, SLACK_CHANNEL_ENV, WEBHOOK_ENV):
        monkeypatch.delenv(name, raising=False)
    assert alert_sensors() == ([], {})
    monkeypatch.setenv(WEBHOOK_ENV, "http://127.0.0.1:9/alerts")
    (sensor,), resources = alert_sensors()
    assert sensor.name == "webhook_on_run_failure" and resources == {}
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    # Slack wins when both are set; a token without a channel is not Slack.
    monkeypatch.setenv(SLACK_TOKEN_ENV, "xoxb-not-a-real-token")
    assert alert_sensors()[0][0].name == "webhook_on_run_failure"
    monkeypatch.setenv(SLACK_CHANNEL_ENV, "#station-engineering")
    (sensor,), resources = alert_sensors()
    assert sensor.name == "slack_on_run_failure" and set(resources) == {"slack"}
    # The token is read when the sensor runs, as an EnvVar: never held as its value.
    assert resources["slack"].token == dg.EnvVar(SLACK_TOKEN_ENV)


def test_the_code_location_carries_the_configured_alert() -> None:
    env = {k: v for k, v in os.environ.items() if k not in (SLACK_TOKEN_ENV, SLACK_CHANNEL_ENV)}
    env[WEBHOOK_ENV] = "http://127.0.0.1:9/alerts"
    code = "from discogs_cache_assets.definitions import defs; print(sorted(s.name for s in defs.sensors))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    assert out.strip() == "['new_dump_sensor', 'webhook_on_run_failure']"
