"""The converter under Dagster Pipes: the protocol messages it writes, and a real
`PipesSubprocessClient` materialization carrying its metadata."""


import json
import time
from pathlib import Path

import dagster as dg
import pytest
from dagster_pipes import encode_param

from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets.pipes_reader import PolledFileMessageReader, converter_client
from discogs_cache_assets_tests.conftest import require_shared
from discogs_cache_assets_tests.test_converter_conformance import V3, dump_dir, run_converter


def pipes_env(messages: Path, asset_keys: list[str] | None) -> dict[str, str]:
    context = {"asset_keys": asset_keys, "code_version_by_asset_key": None, "provenance_by_asset_key": None,
               "partition_key": None, "partition_key_range": None, "partition_time_window": None,
               "run_id": "r1", "job_name": "j", "retry_number": 0, "extras": {}}
    return {"DAGSTER_PIPES_CONTEXT": encode_param({"data": context}),
            "DAGSTER_PIPES_MESSAGES": encode_param({"path": str(messages)})}


def read_messages(path: Path) -> list[dict]:
    msgs = [json.loads(line) for line in path.read_text().splitlines()]
    assert all(m["__dagster_pipes_version"] == "0.1" for m in msgs)
    return msgs


def test_protocol_single_asset(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    msgs_path = tmp_path / "messages.jsonl"
    proc = run_converter(fx / "releases_fixture.xml", "--output-dir", tmp_path / "out", "--progress-interval", "5",
                         env=pipes_env(msgs_path, ["filtered_csvs"]))
    msgs = read_messages(msgs_path)
    assert msgs[0]["method"] == "opened" and msgs[-1] == {"__dagster_pipes_version": "0.1", "method": "closed",
                                                          "params": {}}
    logs = [m["params"]["message"] for m in msgs if m["method"] == "log"]
    # Progress reaches Pipes (the run's event log) once per 10 s, the first at once; stderr, the
    # step's captured output, keeps every line.
    assert [m for m in logs if m.startswith("Scanned")] == [next(m for m in logs if m.startswith("Scanned 5 "))]
    assert "MB/s" in next(m for m in logs if m.startswith("Scanned"))
    assert [n for n in (5, 10, 15) if f"Scanned {n} releases..." in proc.stderr] == [5, 10, 15]
    assert any(m.startswith("Complete: 16 scanned, 16 written") for m in logs)
    (mat,) = [m["params"] for m in msgs if m["method"] == "report_asset_materialization"]
    assert mat["asset_key"] == "filtered_csvs"
    md = {k: v["raw_value"] for k, v in mat["metadata"].items()}
    assert md["rows_release"] == 16 and md["rows_release_artist"] == 17 and md["rows_release_track"] == 30
    assert md["releases_scanned"] == 16 and md["releases_written"] == 16 and md["releases_filtered"] == 0
    assert md["xml_bytes"] == (fx / "releases_fixture.xml").stat().st_size
    assert mat["metadata"]["mb_per_s"]["type"] == "float" and md["seconds"] >= 0


def test_protocol_two_assets_and_failure(tmp_path: Path) -> None:
    fx = require_shared(*V3)
    d = dump_dir(tmp_path, fx / "releases_fixture.xml", fx / "labels_fixture.xml")
    msgs_path = tmp_path / "messages.jsonl"
    run_converter(d, "--output-dir", tmp_path / "out", env=pipes_env(msgs_path, ["filtered_csvs", "label_hierarchy"]))
    mats = {m["params"]["asset_key"]: m["params"]["metadata"] for m in read_messages(msgs_path)
            if m["method"] == "report_asset_materialization"}
    assert mats["label_hierarchy"]["rows_label_hierarchy"]["raw_value"] == 4
    assert "rows_release" not in mats["label_hierarchy"]
    assert mats["filtered_csvs"]["rows_release"]["raw_value"] == 16

    bad = tmp_path / "bad.xml"
    bad.write_text("<releases><release id='1'>")
    fail_msgs = tmp_path / "fail.jsonl"
    proc = run_converter(bad, "--output-dir", tmp_path / "out2", env=pipes_env(fail_msgs, ["filtered_csvs"]),
                         check=False)
    assert proc.returncode == 1
    closed = read_messages(fail_msgs)[-1]
    assert closed["method"] == "closed" and "not closed" in closed["params"]["exception"]["message"]


@pytest.mark.parametrize("client", [dg.PipesSubprocessClient, converter_client], ids=["dagster-default", "product"])
def test_real_pipes_subprocess_client(tmp_path: Path, client) -> None:  # noqa: ANN001
    """A real materialization under Dagster's default client and under the one the converter asset
    runs under (its reader polls every 0.2 s): every message arrives, the last ones written just
    before the process exits included."""
    fx = require_shared(*V3)
    out = tmp_path / "out"

    @dg.asset
    def converted(context: dg.AssetExecutionContext, pipes: dg.PipesSubprocessClient) -> dg.MaterializeResult:
        cmd = [str(converter_path()), str(fx / "releases_fixture.xml"), "--output-dir", str(out)]
        return pipes.run(command=cmd, context=context).get_materialize_result()

    with dg.instance_for_test() as instance:
        result = dg.materialize([converted], resources={"pipes": client()}, instance=instance)
        assert result.success
        logs = [r.user_message for r in instance.all_logs(result.run_id) if not r.is_dagster_event]
    (mat,) = result.asset_materializations_for_node("converted")
    assert mat.metadata["rows_release"].value == 16
    assert mat.metadata["releases_written"].value == 16
    assert (out / "release.csv").is_file()
    assert any(m.startswith("Complete: 16 scanned, 16 written") for m in logs)


class _Handler:
    def __init__(self) -> None:
        self.messages: list[dict] = []

    def handle_message(self, message: dict) -> None:
        self.messages.append(message)


def test_polled_reader_joins_a_line_caught_mid_write() -> None:
    handler = _Handler()
    reader = PolledFileMessageReader(poll_seconds=0.01)
    with reader.read_messages(handler) as params:
        with open(params["path"], "a", encoding="utf-8") as fh:
            fh.write('{"method": "log", "params": {"mess')
            fh.flush()
            time.sleep(0.1)  # the reader has seen the first half by now
            fh.write('age": "x"}}\n{"method": "closed", "params": {}}\n')
    assert handler.messages == [{"method": "log", "params": {"message": "x"}}, {"method": "closed", "params": {}}]
