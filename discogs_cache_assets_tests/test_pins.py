"""Releases the station pins are kept through the converter, dedup and the library match, end to
end; a pinned id the dump lacks is reported, not an error; a bad pins file fails with its line."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids
from discogs_cache_assets_tests.samplecache import generate, sample_resources


def _pinning(resources: dict[str, object], pins: Path) -> dict[str, object]:
    library = resources["library"]
    assert isinstance(library, LibraryResource)
    return {**resources, "library": LibraryResource(**{**library.model_dump(), "keep_release_ids_file": str(pins)})}


def _check_passed(result, name: str) -> bool:  # noqa: ANN001
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    return evaluation.passed


def test_pinned_releases_survive_dedup_and_prune(tmp_path, pg_url) -> None:  # noqa: ANN001
    # 101 loses its master to 102 (US); 401 survives dedup but its artist is no library artist.
    pins = tmp_path / "pins.txt"
    pins.write_text("# the station's own copies\n101\n\n401\n999999\n401\n", encoding="utf-8")
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                                library_db=write_library(tmp_path / "library.db"))
    with dg.instance_for_test() as instance:
        result = build(instance, _pinning(resources, pins))
    # The pinned ones, and the best of their masters beside them (102 for master 1).
    assert published_ids(pg_url) == sorted([*KEPT, 101, 401])
    deduped = metadata(result, "deduped_releases")
    assert (deduped["pinned_releases"], deduped["pinned_in_dump"], deduped["pinned_missing"]) == (3, 2, 1)
    assert deduped["pinned_missing_ids"] == "999999"  # reported, not an error
    assert _check_passed(result, "one_release_per_master")
    matches = metadata(result, "library_matches")
    assert matches["keep"] == len(KEPT) + 2 and matches["prune"] == 0
    assert _check_passed(result, "kept_releases_match_library")


def _titled_release_ids(releases_xml: Path) -> list[int]:
    with gzip.open(releases_xml) as fh:
        return [int(e.get("id")) for _, e in ET.iterparse(fh)
                if e.tag == "release" and (e.findtext("title") or "").strip()]


def test_a_pinned_release_the_filter_drops_is_converted_and_published(tmp_path, pg_url) -> None:  # noqa: ANN001
    info = generate(tmp_path / "sample")
    resources = sample_resources(pg_url, tmp_path, info)
    with dg.instance_for_test() as instance:
        first = build(instance, resources)
        (csvs,) = [e for e in first.asset_materializations_for_node("convert_dump")
                   if e.asset_key == dg.AssetKey("filtered_csvs")]
        release_csv = Path(str(csvs.metadata["csv_dir"].value)) / "release.csv"
        converted = {int(line.split(",", 1)[0]) for line in release_csv.read_text(encoding="utf-8").splitlines()[1:]
                     if line[:1].isdigit()}
        (releases_xml,) = info.out_dir.glob("*_releases.xml.gz")
        dropped = next(i for i in _titled_release_ids(releases_xml) if i not in converted)
        assert dropped not in published_ids(pg_url)
        pins = tmp_path / "pins.txt"
        pins.write_text(f"{dropped}\n", encoding="utf-8")
        second = build(instance, _pinning(resources, pins))
    assert dropped in published_ids(pg_url)
    assert metadata(second, "deduped_releases")["pinned_in_dump"] == 1


@pytest.mark.parametrize("line", ["-5", "12a", "0"])
def test_a_bad_pins_line_fails_with_the_file_and_line(line: str, tmp_path, pg_url) -> None:  # noqa: ANN001
    pins = tmp_path / "pins.txt"
    pins.write_text(f"101\n# comment\n{line}\n", encoding="utf-8")
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv"),
                                library_db=write_library(tmp_path / "library.db"))
    with dg.instance_for_test() as instance:
        result = build(instance, _pinning(resources, pins), raise_on_error=False)
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "deduped_releases"
    message = failed.step_failure_data.user_failure_data.description
    assert message == f"{pins}: line 3: {line!r} is not a release id"


def test_the_pins_file_is_configured_by_its_variable(monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from discogs_cache_assets.definitions import default_resources

    monkeypatch.delenv("DISCOGS_KEEP_RELEASE_IDS_FILE", raising=False)
    assert default_resources()["library"].keep_release_ids_file is None
    monkeypatch.setenv("DISCOGS_KEEP_RELEASE_IDS_FILE", str(tmp_path / "pins.txt"))
    assert default_resources()["library"].keep_release_ids_file == str(tmp_path / "pins.txt")
