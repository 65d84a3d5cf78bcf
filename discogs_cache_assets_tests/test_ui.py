"""What an operator sees in the UI: every check, sensor and schedule says what it does, every
asset has an owner and a layer, and a reused step adds no new timing to the plots."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.alerts import SLACK_CHANNEL_ENV, SLACK_TOKEN_ENV, WEBHOOK_ENV, alert_sensors
from discogs_cache_assets.definitions import LAYER_TAG, OWNER, defs
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.history import TIMING_SUFFIXES
from discogs_cache_assets.sample import generate_sample
from discogs_cache_assets.sample._generate import minimum_releases
from discogs_cache_assets_tests.graph import build, graph_resources


def test_every_check_sensor_and_schedule_says_what_it_does(monkeypatch: pytest.MonkeyPatch) -> None:
    repository = defs.get_repository_def()
    graph = repository.asset_graph
    undescribed = [f"check {key.to_user_string()}" for key in graph.asset_check_keys
                   if not graph.get_check_spec(key).description]
    sensors = list(repository.sensor_defs)
    # The alert sensors exist only when configured: each form of them is looked at too.
    monkeypatch.setenv(WEBHOOK_ENV, "http://127.0.0.1:9/alerts")
    sensors += alert_sensors()[0]
    monkeypatch.setenv(SLACK_TOKEN_ENV, "xoxb-not-a-real-token")
    monkeypatch.setenv(SLACK_CHANNEL_ENV, "#station-engineering")
    sensors += alert_sensors()[0]
    undescribed += [f"sensor {s.name}" for s in sensors if not s.description]
    undescribed += [f"schedule {s.name}" for s in repository.schedule_defs if not s.description]
    assert undescribed == []
    assert {s.name for s in sensors} == {"new_dump_sensor", "webhook_on_run_failure", "slack_on_run_failure"}
    assert len(repository.schedule_defs) == 2 and len(graph.asset_check_keys) >= 7


def test_every_asset_has_an_owner_and_a_layer() -> None:
    layers: dict[str, str] = {}
    for assets_def in defs.assets:
        for spec in assets_def.specs:
            assert spec.owners == [OWNER], spec.key
            layers[spec.key.to_user_string()] = spec.tags[LAYER_TAG]
    assert layers.pop("discogs_cache") == "published"
    assert set(layers.values()) == {"intermediate"} and len(layers) == 12


def timings(metadata: dict[str, object]) -> list[str]:
    return sorted(k for k in metadata if k.endswith(TIMING_SUFFIXES))


def materialized(result: dg.ExecuteInProcessResult) -> dict[str, dict[str, object]]:
    return {e.asset_key.to_user_string(): {k: v.value for k, v in e.materialization.metadata.items()}
            for e in result.get_asset_materialization_events()}


def test_a_reused_step_reports_no_new_timings(tmp_path: Path, pg_url: str) -> None:
    sample = tmp_path / "dump"
    generate_sample(sample, releases=minimum_releases())
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path / "unused",
                                library_db=sample / "library.db")
    resources["dump"] = DumpResource(dump_dir=str(sample))  # the converter runs, and is reused
    with dg.instance_for_test() as instance:
        first = materialized(build(instance, resources))
        again = materialized(build(instance, resources))
    timed = {asset for asset, md in first.items() if timings(md)}
    # Every kind of step: the download check, the converter's report, the database steps, the swap.
    assert {"discogs_dump", "filtered_csvs", "release_tables", "cache_tables", "discogs_cache"} <= timed
    assert set(again) == set(first)
    for asset, md in again.items():
        assert md.get("reused", True) is True, asset
        assert timings(md) == [], asset
        # What the step built is still said: counts and keys stay.
        assert {k: v for k, v in first[asset].items() if k not in timings(first[asset])}.keys() <= md.keys(), asset
