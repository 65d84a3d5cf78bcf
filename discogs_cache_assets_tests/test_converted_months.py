"""Converted CSVs of older months (workspace ``csv/<dump id>/``) go once a newer month is published,
but for the number kept; a later month's, and whatever else is in the folder, stay."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.dump.converted import remove_older_months
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets_tests.csvsets import write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids
from discogs_cache_assets_tests.test_converter_failures import GOOD, MONTH, month

MONTHS = ["20260501", "20260601", "20260701", "20260801", "20260901"]


@pytest.mark.parametrize(("keep", "removed"), [
    (1, ["20260501", "20260601", "20260701"]),
    (0, ["20260501", "20260601", "20260701"]),  # the published month is kept whatever the number
    (2, ["20260501", "20260601"]),
    (9, []),
])
def test_months_before_the_published_one_go_but_for_those_kept(tmp_path: Path, keep: int, removed: list[str]) -> None:
    for name in [*MONTHS, "20260701.tmp-12", "mine"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "release.csv").write_text("id\n1\n", encoding="utf-8")
    (tmp_path / "20260401").write_text("a file, not a month's folder", encoding="utf-8")
    assert remove_older_months(tmp_path, "20260801", keep) == removed
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {*MONTHS, "20260701.tmp-12", "mine", "20260401"} - set(removed)


def test_nothing_goes_when_the_published_name_is_not_a_month(tmp_path: Path) -> None:
    (tmp_path / "20260501").mkdir()
    assert remove_older_months(tmp_path, "my-csvs", 1) == []
    assert remove_older_months(tmp_path / "absent", "20260801", 1) == []
    assert (tmp_path / "20260501").is_dir()


def test_publishing_a_newer_month_removes_the_older_months_csvs(tmp_path: Path, pg_url: str) -> None:
    dump, _, _ = month(tmp_path, GOOD)
    for path in dump.iterdir():  # the same month a month earlier
        path.rename(path.with_name(path.name.replace(MONTH, "20260701")))
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path,
                                library_db=write_library(tmp_path / "lib.db", [("Lib Band", "Alpha")]))
    resources["dump"] = DumpResource(dump_dir=str(dump))
    csv_root = tmp_path / "home" / "csv"
    with dg.instance_for_test() as instance:
        build(instance, resources)
        assert (csv_root / "20260701" / "release.csv").is_file()
        (tmp_path / "newer").mkdir()
        newer, _, _ = month(tmp_path / "newer", GOOD)
        for path in newer.iterdir():
            path.rename(dump / path.name)
        result = build(instance, resources)
    assert metadata(result, "discogs_cache")["removed_csv_months"] == "20260701"
    assert sorted(p.name for p in csv_root.iterdir()) == [MONTH]
    assert published_ids(pg_url) == [1]
