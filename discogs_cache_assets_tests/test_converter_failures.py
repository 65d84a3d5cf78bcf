"""The converter step failing in Dagster: its failure message, in the run and in the CLI's output,
is one line, the converter's own (the dump file, the byte offset, what is wrong), or what is
wrong with the configured ``DISCOGS_CONVERTER``; never "External execution process failed"."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.dump.binary import ENV_VAR
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets_tests.cli import cli_env, materialize
from discogs_cache_assets_tests.csvsets import write_library
from discogs_cache_assets_tests.graph import build, graph_resources

MONTH = "20260801"
LIB = "<artists><artist><id>10</id><name>Lib Band</name></artist></artists>"
GOOD = f'<release id="1">{LIB}<title>Alpha</title></release>\n'
BAD = f'<release id="1x">{LIB}<title>Beta</title></release>\n'
SIDES = {
    "artists": "<artists><artist><id>10</id><name>Lib Band</name></artist>\n</artists>\n",
    "labels": "<labels><label><id>5</id><name>Lab</name></label>\n</labels>\n",
    "masters": '<masters><master id="77"><main_release>1</main_release><title>Alpha</title></master>\n</masters>\n',
}
GENERIC = "External execution process failed"
SELECTION = "+filtered_csvs"
NOT_PIPES = "without opening Dagster Pipes (is it the discogs-xml-converter?)"


def month(tmp_path: Path, releases: str) -> tuple[Path, Path, str]:
    """A complete local month; its releases file, and the line a broken one must fail with."""
    dump = tmp_path / "dump"
    dump.mkdir()
    data = "<releases>" + releases + "</releases>\n"
    path = dump / f"discogs_{MONTH}_releases.xml"
    path.write_text(data, encoding="utf-8")
    for kind, xml in SIDES.items():
        (dump / f"discogs_{MONTH}_{kind}.xml").write_text(xml, encoding="utf-8")
    line = f'{path}: byte {data.find(BAD)}: release id "1x" is not a number'
    return dump, path, line


def failure(tmp_path: Path, dump: Path, pg_url: str) -> str:
    """The one failed step's message, from a real in-process materialization up to the converter."""
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path,
        library_db=write_library(tmp_path / "lib.db", [("Lib Band", "Alpha")]),
    )
    resources["dump"] = DumpResource(dump_dir=str(dump))
    with dg.instance_for_test() as instance:
        result = build(instance, resources, raise_on_error=False, selection=SELECTION)
    assert not result.success
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "convert_dump"
    message = failed.step_failure_data.user_failure_data.description
    assert "\n" not in message and GENERIC not in message, message
    return message


def test_the_converters_line_is_the_steps_failure(tmp_path: Path, pg_url: str) -> None:
    dump, _, line = month(tmp_path, GOOD + BAD)
    # The converter reads the month through links in the workspace; the line names the user's file.
    assert failure(tmp_path, dump, pg_url) == line


def unusable(tmp_path: Path, kind: str) -> tuple[str, str]:
    """A ``DISCOGS_CONVERTER`` value of that kind, and what the failure says about it."""
    if kind == "directory":
        return str(tmp_path), "not an executable file"
    if kind == "not executable":
        path = tmp_path / "converter"
        path.write_text("#!/bin/sh\n", encoding="utf-8")
        return str(path), "not an executable file"
    if kind == "fails at once":
        path = tmp_path / "converter"
        path.write_text("#!/bin/sh\necho 'usage: something else' >&2\nexit 3\n", encoding="utf-8")
        path.chmod(0o755)
        return str(path), f"exited with status 3 {NOT_PIPES}: usage: something else"
    return "/bin/true", f"exited with status 0 {NOT_PIPES}"


@pytest.mark.parametrize("kind", ["directory", "not executable", "fails at once", "does nothing"])
def test_an_unusable_converter_is_named_in_one_line(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    dump, _, _ = month(tmp_path, GOOD)
    value, what = unusable(tmp_path, kind)
    monkeypatch.setenv(ENV_VAR, value)
    assert failure(tmp_path, dump, pg_url) == f"{ENV_VAR}={value}: {what}"


@pytest.mark.parametrize("case", ["bad dump", "unusable converter"])
def test_the_cli_shows_the_one_line(tmp_path: Path, case: str, pg_url: str) -> None:
    dump, _, line = month(tmp_path, GOOD + (BAD if case == "bad dump" else ""))
    extra = {"DISCOGS_DUMP_DIR": str(dump), "DISCOGS_DUMP_URL": "", "DISCOGS_CSV_DIR": ""}
    if case == "unusable converter":
        extra[ENV_VAR] = str(tmp_path)
        line = f"{ENV_VAR}={tmp_path}: not an executable file"
    env = cli_env(tmp_path, pg_url, tmp_path, tmp_path / "lib.db", **extra)
    write_library(tmp_path / "lib.db", [("Lib Band", "Alpha")])
    done = materialize(env, SELECTION)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert f"Failure: {line}\n" in output, output[-3000:]
    assert GENERIC not in output, output[-3000:]
