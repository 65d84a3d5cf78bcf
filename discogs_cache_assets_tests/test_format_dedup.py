"""Format-aware dedup (DISCOGS_DEDUP=format): one release per master and normalized format, so a
station that owns the vinyl and the CD keeps both; release.format is published either way."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.cache import build as build_steps
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata

# One master on vinyl (LP), on CD and as a 7" single; the vinyl outranks the others (US, most
# tracks). A masterless cassette and a release without formats.
RELEASES = [
    (701, "Wish", "US", 7, "The Cure", 12, "Vinyl", "LP, Album"),
    (702, "Wish", "UK", 7, "The Cure", 12, "CD", "Album"),
    (703, "Wish", "UK", 7, "The Cure", 2, "Vinyl", '7", 45 RPM, Single'),
    (704, "Wish", "UK", 7, "The Cure", 1, "2xVinyl", "LP, Album, Reissue"),  # loses to 701
    (801, "Tape Only", "US", None, "The Cure", 3, "Cassette", "Album"),
    (802, "No Format", "US", 8, "The Cure", 3, "", ""),
]
LIBRARY = [("The Cure", "Wish"), ("The Cure", "Tape Only"), ("The Cure", "No Format")]


def _resources(tmp_path: Path, pg_url: str, dedup: str) -> dict[str, object]:
    return graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=write_csv_set(tmp_path / "csv", RELEASES),
                           library_db=write_library(tmp_path / "library.db", LIBRARY), dedup=dedup)


def _published(tmp_path: Path, pg_url: str, dedup: str) -> tuple[dict[int, str | None], dict[str, object]]:
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, dedup))
    with psycopg.connect(pg_url) as conn:
        return dict(conn.execute("SELECT id, format FROM release ORDER BY id").fetchall()), metadata(
            result, "deduped_releases")


def test_format_mode_keeps_one_release_per_master_and_format(tmp_path, pg_url) -> None:  # noqa: ANN001
    published, dedup = _published(tmp_path, pg_url, "Format")  # the setting in any case
    assert published == {701: "Vinyl", 702: "CD", 703: '7"', 801: "Cassette", 802: None}
    assert dedup["dedup_by"] == "format" and dedup["releases_after"] == 5


def test_master_mode_keeps_one_release_per_master_and_publishes_its_format(tmp_path, pg_url) -> None:  # noqa: ANN001
    published, dedup = _published(tmp_path, pg_url, "master")
    assert published == {701: "Vinyl", 801: "Cassette", 802: None}
    assert dedup["dedup_by"] == "master" and dedup["releases_after"] == 3


def test_an_unknown_mode_fails_the_dedup_step_in_one_line(tmp_path, pg_url) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, "formats"), raise_on_error=False)
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "deduped_releases"
    assert failed.step_failure_data.user_failure_data.description == (
        "DISCOGS_DEDUP='formats': dedup keeps one release per 'master' or per master and 'format'"
    )


@pytest.mark.parametrize(
    ("formats", "descriptions", "expected"),
    [
        ("Vinyl", "LP, Album", "Vinyl"),
        ("2xVinyl, CD", "LP", "Vinyl"),
        ("Vinyl", '7", 45 RPM', '7"'),
        ("Flexi-disc", '7"', '7"'),
        ("Box Set, 3xCD", "Compilation", "CD"),
        ("CDr", None, "CD"),
        ("Cassette", "", "Cassette"),
        ("File", "MP3, Album", "Digital"),
        ("Shellac", '10"', "other"),
        ("All Media, DVD", "", "other"),
        ("", "", None),
        (None, None, None),
    ],
)
def test_release_format_normalization(pg_url, formats, descriptions, expected) -> None:  # noqa: ANN001
    with psycopg.connect(pg_url) as conn:
        build_steps.run_sql_file(conn, "build_schema")
        found = conn.execute("SELECT discogs_build.release_format(%s, %s)", (formats, descriptions)).fetchone()[0]
    assert found == expected
